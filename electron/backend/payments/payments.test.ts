// Payment batches, bank files, return files and re-issue in the engine, through dispatch and the importer,
// on a real database file: every rule of issue 12 once.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { insertPlacements } from '../testing/payroll-fixture';
import type { EngineContext } from '../context';
import type { PaymentBatchView } from '../../../shared/contract/payments';
import type { PayrollMonthView } from '../../../shared/contract/schemas';
import { commitImport } from '../import/commit';
import { analyse } from '../import/analyse';
import { importSummary } from '../import/summary';
import { undoBatch } from '../import/batches';
import { paymentFigures } from './month-money';
import { DEFAULT_BANK_TEMPLATE } from '../../../shared/domain/bank-file';
import { queryNumber, queryRows } from '../testing/store-sql';

async function ok<T>(ctx: EngineContext, channel: string, input: unknown): Promise<T> {
  const result = await dispatch(ctx, channel, input);
  if (!result.ok) throw new Error(`${channel} refused: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}
async function refused(ctx: EngineContext, channel: string, input: unknown): Promise<{ code: string; message: string }> {
  const result = await dispatch(ctx, channel, input);
  if (result.ok) throw new Error(`${channel} was expected to be refused`);
  return result.error;
}

type Created = { batch: PaymentBatchView; file: { fileName: string; base64: string; rows: number } };

/** A bank's return file: its own title, the columns it echoes, 处理结果 and 失败原因, a 合计 row. */
async function returnFile(title: string, rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('回盘');
  sheet.addRow([title]);
  sheet.addRow(['序号', '户名', '账号', '交易金额', '处理结果', '失败原因']);
  for (const r of rows) sheet.addRow(r);
  sheet.addRow(['合计', '', '', rows.reduce((s, r) => s + Number(r[3]), 0), '', '']);
  for (let i = 3; i < 3 + rows.length; i += 1) sheet.getCell(`C${i}`).numFmt = '@';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('payment batches, return files and re-issue', () => {
  let temp: TempDb;
  let ctx: EngineContext;
  let placed: Awaited<ReturnType<typeof insertPlacements>>;
  let a: string;
  let b: string;
  const n = (sql: string, ...params: unknown[]) => queryNumber(ctx.wdb, sql, params);
  const approve = async (month: string, township: string, days = 22) => {
    const lines = (await ok<PayrollMonthView>(ctx, 'payroll.month', { month })).lines.filter((l) => l.townshipCode === township);
    await ok(ctx, 'payroll.setAttendance', { month, entries: lines.map((l) => ({ placementId: l.placementId, attendedDays: days })) });
    await ok(ctx, 'payroll.transition', { month, townshipCode: township, action: 'submit' });
    await ok(ctx, 'payroll.transition', { month, townshipCode: township, action: 'approve' });
  };
  const importReturn = async (fileName: string, bytes: Buffer) => {
    const { analysis, batchId } = await commitImport(ctx, { bytes, fileName, kind: 'bank-return' });
    return importSummary(analysis, batchId);
  };

  beforeAll(async () => {
    temp = await createTempDb();
    ctx = temp.ctx;
    a = ctx.townships[0]!.code;
    b = ctx.townships[1]!.code;
    placed = await insertPlacements(ctx, [
      { name: '甲', townshipIndex: 0, cardNumber: '6217000000000000011' }, { name: '乙', townshipIndex: 0, cardNumber: '6217000000000000022' },
      { name: '丙', townshipIndex: 0, cardNumber: '' }, { name: '丁', townshipIndex: 1, cardNumber: '6217000000000000044' },
      { name: '戊', townshipIndex: 1, cardNumber: '6217000000000000055' },
    ]);
    await approve('2022-03', a);
  });
  afterAll(async () => { await temp.cleanup(); });

  let first: Created;
  it('makes a numbered batch of the approved lines that can be sent: no card, not approved → not in it', async () => {
    const preview = await ok<{ lines: number; totalFen: number; notApproved: string[] }>(ctx, 'payments.preview', { month: '2022-03', retryFailed: false });
    expect(preview).toMatchObject({ lines: 2, totalFen: 130000, notApproved: [ctx.townships[1]!.name] });
    first = await ok<Created>(ctx, 'payments.create', { month: '2022-03', retryFailed: false });
    expect(first.batch).toMatchObject({ batchNo: '202203-01', status: '已生成', lines: 2, totalFen: 130000, townships: [{ code: a }] });
    expect(first.file.fileName).toBe(`${ctx.county.name}_公益性岗位补贴代发_2022-03_批次202203-01.xlsx`);
    // The batch's total is the sum of its lines, in the database.
    expect(await n('select sum(amount_fen) n from payment_lines where batch_id = ?', first.batch.id)).toBe(first.batch.totalFen);
    expect(await n("select count(*) n from audit_log where entity = 'payment_batch' and action = 'create'")).toBe(1);
    expect(await n("select count(*) n from audit_log where entity = 'payment_batch' and action = 'create' and after_json like '%backup%'")).toBe(1);
  });

  it('writes the default sheet: title with the batch number, 序号…备注, every text cell text, count and total at the foot', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(first.file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toContain('批次号202203-01');
    expect(sheet.getRow(2).values).toEqual([undefined, '序号', '姓名', '身份证号', '卡号', '金额', '备注']);
    expect(sheet.getCell('B3').value).toBe('甲');
    expect(sheet.getCell('D3').value).toBe('6217000000000000011');
    expect(sheet.getCell('D3').numFmt).toBe('@');
    expect(sheet.getCell('C3').value).toBe(placed[0]!.idNumber);
    expect(sheet.getCell('E3').value).toBe(650);
    expect(sheet.getRow(5).values).toEqual([undefined, '合计', '共2笔', '', '', 1300, '']);
  });

  it('takes nothing twice: running it again finds nothing; a township approved since is all a new batch takes', async () => {
    expect((await refused(ctx, 'payments.create', { month: '2022-03', retryFailed: true })).code).toBe('PAYMENT_NOTHING_TO_SEND');
    expect((await refused(ctx, 'payments.create', { month: '2022-03', townshipCode: b, retryFailed: false })).code).toBe('PAYMENT_NOT_APPROVED');
    await approve('2022-03', b);
    const second = await ok<Created>(ctx, 'payments.create', { month: '2022-03', retryFailed: false });
    expect(second.batch).toMatchObject({ batchNo: '202203-02', lines: 2, totalFen: 130000, townships: [{ code: b }] });
    expect(await n("select count(*) n from payment_lines where month = '2022-03'")).toBe(4);
  });

  it('refuses an administrator reopening a township-month whose lines are in a live batch, until the batch is voided', async () => {
    const error = await refused(ctx, 'payroll.transition', { month: '2022-03', townshipCode: b, action: 'reopen', reason: '考勤有误' });
    expect(error.code).toBe('PAYMENT_BATCH_LIVE');
    expect(error.message).toContain('202203-02');
    // The database refuses it too, whoever deletes.
    await expect(queryRows(ctx.wdb, "delete from payroll_lines where month = '2022-03' and township_code = ?", [b])).rejects.toThrow('PAYMENT_BATCH_LIVE');
    expect((await refused(ctx, 'payments.void', { batchId: 2, reason: '  ' })).code).toBe('REASON_REQUIRED');
    const voided = await ok<PaymentBatchView>(ctx, 'payments.void', { batchId: 2, reason: '银行要求按乡镇分开报送' });
    expect(voided).toMatchObject({ status: '作废', voidReason: '银行要求按乡镇分开报送' });
    expect(await n("select count(*) n from audit_log where entity = 'payment_batch' and action = 'void'")).toBe(1);
    await ok(ctx, 'payroll.transition', { month: '2022-03', townshipCode: b, action: 'reopen', reason: '考勤有误' });
    await ok(ctx, 'payroll.transition', { month: '2022-03', townshipCode: b, action: 'submit' });
    await ok(ctx, 'payroll.transition', { month: '2022-03', townshipCode: b, action: 'approve' });
    // The voided batch released its lines: the next batch takes them.
    const third = await ok<Created>(ctx, 'payments.create', { month: '2022-03', townshipCode: b, retryFailed: false });
    expect(third.batch).toMatchObject({ batchNo: '202203-03', lines: 2 });
    expect((await refused(ctx, 'payments.void', { batchId: 2, reason: '再次' })).code).toBe('BATCH_STATE');
  });

  it('applies a return file: dry run first, then 已发放 / 发放失败（原因） per line and the batch 已回盘', async () => {
    const bytes = await returnFile('代发回盘 批次号202203-01', [
      [1, '甲', '6217000000000000011', 650, '成功', ''],
      [2, '乙', '6217000000000000022', 650, '失败', '户名与账号不符'],
    ]);
    const dry = await analyse(ctx, { bytes, fileName: 'return-01.xlsx', kind: 'bank-return' });
    expect(dry.counts).toMatchObject({ rows: 2, created: 2, rejected: 0 });
    expect(await n('select count(*) n from payment_returns')).toBe(0);
    await ok(ctx, 'payments.markSent', { batchId: first.batch.id });
    const summary = await importReturn('return-01.xlsx', bytes);
    expect(summary).toMatchObject({ kind: 'bank-return', created: 2, rejected: 0, paid: 1, failed: 1 });
    const batch = (await ok<PaymentBatchView[]>(ctx, 'payments.batches', {})).find((x) => x.id === first.batch.id)!;
    expect(batch.status).toBe('已回盘');
    const view = await ok<PayrollMonthView>(ctx, 'payroll.month', { month: '2022-03' });
    const state = (name: string) => view.lines.find((l) => l.name === name)!.payment;
    expect(state('甲')).toEqual({ state: '已发放', reason: null, batchNo: '202203-01' });
    expect(state('乙')).toEqual({ state: '发放失败', reason: '户名与账号不符', batchNo: '202203-01' });
    expect(state('丙')).toEqual({ state: '未发送', reason: '缺少卡号，暂缓发放', batchNo: null });
    expect(state('丁').state).toBe('已生成');
  });

  it('rejects rows that do not match, contradict, confirm another amount or belong to another batch, with codes', async () => {
    const bytes = await returnFile('回盘 批次号202203-01', [
      [1, '甲', '6217000000000000011', 650, '失败', '账户冻结'],
      [2, '乙', '6217000000000000022', 651, '成功', ''],
      [3, '某人', '6222000000000000099', 650, '成功', ''],
      [4, '丁', '6217000000000000044', 650, '成功', ''],
      [5, '乙', '6217000000000000022', 650, '待定', ''],
    ]);
    const dry = await analyse(ctx, { bytes, fileName: 'bad.xlsx', kind: 'bank-return' });
    expect(dry.errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'RETURN_CONTRADICTS'], [4, 'RETURN_AMOUNT'], [5, 'RETURN_NO_LINE'], [6, 'RETURN_OTHER_BATCH'], [7, 'RETURN_STATUS'],
    ]);
    // A voided batch takes no return file.
    const voided = await returnFile('回盘 批次号202203-02', [[1, '丁', '6217000000000000044', 650, '成功', '']]);
    await expect(analyse(ctx, { bytes: voided, fileName: 'voided.xlsx', kind: 'bank-return' })).rejects.toMatchObject({ code: 'RETURN_BATCH_VOIDED' });
    // The name must match where the file has one.
    const named = await returnFile('回盘', [[1, '张三', '6217000000000000044', 650, '成功', '']]);
    expect((await analyse(ctx, { bytes: named, fileName: 'named.xlsx', kind: 'bank-return' })).errors.map((e) => e.code)).toEqual(['RETURN_NAME_MISMATCH']);
  });

  let april: Created;
  it('re-issues a failed line once its card is corrected, in a later month\'s batch named as a correction, and never twice', async () => {
    expect((await ok<{ lines: number }>(ctx, 'payments.preview', { month: '2022-03', townshipCode: a, retryFailed: true })).lines).toBe(0);
    await queryRows(ctx.wdb, "update people set card_number = '6217000000000000777' where id = ?", [placed[1]!.personId]);
    await approve('2022-04', a);
    april = await ok<Created>(ctx, 'payments.create', { month: '2022-04', retryFailed: true });
    expect(april.batch).toMatchObject({ batchNo: '202204-01', lines: 3, totalFen: 195000, reissues: 1 });
    const lines = await ok<{ lineId: number; name: string; month: string; remark: string; cardMasked: string }[]>(ctx, 'payments.lines', { batchId: april.batch.id });
    const retry = lines.find((l) => l.month === '2022-03')!;
    expect(retry.name).toBe('乙');
    expect(retry.remark).toBe('更正2022-03发放；重发（原202203-01批失败：户名与账号不符；卡号已更正）');
    expect(retry.cardMasked.endsWith('0777')).toBe(true);
    // Nothing twice: not again while that re-issue is live, by the engine and by the database.
    expect((await ok<{ lines: number }>(ctx, 'payments.preview', { month: '2022-04', retryFailed: true })).lines).toBe(0);
    await expect(queryRows(ctx.wdb, `insert into payment_lines (batch_id, seq, month, placement_id, person_id, name, id_number, card_number, township_code, village_code, amount_fen)
      values (?, 99, '2022-03', ?, ?, '乙', 'x', 'y', ?, ?, 65000)`, [april.batch.id, placed[1]!.placementId, placed[1]!.personId, a, a])).rejects.toThrow('PAYMENT_TWICE');
    expect((await refused(ctx, 'payments.markRetry', { lineId: lines.find((l) => l.name === '甲')!.lineId })).code).toBe('RETRY_NOT_FAILED');
  });

  it('keeps the answer a re-issue relies on: undoing that return file is refused', async () => {
    const batchId = await n("select max(id) n from import_batches where kind = 'bank-return'");
    await expect(undoBatch(ctx, batchId)).rejects.toMatchObject({ code: 'RETURN_UNDO_REISSUED' });
  });

  it('reconciles: sent = confirmed + failed + awaiting, failed = re-issued + not yet; 首页/R2 count only what the bank confirmed', async () => {
    const batches = await ok<PaymentBatchView[]>(ctx, 'payments.batches', {});
    const r = batches.find((x) => x.batchNo === '202203-01')!.reconciliation;
    expect(r).toEqual({
      sent: { lines: 2, fen: 130000 }, confirmed: { lines: 1, fen: 65000 }, failed: { lines: 1, fen: 65000 },
      reissued: { lines: 1, fen: 65000 }, failedOutstanding: { lines: 0, fen: 0 }, awaiting: { lines: 0, fen: 0 },
    });
    const figures = await paymentFigures(ctx, '2022-03');
    expect(figures.confirmed).toEqual({ lines: 1, fen: 65000 });
    // Not with the bank yet: 乙's re-issue (batch 202204-01) and 丁, 戊 (202203-03) are in batches still 已生成.
    expect(figures.notSent).toEqual({ lines: 3, fen: 195000 });
    expect(figures.failed).toEqual({ lines: 0, fen: 0 });
    expect(figures.awaitingReturn).toEqual({ lines: 0, fen: 0 });
    // Every fen of R4's 实发 is somewhere: confirmed + awaiting + failed + not with the bank.
    const r4 = await ok<{ figures: { totalFen: number; withheldFen: number } }>(ctx, 'reports.preview', { report: 'R4', month: '2022-03' });
    expect(figures.net.fen).toBe(r4.figures.totalFen);
    expect(figures.confirmed.fen + figures.awaitingReturn.fen + figures.failed.fen + figures.unsent.fen).toBe(r4.figures.totalFen);
    expect(figures.withheld.fen).toBe(r4.figures.withheldFen);
    expect(figures.townships.reduce((s, t) => s + t.notSent.fen, 0)).toBe(figures.notSent.fen);
    expect(figures.yearConfirmedFen).toBe(65000);
    const history = await ok<{ month: string; batchNo: string; state: string }[]>(ctx, 'payments.personHistory', { personId: placed[1]!.personId });
    expect(history.map((h) => [h.month, h.batchNo, h.state])).toEqual([['2022-03', '202203-01', '发放失败（户名与账号不符）'], ['2022-03', '202204-01', '已生成'], ['2022-04', '202204-01', '已生成']]);

    const report = await ok<{ fileName: string; base64: string; rows: number }>(ctx, 'payments.report', { batchId: first.batch.id });
    expect(report.rows).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(report.base64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('失败明细')!.getRow(2).getCell(9).value).toBe('202204-01');
    // Sent to the bank: 202204-01 with 乙's re-issue now waits for its return file.
    expect(april.batch.batchNo).toBe('202204-01');
    await ok(ctx, 'payments.markSent', { batchId: april.batch.id });
    const sent = await paymentFigures(ctx, '2022-03');
    expect(sent.awaitingReturn).toEqual({ lines: 1, fen: 65000 });
    expect(sent.notSent).toEqual({ lines: 2, fen: 130000 });
    expect(sent.confirmed.fen + sent.awaitingReturn.fen + sent.failed.fen + sent.unsent.fen).toBe(r4.figures.totalFen);
  });

  it('writes the county template: csv in GBK with its own columns, a name starting with = stays text', async () => {
    await queryRows(ctx.wdb, "update payment_lines set name = '=HYPERLINK(1)' where name = '甲' and month = '2022-04'");
    const template = { ...DEFAULT_BANK_TEMPLATE, format: 'csv', encoding: 'gbk', separator: ',', titleRow: false, footerRow: true,
      columns: [{ field: 'cardNumber', title: '账号' }, { field: 'name', title: '户名' }, { field: 'amount', title: '金额' }, { field: 'remark', title: '摘要' }] };
    await ok(ctx, 'payments.saveTemplate', template);
    expect((await refused(ctx, 'payments.saveTemplate', { ...template, columns: [{ field: 'name', title: '户名' }] })).code).toBe('BANK_TEMPLATE_INVALID');
    const file = await ok<{ fileName: string; base64: string }>(ctx, 'payments.file', { batchId: april.batch.id });
    expect(file.fileName.endsWith('.csv')).toBe(true);
    const text = iconv.decode(Buffer.from(file.base64, 'base64'), 'gbk');
    expect(text.split('\r\n').slice(0, 2)).toEqual(['账号,户名,金额,摘要', "6217000000000000011,'=HYPERLINK(1),650.00,"]);
    expect(text).toContain('合计,共3笔,1950.00,');
    expect(text).toContain('6217000000000000777,乙,650.00,更正2022-03发放；重发');
    await ok(ctx, 'payments.saveTemplate', { ...template, encoding: 'utf8-bom', format: 'txt', separator: '|' });
    const txt = Buffer.from((await ok<{ base64: string }>(ctx, 'payments.file', { batchId: april.batch.id })).base64, 'base64');
    expect([...txt.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(txt.toString('utf8')).toContain('6217000000000000777|乙|650.00|');
  });

  it('is for managers and administrators; a clerk cannot import a return file', async () => {
    const clerk = { ...ctx, actor: { username: 'c', role: 'clerk' as const, townships: [a] } };
    expect((await refused(clerk, 'payments.create', { month: '2022-03', retryFailed: false })).code).toBe('FORBIDDEN');
    const bytes = await returnFile('回盘', [[1, '甲', '6217000000000000011', 650, '成功', '']]);
    await expect(analyse(clerk, { bytes, fileName: 'r.xlsx', kind: 'bank-return' })).rejects.toMatchObject({ code: 'RETURN_SCOPE' });
  });
});

describe('who may import a return file, through the one door', () => {
  let temp: TempDb;
  let ctx: EngineContext;
  let a: string;
  beforeAll(async () => {
    temp = await createTempDb();
    ctx = temp.ctx;
    a = ctx.townships[0]!.code;
    await insertPlacements(ctx, [{ name: '甲', townshipIndex: 0, cardNumber: '6217000000000000011' }, { name: '乙', townshipIndex: 0, cardNumber: '6217000000000000022' }]);
    const lines = (await ok<PayrollMonthView>(ctx, 'payroll.month', { month: '2022-03' })).lines.filter((l) => l.townshipCode === a);
    await ok(ctx, 'payroll.setAttendance', { month: '2022-03', entries: lines.map((l) => ({ placementId: l.placementId, attendedDays: 22 })) });
    await ok(ctx, 'payroll.transition', { month: '2022-03', townshipCode: a, action: 'submit' });
    await ok(ctx, 'payroll.transition', { month: '2022-03', townshipCode: a, action: 'approve' });
    const created = await ok<Created>(ctx, 'payments.create', { month: '2022-03', retryFailed: false });
    await ok(ctx, 'payments.markSent', { batchId: created.batch.id });
  });
  afterAll(async () => { await temp.cleanup(); });

  const n = (c: EngineContext, sql: string) => queryNumber(c.wdb, sql);
  const as = (role: 'manager' | 'clerk'): EngineContext => ({ ...ctx, actor: { username: role === 'manager' ? 'shenhe' : 'luru', role, townships: role === 'clerk' ? [a] : null } });
  const open = async (who: EngineContext, kind: string, base64: string) => dispatch(who, 'import.open', { fileName: '回盘.xlsx', base64, kind });

  it('lets a manager (审核员) open, dry-run, commit and undo a bank return file; the payments show the bank\'s answer', async () => {
    const manager = as('manager');
    const bytes = await returnFile('某银行代发回盘', [[1, '甲', '6217000000000000011', 650, '成功', ''], [2, '乙', '6217000000000000022', 650, '失败', '账户已冻结']]);
    const { token } = await ok<{ token: string }>(manager, 'import.open', { fileName: '回盘.xlsx', base64: bytes.toString('base64'), kind: 'bank-return' });
    const preview = await ok<{ summary: { rejected: number } }>(manager, 'import.preview', { token, kind: 'bank-return' });
    expect(preview.summary.rejected).toBe(0);
    const committed = await ok<{ summary: { paid?: number; failed?: number } }>(manager, 'import.commit', { token, kind: 'bank-return' });
    expect(committed.summary).toMatchObject({ paid: 1, failed: 1 });
    const figures = await paymentFigures(manager, '2022-03');
    expect([figures.confirmed.fen, figures.failed.fen]).toEqual([65000, 65000]);
    // The kind may not be swapped between the dry run and the commit: a manager may not commit a township workbook.
    expect((await refused(manager, 'import.commit', { token, kind: 'people' })).code).toBe('FORBIDDEN');
    const batchId = await n(ctx, "select max(id) n from import_batches where kind = 'bank-return'");
    await ok(manager, 'import.undo', { batchId });
    expect((await paymentFigures(manager, '2022-03')).awaitingReturn.fen).toBe(130000);
  });

  it('keeps township workbooks for clerks and administrators, and return files from clerks', async () => {
    const manager = as('manager');
    const clerk = as('clerk');
    const workbook = Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer()).toString('base64');
    const mine = await open(manager, 'people', workbook);
    expect(mine.ok ? null : mine.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('录入员') });
    const theirs = await open(clerk, 'bank-return', workbook);
    expect(theirs.ok ? null : theirs.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('审核员') });
    // A clerk's own batch cannot be undone by a manager: the batch's kind decides.
    await queryRows(ctx.wdb, `insert into import_batches (file_name, sha256, kind, township_code, created_by, created_at, rows, created, updated, unchanged, rejected, warnings, status)
      values ('x.xlsx', 'ab', 'people', ?, 'luru', '2022-03-01T00:00:00Z', 0, 0, 0, 0, 0, 0, 'applied')`, [a]);
    const clerkBatch = await n(ctx, "select max(id) n from import_batches where kind = 'people'");
    expect((await refused(manager, 'import.undo', { batchId: clerkBatch })).code).toBe('FORBIDDEN');
  });
});
