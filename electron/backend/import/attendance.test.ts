// The attendance kind end to end on the demo county, from a township workbook written by another program
// (openpyxl): dry run, commit, re-import, undo, and the refusals (not on post, name, days, locked month).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { analyse } from './analyse';
import { commitImport } from './commit';
import { undoBatch } from './batches';
import { hasOpenpyxl } from './testing/workbooks';
import { payrollMonth } from '../payroll/payroll';
import { judgeAttendanceRow, parseAttendedDays } from '../../../shared/domain/attendance-import';

const PYTHON = '/usr/bin/python3';

/** A township's monthly attendance sheet as clerks make them: title rows, a two-row header, a totals row, a note. */
const WRITE_SHEET = `
import json, sys, openpyxl
rows = json.loads(sys.argv[2])
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '7月考勤'
ws['A1'] = sys.argv[3]
ws.merge_cells('A1:F1')
ws['A2'] = '填表单位：（盖章）'
ws.append(['序号', '姓名', '公民身份号码', '村', '出勤情况', None])
ws.append([None, None, None, None, '出勤天数（天）', '备注'])
ws.merge_cells('E3:F3')
for i, r in enumerate(rows, 1):
    ws.append([i, r[0], r[1], r[2], r[3], None])
ws.append(['合计', None, None, None, None, None])
ws.append(['填表人：张三    审核人：李四', None, None, None, None, None])
wb.save(sys.argv[1])
`;
import { queryRows } from '../testing/store-sql';

function writeWorkbook(file: string, title: string, rows: (string | number | null)[][]): Buffer {
  execFileSync(PYTHON, ['-c', WRITE_SHEET, file, JSON.stringify(rows), title]);
  return fs.readFileSync(file);
}

describe.skipIf(!hasOpenpyxl())('attendance import', () => {
  let temp: TempDb;
  let township: { code: string; name: string };
  let onPost: { placementId: number; name: string; idNumber: string; villageName: string }[];
  let offPost: { name: string; idNumber: string };
  const q = <T>(sql: string, ...params: unknown[]) => queryRows<T>(temp.ctx.wdb, sql, params);

  beforeAll(async () => {
    temp = await createTempDb({ demo: true });
    township = temp.ctx.townships[1]!;
    onPost = await q<{ placementId: number; name: string; idNumber: string; villageName: string }>(`select pl.id "placementId", pe.name, pe.id_number "idNumber", d.name "villageName"
      from placements pl join posts po on po.id = pl.post_id join people pe on pe.id = pl.person_id join divisions d on d.code = po.village_code
      where po.township_code = ? and po.year = 2022 and pl.exit_date is null order by pl.id limit 6`, township.code);
    offPost = (await q<{ name: string; idNumber: string }>(`select name, id_number "idNumber" from people where id not in (select person_id from placements) order by id limit 1`))[0]!;
  }, 120_000);
  afterAll(async () => { await temp.cleanup(); });

  it('imports 2022-08 attendance from an openpyxl workbook, rejecting what it must with codes and row numbers', async () => {
    const [a, b, c, d, e, f] = onPost;
    const file = path.join(temp.dir, 'kaoqin.xlsx');
    const bytes = writeWorkbook(file, `卢龙县${township.name}2022年8月公益岗位考勤表`, [
      [a!.name, a!.idNumber, a!.villageName, 22],
      [b!.name, b!.idNumber.toLowerCase(), b!.villageName, '20天'],
      [c!.name, ` ${c!.idNumber} `, c!.villageName, '１５'],
      ['错名字', d!.idNumber, d!.villageName, 22],
      [e!.name, e!.idNumber, e!.villageName, -2],
      [f!.name, f!.idNumber, f!.villageName, '全勤'],
      [offPost.name, offPost.idNumber, '', 22],
      [a!.name, a!.idNumber, a!.villageName, 21],
    ]);
    const request = { bytes, fileName: 'kaoqin.xlsx', kind: 'attendance' as const, month: '2022-08' };
    const dry = await analyse(temp.ctx, request);
    expect(dry.counts).toMatchObject({ rows: 8, created: 3, rejected: 5 });
    expect(dry.errors.map((x) => [x.row, x.code])).toEqual([[8, 'NAME_MISMATCH'], [9, 'BAD_DAYS'], [10, 'BAD_NUMBER'], [11, 'NOT_ON_POST'], [12, 'DUPLICATE_IN_FILE']]);
    expect(dry.errors[0]!.message).toBe(`身份证号已登记为“${d!.name}”，与本行姓名“错名字”不一致`);
    expect(dry.errors[0]!.header).toBe('姓名');
    expect(dry.errors[3]!.message).toBe('此人2022-08不在公益岗位上');
    expect(await q('select * from attendance where month = ?', '2022-08')).toEqual([]);

    const committed = await commitImport(temp.ctx, request);
    expect(committed.batchId).toBeGreaterThan(0);
    expect(await q<{ placement_id: number; attended_days: number }>('select placement_id, attended_days from attendance where month = ? order by placement_id', '2022-08'))
      .toEqual([{ placement_id: a!.placementId, attended_days: 22 }, { placement_id: b!.placementId, attended_days: 20 }, { placement_id: c!.placementId, attended_days: 15 }].sort((x, y) => x.placement_id - y.placement_id));
    expect(await q<{ month: string; kind: string }>('select month, kind from import_batches where id = ?', committed.batchId)).toEqual([{ month: '2022-08', kind: 'attendance' }]);

    // The payroll sees it; the people the file left out are listed as on post without attendance.
    const payroll = await payrollMonth(temp.ctx, '2022-08');
    expect(payroll.lines.find((l) => l.placementId === b!.placementId)).toMatchObject({ attendedDays: 20, netFen: 59091 });
    expect(payroll.anomalies.some((x) => x.code === 'PAY_NO_ATTENDANCE' && x.placementId === d!.placementId)).toBe(true);

    // The same file again changes nothing; a corrected file updates; undo puts the earlier values back.
    const again = await analyse(temp.ctx, request);
    expect(again.alreadyImported?.batchId).toBe(committed.batchId);
    const corrected = writeWorkbook(path.join(temp.dir, 'kaoqin2.xlsx'), `${township.name}8月考勤`, [[a!.name, a!.idNumber, '', 18], [b!.name, b!.idNumber, '', 20]]);
    const second = await commitImport(temp.ctx, { ...request, bytes: corrected, fileName: 'kaoqin2.xlsx' });
    expect(second.analysis.counts).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await q('select attended_days from attendance where placement_id = ? and month = ?', a!.placementId, '2022-08')).toEqual([{ attended_days: 18 }]);
    await undoBatch(temp.ctx, second.batchId!);
    expect(await q('select attended_days from attendance where placement_id = ? and month = ?', a!.placementId, '2022-08')).toEqual([{ attended_days: 22 }]);
    await undoBatch(temp.ctx, committed.batchId!);
    expect(await q('select * from attendance where month = ?', '2022-08')).toEqual([]);
  });

  it('refuses every row of an approved month, and the database would refuse them too', async () => {
    const [a] = onPost;
    const bytes = writeWorkbook(path.join(temp.dir, 'june.xlsx'), '6月考勤', [[a!.name, a!.idNumber, '', 10]]);
    const result = await commitImport(temp.ctx, { bytes, fileName: 'june.xlsx', kind: 'attendance', month: '2022-06' });
    expect(result.analysis.counts).toMatchObject({ rows: 1, rejected: 1 });
    expect(result.analysis.errors[0]).toMatchObject({ code: 'MONTH_LOCKED', message: `2022-06${township.name}已审核锁定，不能修改` });
    expect(await q('select attended_days from attendance where placement_id = ? and month = ?', a!.placementId, '2022-06')).not.toEqual([{ attended_days: 10 }]);
  });
});

describe('attendance row rules', () => {
  it('reads day counts the way township files write them', () => {
    expect(parseAttendedDays(22)).toEqual({ ok: true, value: 22 });
    expect(parseAttendedDays('２２天')).toEqual({ ok: true, value: 22 });
    expect(parseAttendedDays(' 0 ')).toEqual({ ok: true, value: 0 });
    expect(parseAttendedDays(21.5)).toMatchObject({ ok: false, error: { code: 'BAD_DAYS' } });
    expect(parseAttendedDays(32)).toMatchObject({ ok: false, error: { code: 'BAD_DAYS' } });
    expect(parseAttendedDays('-1')).toMatchObject({ ok: false, error: { code: 'BAD_DAYS' } });
    expect(parseAttendedDays('全勤')).toMatchObject({ ok: false, error: { code: 'BAD_NUMBER' } });
    expect(parseAttendedDays(null)).toMatchObject({ ok: false, error: { code: 'VALUE_MISSING' } });
  });

  it('refuses a person with two placements in the month rather than guessing which', () => {
    const target = { townshipCode: 't', attendedDays: null, editRefusal: null, scopeRefusal: null };
    const result = judgeAttendanceRow({ idNumber: '11010519491231002X', name: '甲', attendedDays: 22 }, 5, '2022-07',
      () => ({ name: '甲', targets: [{ ...target, placementId: 1 }, { ...target, placementId: 2 }] }), new Map());
    expect(result).toMatchObject({ ok: false, errors: [{ error: { code: 'ATTENDANCE_AMBIGUOUS' } }] });
    const forbidden = judgeAttendanceRow({ idNumber: '11010519491231002X', name: '', attendedDays: 22 }, 5, '2022-07',
      () => ({ name: '甲', targets: [{ ...target, placementId: 1, scopeRefusal: { code: 'OUT_OF_SCOPE' as const, message: '燕河营镇不属于您负责的乡镇' } }] }), new Map());
    expect(forbidden).toMatchObject({ ok: false, errors: [{ field: 'idNumber', error: { code: 'OUT_OF_SCOPE' } }] });
  });
});
