// Two sessions on one database file (two engines, as two windows or two office seats would have): a save
// over the other's change is refused with STALE_VERSION and writes nothing, never a silent overwrite;
// whatever writes a row (an importer's prepared statement too) moves its version on; two approvals of the
// same township-month at once have exactly one winner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from './dispatch';
import { createContext, type EngineContext } from './context';
import { openDatabase, type WorkbenchDb } from './db/database';
import { createTempDb, type TempDb } from './testing/temp-db';
import { insertPlacements } from './testing/payroll-fixture';
import { queryOne, queryRows } from './testing/store-sql';
import type { PayrollMonthView, PersonView } from '../../shared/contract/schemas';
import { messageFor } from '../../shared/domain/errors';

async function ok<T>(ctx: EngineContext, channel: string, input: unknown): Promise<T> {
  const result = await dispatch(ctx, channel, input);
  if (!result.ok) throw new Error(`${channel} refused: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

function personInput(p: PersonView) {
  const { idNumber, name, phone, townshipCode, villageCode, householdNo, relation, category, labourAbility, cardNumber, bank, remark } = p;
  return { idNumber, name, phone, townshipCode, villageCode, householdNo, relation, category, labourAbility, cardNumber, bank, remark };
}

const MONTH = '2022-05';

describe('two sessions editing the same records', () => {
  let temp: TempDb;
  let second: WorkbenchDb;
  let a: EngineContext;
  let b: EngineContext;
  let placed: Awaited<ReturnType<typeof insertPlacements>>;

  beforeAll(async () => {
    temp = await createTempDb();
    placed = await insertPlacements(temp.ctx, [{ name: '甲', townshipIndex: 0 }, { name: '乙', townshipIndex: 0 }, { name: '丙', townshipIndex: 1 },
      // Off post in 2022: free to be recorded as working elsewhere.
      { name: '丁', townshipIndex: 1, year: 2021, startDate: '2021-03-01', agreementEndDate: '2021-12-31' }]);
    a = { ...temp.ctx, actor: { username: 'clerk-a', role: 'admin', townships: null } };
    second = await openDatabase(temp.file);
    const other = await createContext(second);
    b = { ...other, actor: { username: 'clerk-b', role: 'admin', townships: null } };
  });
  afterAll(async () => { await second.close(); await temp.cleanup(); });

  it('a person: the second save over the first is refused with "已被他人修改，请刷新" and changes nothing', async () => {
    const id = placed[0]!.personId;
    const seenByA = await ok<PersonView>(a, 'people.get', { id });
    const seenByB = await ok<PersonView>(b, 'people.get', { id });
    expect(seenByB.version).toBe(seenByA.version);

    const saved = await ok<{ person: PersonView }>(a, 'people.save', { id, version: seenByA.version, person: { ...personInput(seenByA), phone: '13900000001' } });
    expect(saved.person.version).toBe(seenByA.version + 1);
    const refused = await dispatch(b, 'people.save', { id, version: seenByB.version, person: { ...personInput(seenByB), remark: 'B的备注' } });
    expect(refused).toEqual({ ok: false, error: { code: 'STALE_VERSION', message: '已被他人修改，请刷新' } });
    expect(messageFor('STALE_VERSION')).toBe('已被他人修改，请刷新');

    const stored = (await queryOne(temp.ctx.wdb, 'select phone, remark, version from people where id = ?', [id])) as { phone: string; remark: string | null; version: number };
    expect(stored).toEqual({ phone: '13900000001', remark: null, version: seenByA.version + 1 });
    // After refreshing, B's change goes in on top of A's.
    const fresh = await ok<PersonView>(b, 'people.get', { id });
    await ok(b, 'people.save', { id, version: fresh.version, person: { ...personInput(fresh), remark: 'B的备注' } });
    expect((await queryOne(temp.ctx.wdb, 'select phone, remark from people where id = ?', [id]))).toEqual({ phone: '13900000001', remark: 'B的备注' });
  });

  it('a change by any writer (an importer\'s own statement) moves the version on, so a form loaded before it is refused', async () => {
    const id = placed[1]!.personId;
    const form = await ok<PersonView>(a, 'people.get', { id });
    await queryRows(second, 'update people set phone = ? where id = ?', ['13900000002', id]);
    const refused = await dispatch(a, 'people.save', { id, version: form.version, person: { ...personInput(form), remark: '覆盖' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'STALE_VERSION' } });
    expect((await queryOne(temp.ctx.wdb, 'select phone, remark from people where id = ?', [id]))).toEqual({ phone: '13900000002', remark: null });
  });

  it('a change of a person without the version it was loaded at is refused', async () => {
    const id = placed[1]!.personId;
    const form = await ok<PersonView>(a, 'people.get', { id });
    expect(await dispatch(a, 'people.save', { id, person: personInput(form) })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('attendance: the same line entered by both, the second refused; different lines both kept', async () => {
    const [one, two] = [placed[0]!.placementId, placed[1]!.placementId];
    const viewA = await ok<PayrollMonthView>(a, 'payroll.month', { month: MONTH });
    const viewB = await ok<PayrollMonthView>(b, 'payroll.month', { month: MONTH });
    const versionOf = (view: PayrollMonthView, placementId: number) => view.lines.find((l) => l.placementId === placementId)!.attendanceVersion;
    expect(versionOf(viewA, one)).toBeNull();

    await ok(a, 'payroll.setAttendance', { month: MONTH, entries: [{ placementId: one, attendedDays: 20, version: versionOf(viewA, one) }] });
    const refused = await dispatch(b, 'payroll.setAttendance', { month: MONTH, entries: [{ placementId: one, attendedDays: 18, version: versionOf(viewB, one) }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'STALE_VERSION', message: '已被他人修改，请刷新' } });
    // B's other line, loaded at the same time, is not in conflict.
    await ok(b, 'payroll.setAttendance', { month: MONTH, entries: [{ placementId: two, attendedDays: 21, version: versionOf(viewB, two) }] });
    const rows = (await queryRows(temp.ctx.wdb, 'select placement_id, attended_days, version from attendance where month = ? order by placement_id', [MONTH]));
    expect(rows).toEqual([{ placement_id: one, attended_days: 20, version: 1 }, { placement_id: two, attended_days: 21, version: 1 }]);

    // A change over a known version raises it; the stale one is refused even on a removal.
    const now = await ok<PayrollMonthView>(b, 'payroll.month', { month: MONTH });
    await ok(b, 'payroll.setAttendance', { month: MONTH, entries: [{ placementId: one, attendedDays: 19, version: versionOf(now, one) }] });
    expect(await dispatch(a, 'payroll.setAttendance', { month: MONTH, entries: [{ placementId: one, attendedDays: null, version: versionOf(now, one) }] }))
      .toMatchObject({ ok: false, error: { code: 'STALE_VERSION' } });
    expect((await queryOne(temp.ctx.wdb, 'select attended_days, version from attendance where month = ? and placement_id = ?', [MONTH, one]))).toEqual({ attended_days: 19, version: 2 });
  });

  it('an employment record: the second save over the first is refused', async () => {
    const personId = placed[3]!.personId;
    const record = { status: '已就业', form: '县内务工', destinationProvince: null, destinationCity: null, employer: null, startMonth: null, monthsWorked: null, avgIncomeFen: null, wantsWork: null, reasonNotEmployed: null };
    await ok(a, 'employment.save', { year: 2022, personId, version: null, record });
    const refused = await dispatch(b, 'employment.save', { year: 2022, personId, version: null, record: { ...record, form: '省外务工', destinationProvince: '北京市' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'STALE_VERSION' } });
    const stored = (await queryOne(temp.ctx.wdb, 'select form, version from employment_records where person_id = ? and year = 2022', [personId])) as { form: string; version: number };
    expect(stored).toEqual({ form: '县内务工', version: 1 });
    await ok(b, 'employment.save', { year: 2022, personId, version: 1, record: { ...record, employer: '县城物业' } });
    expect(await dispatch(a, 'employment.save', { year: 2022, personId, version: 1, record })).toMatchObject({ ok: false, error: { code: 'STALE_VERSION' } });
  });

  it('two approvals of the same township-month at once: exactly one wins, the lines are frozen once', async () => {
    const township = placed[0]!.townshipCode;
    await ok(a, 'payroll.transition', { month: MONTH, townshipCode: township, action: 'submit' });
    const results = await Promise.all([a, b].map((ctx) => dispatch(ctx, 'payroll.transition', { month: MONTH, townshipCode: township, action: 'approve' })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['PAYROLL_STATE']);
    const frozen = (await queryRows(temp.ctx.wdb, 'select placement_id, attended_days from payroll_lines where month = ? and township_code = ? order by placement_id', [MONTH, township]));
    expect(frozen).toEqual([{ placement_id: placed[0]!.placementId, attended_days: 19 }, { placement_id: placed[1]!.placementId, attended_days: 21 }]);
  });
});
