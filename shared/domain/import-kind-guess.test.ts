import { describe, expect, it } from 'vitest';
import { guessImportKind } from './import-kind-guess';

describe('guessing the import kind from headers', () => {
  it('knows a placements roster by 岗位类型 and 上岗时间', () => {
    expect(guessImportKind(['序号', '姓名', '身份证号', '岗位类型', '上岗时间', '用工单位'])).toEqual({ kind: 'placements', because: ['岗位类型', '上岗时间', '用工单位'] });
  });
  it('knows attendance by 出勤天数', () => {
    expect(guessImportKind(['姓名', '身份证号', '出勤天数']).kind).toBe('attendance');
  });
  it('knows the employment ledger by 就业状态 and 就业形式', () => {
    expect(guessImportKind(['姓名', '身份证号', '就业状态', '就业形式', '务工地']).kind).toBe('employment');
  });
  it('takes a people roster for people, and one weak sign for nothing', () => {
    expect(guessImportKind(['姓名', '身份证号', '与户主关系', '劳动能力', '用工单位'])).toEqual({ kind: 'people', because: [] });
  });
});
