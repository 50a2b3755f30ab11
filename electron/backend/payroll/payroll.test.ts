// The payroll in the engine, through the same dispatch the screen and the CLI use, on a real database file.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';
import { createTempDb, type TempDb } from '../testing/temp-db';
import { insertPlacements } from '../testing/payroll-fixture';
import type { EngineContext } from '../context';
import type { PayrollMonthView } from '../../../shared/contract/schemas';
import { queryNumber, queryOne, queryRows } from '../testing/store-sql';

async function ok<T = PayrollMonthView>(ctx: EngineContext, channel: string, input: unknown): Promise<T> {
  const result = await dispatch(ctx, channel, input);
  if (!result.ok) throw new Error(`${channel} refused: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}
async function refused(ctx: EngineContext, channel: string, input: unknown): Promise<{ code: string; message: string }> {
  const result = await dispatch(ctx, channel, input);
  if (result.ok) throw new Error(`${channel} was expected to be refused`);
  return result.error;
}

describe('payroll lifecycle', () => {
  let temp: TempDb;
  let ctx: EngineContext;
  let clerk: EngineContext;
  let manager: EngineContext;
  let placed: Awaited<ReturnType<typeof insertPlacements>>;
  let townshipA: string;
  let townshipB: string;

  beforeAll(async () => {
    temp = await createTempDb();
    ctx = temp.ctx;
    townshipA = ctx.townships[0]!.code;
    townshipB = ctx.townships[1]!.code;
    clerk = { ...ctx, actor: { username: 'clerk1', role: 'clerk', townships: [townshipA] } };
    manager = { ...ctx, actor: { username: 'boss', role: 'manager', townships: null } };
    placed = await insertPlacements(ctx, [
      { name: '甲', townshipIndex: 0 }, { name: '乙', townshipIndex: 0 }, { name: '丙', townshipIndex: 0, startDate: '2022-05-17' },
      { name: '丁', townshipIndex: 1 },
    ]);
  });
  afterAll(async () => { await temp.cleanup(); });

  const entries = (days: (number | null)[]) => days.map((d, i) => ({ placementId: placed[i]!.placementId, attendedDays: d }));
  const rowCount = (sql: string) => queryNumber(ctx.wdb, sql);

  it('lists every placement on post with no attendance as unpaid, then pays what is entered', async () => {
    const empty = await ok(ctx, 'payroll.month', { month: '2022-05' });
    expect(empty.lines.map((l) => [l.name, l.status, l.netFen])).toEqual([['甲', 'no_attendance', 0], ['乙', 'no_attendance', 0], ['丙', 'no_attendance', 0], ['丁', 'no_attendance', 0]]);
    expect(empty.anomalies.filter((a) => a.code === 'PAY_NO_ATTENDANCE')).toHaveLength(4);

    const view = await ok(ctx, 'payroll.setAttendance', { month: '2022-05', entries: entries([22, 11, 11, 22]) });
    // 丙 starts 2022-05-17: 15 of 31 days → 31452 fen, required 11.
    expect(view.lines.map((l) => l.netFen)).toEqual([65000, 32500, 31452, 65000]);
    expect(view.totals.netFen).toBe(193952);
    expect(view.totalInWords).toBe('壹仟玖佰叁拾玖元伍角贰分');
    expect(view.townships.map((t) => [t.name, t.totals.netFen])).toEqual(expect.arrayContaining([[ctx.townships[0]!.name, 128952], [ctx.townships[1]!.name, 65000]]));
    expect(view.villages.reduce((sum, v) => sum + v.totals.netFen, 0)).toBe(193952);
    expect(view.anomalies).toEqual([]);
    expect(view.lines[0]!.idMasked).toMatch(/^130324\*{8}/);
    expect(await rowCount("select count(*) n from audit_log where entity = 'attendance'")).toBe(1);
  });

  it('shows a clerk only the assigned township and refuses edits elsewhere', async () => {
    const view = await ok(clerk, 'payroll.month', { month: '2022-05' });
    expect(new Set(view.lines.map((l) => l.townshipCode))).toEqual(new Set([townshipA]));
    expect((await refused(clerk, 'payroll.setAttendance', { month: '2022-05', entries: [{ placementId: placed[3]!.placementId, attendedDays: 3 }] })).code).toBe('OUT_OF_SCOPE');
  });

  it('refuses attendance for someone not on post that month', async () => {
    const error = await refused(ctx, 'payroll.setAttendance', { month: '2022-04', entries: [{ placementId: placed[2]!.placementId, attendedDays: 3 }] });
    expect(error).toEqual({ code: 'NOT_ON_POST', message: '此人2022-04不在公益岗位上' });
  });

  it('refuses approval before submission, and approval or submission by the wrong role', async () => {
    const notSubmitted = await refused(ctx, 'payroll.transition', { month: '2022-05', townshipCode: townshipA, action: 'approve' });
    expect(notSubmitted.code).toBe('PAYROLL_STATE');
    expect(notSubmitted.message).toContain('当前为“未提交”，不能审核通过');
    expect((await refused(manager, 'payroll.transition', { month: '2022-05', townshipCode: townshipA, action: 'submit' })).code).toBe('FORBIDDEN');
    await ok(clerk, 'payroll.transition', { month: '2022-05', townshipCode: townshipA, action: 'submit' });
    expect((await refused(clerk, 'payroll.transition', { month: '2022-05', townshipCode: townshipA, action: 'approve' })).code).toBe('FORBIDDEN');
  });

  it('refuses edits of a submitted month; returning needs a reason and reopens it for the clerk', async () => {
    const submitted = await refused(clerk, 'payroll.setAttendance', { month: '2022-05', entries: entries([21]) });
    expect(submitted.code).toBe('MONTH_SUBMITTED');
    expect((await refused(manager, 'payroll.transition', { month: '2022-05', townshipCode: townshipA, action: 'return', reason: '  ' })).code).toBe('REASON_REQUIRED');
    const back = await ok(manager, 'payroll.transition', { month: '2022-05', townshipCode: townshipA, action: 'return', reason: '乙的天数请核对' });
    expect(back.townships.find((t) => t.code === townshipA)).toMatchObject({ status: '未提交', returnedReason: '退回：乙的天数请核对' });
    await ok(clerk, 'payroll.setAttendance', { month: '2022-05', entries: entries([22, 20]) });
    await ok(clerk, 'payroll.transition', { month: '2022-05', townshipCode: townshipA, action: 'submit' });
  });

  it('approval takes a backup, freezes the lines and locks the township-month', async () => {
    const backups = path.join(temp.dir, 'backups');
    const before = fs.existsSync(backups) ? fs.readdirSync(backups).length : 0;
    const view = await ok(manager, 'payroll.transition', { month: '2022-05', townshipCode: townshipA, action: 'approve' });
    if (temp.store === 'sqlite') {
      expect(fs.readdirSync(backups).length).toBe(before + 1);
      expect(fs.readdirSync(backups).some((f) => f.includes('before-approval-2022-05'))).toBe(true);
    } else {
      // A PostgreSQL store is backed up by the server's tools (pg_dump), not by a file copy of the engine.
      expect(fs.existsSync(backups)).toBe(false);
    }
    expect(view.townships.find((t) => t.code === townshipA)).toMatchObject({ status: '已审核', approvedBy: 'boss', submittedBy: 'clerk1' });
    expect(view.lines.filter((l) => l.townshipCode === townshipA).every((l) => l.locked)).toBe(true);
    expect(await rowCount("select count(*) n from payroll_lines where month = '2022-05'")).toBe(3);
    // 65000 × 20 ÷ 22 = 59090.9 → 59091
    expect(await queryRows(ctx.wdb, "select name, net_fen from payroll_lines where month = '2022-05' order by placement_id")).toEqual([
      { name: '甲', net_fen: 65000 }, { name: '乙', net_fen: 59091 }, { name: '丙', net_fen: 31452 },
    ]);
  });

  it('refuses any edit of the locked month, in the engine and in the database itself', async () => {
    const locked = await refused(ctx, 'payroll.setAttendance', { month: '2022-05', entries: entries([1]) });
    expect(locked.code).toBe('MONTH_LOCKED');
    expect(locked.message).toContain('已审核锁定');
    await expect(queryRows(ctx.wdb, "update attendance set attended_days = 1 where month = '2022-05' and placement_id = ?", [placed[0]!.placementId])).rejects.toThrow(/MONTH_LOCKED/);
    await expect(queryRows(ctx.wdb, "update payroll_lines set net_fen = 1 where month = '2022-05'")).rejects.toThrow(/frozen/);
    // The other township of the same month is still open.
    await ok(ctx, 'payroll.setAttendance', { month: '2022-05', entries: [{ placementId: placed[3]!.placementId, attendedDays: 21 }] });
  });

  it('keeps showing the frozen lines even when a person record changes', async () => {
    await queryRows(ctx.wdb, "update people set name = '甲改名', card_number = '6217000000000000999' where id = ?", [placed[0]!.personId]);
    const view = await ok(ctx, 'payroll.month', { month: '2022-05' });
    expect(view.lines[0]).toMatchObject({ name: '甲', netFen: 65000 });
  });

  it('books a correction of the locked month as an adjustment in a later open month', async () => {
    const early = await refused(clerk, 'payroll.addAdjustment', { month: '2022-05', placementId: placed[1]!.placementId, kind: '补发', amountFen: 5909, correctsMonth: '2022-05', reason: '少算2天' });
    expect(early.code).toBe('ADJUSTMENT_INVALID');
    const notLocked = await refused(clerk, 'payroll.addAdjustment', { month: '2022-07', placementId: placed[1]!.placementId, kind: '补发', amountFen: 5909, correctsMonth: '2022-06', reason: '少算2天' });
    expect(notLocked.message).toContain('2022-06尚未审核锁定');
    const view = await ok(clerk, 'payroll.addAdjustment', { month: '2022-06', placementId: placed[1]!.placementId, kind: '补发', amountFen: 5909, correctsMonth: '2022-05', reason: '少算2天' });
    const line = view.lines.find((l) => l.placementId === placed[1]!.placementId)!;
    expect(line).toMatchObject({ adjustmentFen: 5909, status: 'no_attendance', netFen: 5909 });
    expect(view.adjustments).toEqual([expect.objectContaining({ amountFen: 5909, correctsMonth: '2022-05', reason: '补发：少算2天', createdBy: 'clerk1' })]);
    const clawback = await ok(clerk, 'payroll.addAdjustment', { month: '2022-06', placementId: placed[0]!.placementId, kind: '扣回', amountFen: 100, correctsMonth: '2022-05', reason: '多发1元' });
    expect(clawback.lines.find((l) => l.placementId === placed[0]!.placementId)!.adjustmentFen).toBe(-100);
    expect((await refused(manager, 'payroll.addAdjustment', { month: '2022-06', placementId: placed[0]!.placementId, kind: '补发', amountFen: 1, correctsMonth: '2022-05', reason: 'x' })).code).toBe('FORBIDDEN');
    // Still locked: the correction never touched May.
    expect(await rowCount("select sum(net_fen) n from payroll_lines where month = '2022-05'")).toBe(155543);
  });

  it('only an administrator reopens a locked month, with a reason recorded in the audit log', async () => {
    expect((await refused(manager, 'payroll.transition', { month: '2022-05', townshipCode: townshipA, action: 'reopen', reason: '错了' })).code).toBe('FORBIDDEN');
    expect((await refused(ctx, 'payroll.transition', { month: '2022-05', townshipCode: townshipA, action: 'reopen' })).code).toBe('REASON_REQUIRED');
    const view = await ok(ctx, 'payroll.transition', { month: '2022-05', townshipCode: townshipA, action: 'reopen', reason: '银行退回，需要重新核对' });
    expect(view.townships.find((t) => t.code === townshipA)!.status).toBe('未提交');
    expect(await rowCount("select count(*) n from payroll_lines where month = '2022-05'")).toBe(0);
    const audit = (await queryOne<{ username: string; before_json: string; after_json: string }>(ctx.wdb, "select username, before_json, after_json from audit_log where action = 'reopen'"))!;
    expect(audit.username).toBe('local-admin');
    expect(JSON.parse(audit.after_json).reason).toBe('银行退回，需要重新核对');
    expect(JSON.parse(audit.before_json).lines).toHaveLength(3);
    await ok(ctx, 'payroll.setAttendance', { month: '2022-05', entries: entries([22]) });
  });

  it('shows the lock board month × township', async () => {
    await ok(ctx, 'payroll.transition', { month: '2022-03', townshipCode: townshipB, action: 'submit' });
    const board = await ok<{ months: string[]; townships: { code: string; statuses: string[] }[] }>(ctx, 'payroll.board', { year: 2022 });
    expect(board.months).toHaveLength(10);
    expect(board.months[0]).toBe('2022-03');
    expect(board.townships.find((t) => t.code === townshipB)!.statuses[0]).toBe('已提交');
  });
});

describe('two reviewers at once', () => {
  it('approves a township-month once; the second approval is refused and freezes nothing twice', async () => {
    const temp = await createTempDb();
    try {
      const ctx = temp.ctx;
      const township = ctx.townships[2]!.code;
      const [p] = await insertPlacements(ctx, [{ townshipIndex: 2 }]);
      await ok(ctx, 'payroll.setAttendance', { month: '2022-04', entries: [{ placementId: p!.placementId, attendedDays: 22 }] });
      await ok(ctx, 'payroll.transition', { month: '2022-04', townshipCode: township, action: 'submit' });
      const [first, second] = await Promise.all([
        dispatch(ctx, 'payroll.transition', { month: '2022-04', townshipCode: township, action: 'approve' }),
        dispatch(ctx, 'payroll.transition', { month: '2022-04', townshipCode: township, action: 'approve' }),
      ]);
      expect([first.ok, second.ok].sort()).toEqual([false, true]);
      const refusal = (first.ok ? second : first) as { ok: false; error: { code: string } };
      expect(refusal.error.code).toBe('PAYROLL_STATE');
      expect(await queryNumber(ctx.wdb, "select count(*) n from payroll_lines where month = '2022-04'")).toBe(1);
    } finally {
      await temp.cleanup();
    }
  });
});
