import { describe, expect, it } from 'vitest';
import { applyMapping, columnLetter, detectHeader, headerKey, matchField, type FieldSpec, type SheetRowData } from './import-headers';
import { classifyRow } from './import-rows';

const FIELDS: FieldSpec[] = [
  { key: 'idNumber', label: '身份证号', required: true, aliases: ['身份证号', '身份证号码', '公民身份号码', '证件号码'] },
  { key: 'name', label: '姓名', required: true, aliases: ['姓名'] },
  { key: 'townshipCode', label: '乡镇', required: true, aliases: ['乡镇', '乡(镇)', '所属乡镇'] },
  { key: 'villageCode', label: '村', required: true, aliases: ['村', '村(社区)'] },
  { key: 'phone', label: '联系电话', required: false, aliases: ['联系电话', '手机号', '联系方式'] },
  { key: 'cardNumber', label: '社保卡号', required: false, aliases: ['社保卡号', '银行卡号', '银行账号'] },
];

const rows = (...list: (string | number | undefined)[][]): SheetRowData[] => list.map((cells, i) => ({ row: i + 1, cells }));

describe('header names', () => {
  it('match every variant of SPEC §4, with spaces, full-width brackets, stars and notes ignored', () => {
    const cases: [string, string][] = [
      ['身份证号', 'idNumber'], ['身份证号码', 'idNumber'], ['公民身份号码', 'idNumber'], ['证件号码', 'idNumber'], [' 身 份 证 号 ', 'idNumber'],
      ['*身份证号码（必填）', 'idNumber'], ['乡镇', 'townshipCode'], ['乡（镇）', 'townshipCode'], ['所属乡镇', 'townshipCode'],
      ['联系电话', 'phone'], ['手机号', 'phone'], ['联系方式', 'phone'], ['社保卡号', 'cardNumber'], ['银行卡号', 'cardNumber'], ['银行账号', 'cardNumber'],
      ['姓\u3000名', 'name'], ['村（社区）', 'villageCode'],
    ];
    for (const [header, field] of cases) expect(matchField(header, FIELDS), header).toBe(field);
    expect(matchField('帮扶责任人', FIELDS)).toBeNull();
    expect(matchField('', FIELDS)).toBeNull();
    expect(headerKey('乡（镇）')).toBe('乡(镇)');
  });
  it('letters columns as Excel does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('detectHeader', () => {
  it('finds a one-row header below title rows, in any column order, listing unknown columns', () => {
    const sheet = rows(['卢龙县印庄镇脱贫人口台账'], ['填报单位：印庄镇'], ['序号', '手机号', '姓名', '备注说明', '身份证号码', '乡镇', '村'], [1, '139', '张三', '', '1303', '印庄镇', '印庄村']);
    const header = detectHeader(sheet, [], FIELDS)!;
    expect(header).toMatchObject({ firstRow: 3, lastRow: 3, score: 5 });
    expect(header.columns.map((c) => [c.letter, c.field])).toEqual([['A', null], ['B', 'phone'], ['C', 'name'], ['D', null], ['E', 'idNumber'], ['F', 'townshipCode'], ['G', 'villageCode']]);
  });
  it('combines a merged two-row header: group cells above, names below, single headers merged down', () => {
    const sheet = rows(['台账'], ['序号', '基本信息', undefined, '住址', undefined, '联系方式'], [undefined, '姓名', '公民身份号码', '乡（镇）', '村'], [1, '张三', '1303', '印庄乡', '印庄']);
    const merges = [{ top: 2, left: 2, bottom: 2, right: 3 }, { top: 2, left: 4, bottom: 2, right: 5 }, { top: 2, left: 1, bottom: 3, right: 1 }, { top: 2, left: 6, bottom: 3, right: 6 }];
    const header = detectHeader(sheet, merges, FIELDS)!;
    expect(header).toMatchObject({ firstRow: 2, lastRow: 3, score: 5 });
    expect(header.columns.find((c) => c.field === 'idNumber')?.header).toBe('基本信息/公民身份号码');
    expect(header.columns.find((c) => c.letter === 'F')?.field).toBe('phone');
    expect(header.columns.find((c) => c.letter === 'A')).toMatchObject({ header: '序号', field: null });
  });
  it('reads a two-row header even when the file lost its merges', () => {
    const sheet = rows(['基本信息', undefined, '联系方式'], ['姓名', '身份证号'], ['张三', '1303', '139']);
    const header = detectHeader(sheet, [], FIELDS)!;
    expect(header.lastRow).toBe(2);
    expect(header.columns.map((c) => c.field)).toEqual(['name', 'idNumber', 'phone']);
  });
  it('uses the first of two columns with the same name', () => {
    const header = detectHeader(rows(['姓名', '身份证号', '姓名']), [], FIELDS)!;
    expect(header.columns.map((c) => c.field)).toEqual(['name', 'idNumber', null]);
  });
  it('answers null when no row names two fields', () => {
    expect(detectHeader(rows(['a', 'b'], ['姓名', 'x']), [], FIELDS)).toBeNull();
    expect(detectHeader([], [], FIELDS)).toBeNull();
  });
});

describe('applyMapping', () => {
  const header = detectHeader(rows(['姓名', '身份证号', '电话号', '备注']), [], FIELDS)!;
  it('lets the clerk map an unknown column and ignore a known one', () => {
    const mapped = applyMapping(header.columns, { 2: 'phone', 0: null }, FIELDS);
    expect(mapped.map((c) => c.field)).toEqual([null, 'idNumber', 'phone', null]);
  });
  it('moves a field chosen for another column away from its old column, and ignores unknown field keys', () => {
    const mapped = applyMapping(header.columns, { 3: 'name', 2: 'nonsense' }, FIELDS);
    expect(mapped.map((c) => c.field)).toEqual([null, 'idNumber', null, 'name']);
  });
});

describe('classifyRow', () => {
  it('tells data from empty, totals, notes and column-number rows', () => {
    expect(classifyRow([1, '张三', '130324'])).toBe('data');
    expect(classifyRow([undefined, '  ', null])).toBe('empty');
    expect(classifyRow([undefined, '合计', undefined, 14])).toBe('totals');
    expect(classifyRow(['合 计：14人'])).toBe('totals');
    expect(classifyRow(['总计'])).toBe('totals');
    expect(classifyRow(['印庄镇小计', 30])).toBe('totals');
    expect(classifyRow(['填表人：刘某', undefined, '审核人：王某'])).toBe('notes');
    expect(classifyRow(['审核人：王某'])).toBe('notes');
    expect(classifyRow(['注：身份证号请设为文本'])).toBe('notes');
    expect(classifyRow([1, 2, 3, 4, 5])).toBe('column-numbers');
    expect(classifyRow(['1', '2', '3'])).toBe('column-numbers');
  });
});
