// Payroll storage: what the rules read (placements listed in a month with their attendance and
// adjustments), township-month states, and the lines frozen at approval.
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Database, PayrollLineTable } from '../db/schema';
import type { LineStatus, PayrollLine, PayrollPlacement, PayrollPolicy } from '../../../shared/domain/payroll';
import { PAYROLL_STATUS, type PayrollStatus } from '../../../shared/domain/payroll-lifecycle';
import { daysInMonth, firstDayOf, lastDayOf } from '../../../shared/domain/month';
import { WorkbenchFailure } from '../failure';
import { toPolicy } from '../posts/policies-repository';

type Db = Kysely<Database> | Transaction<Database>;

export async function payrollPolicies(db: Db): Promise<Map<number, PayrollPolicy>> {
  const rows = await db.selectFrom('year_policies').selectAll().execute();
  return new Map(rows.map((row) => {
    if (row.pay_rule === 'per_day_deduction' && row.deduction_per_day_fen === null) {
      throw new WorkbenchFailure('VALIDATION', { detail: `${row.year}年度政策按天扣减，但没有填写每天扣减金额` });
    }
    return [row.year, { ...toPolicy(row), payRule: row.pay_rule, deductionPerDayFen: row.deduction_per_day_fen ?? 0 }];
  }));
}

/**
 * Placements listed in the month (started by its last day, not exited before its first) and those with an
 * adjustment booked in it, with the person, the post's township and village, attendance and adjustments.
 * Ordered by township, village, placement: the order of the grid and of R4.
 */
export async function readPayrollPlacements(db: Db, month: string, townships: readonly string[] | null): Promise<PayrollPlacement[]> {
  const adjustments = db.selectFrom('adjustments').select(['placement_id', sql<number>`sum(amount_fen)`.as('total')])
    .where('month', '=', month).groupBy('placement_id');
  let query = db.selectFrom('placements as pl')
    .innerJoin('posts as po', 'po.id', 'pl.post_id')
    .innerJoin('people as pe', 'pe.id', 'pl.person_id')
    .leftJoin('attendance as a', (join) => join.onRef('a.placement_id', '=', 'pl.id').on('a.month', '=', month))
    .leftJoin(adjustments.as('adj'), 'adj.placement_id', 'pl.id')
    .select([
      'pl.id as placementId', 'pe.id as personId', 'pe.name', 'pe.id_number as idNumber', 'pe.card_number as cardNumber',
      'po.township_code as townshipCode', 'po.village_code as villageCode', 'pe.household_no as householdNo',
      'pe.category', 'pe.labour_ability as labourAbility', 'pe.birth_date as birthDate', 'po.year as postYear',
      'pl.start_date as startDate', 'pl.agreement_end_date as agreementEndDate', 'pl.exit_date as exitDate',
      'pl.subsidy_fen as subsidyFen', 'a.attended_days as attendedDays', sql<number>`coalesce(adj.total, 0)`.as('adjustmentFen'),
    ])
    .where((eb) => eb.or([
      eb.and([eb('pl.start_date', '<=', lastDayOf(month)), eb.or([eb('pl.exit_date', 'is', null), eb('pl.exit_date', '>=', firstDayOf(month))])]),
      eb('adj.total', 'is not', null),
      // Attendance entered for a month the placement was not on post: read so the rules can flag it.
      eb('a.attended_days', 'is not', null),
    ]));
  if (townships) query = query.where('po.township_code', 'in', townships.length ? [...townships] : ['']);
  return query.orderBy('po.township_code').orderBy('po.village_code').orderBy('pl.id').execute();
}

export interface TownshipMonthRow {
  townshipCode: string;
  status: PayrollStatus;
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  returnedReason: string | null;
}

/** States of the township-months that have one; a township without a row is 未提交. */
export async function townshipMonthStates(db: Db, months: readonly string[]): Promise<Map<string, TownshipMonthRow>> {
  if (months.length === 0) return new Map();
  const rows = await db.selectFrom('payroll_months').selectAll().where('month', 'in', [...months]).execute();
  return new Map(rows.map((r) => [`${r.month}|${r.township_code}`, {
    townshipCode: r.township_code, status: r.status, submittedBy: r.submitted_by, submittedAt: r.submitted_at,
    approvedBy: r.approved_by, approvedAt: r.approved_at, returnedReason: r.returned_reason,
  }]));
}

export async function townshipMonthState(db: Db, month: string, townshipCode: string): Promise<PayrollStatus> {
  const row = await db.selectFrom('payroll_months').select('status').where('month', '=', month).where('township_code', '=', townshipCode).executeTakeFirst();
  return row?.status ?? PAYROLL_STATUS.OPEN;
}

export async function saveTownshipMonth(db: Db, month: string, townshipCode: string, values: Partial<Omit<TownshipMonthRow, 'townshipCode'>> & { status: PayrollStatus }): Promise<void> {
  const row = {
    status: values.status, submitted_by: values.submittedBy ?? null, submitted_at: values.submittedAt ?? null,
    approved_by: values.approvedBy ?? null, approved_at: values.approvedAt ?? null, returned_reason: values.returnedReason ?? null,
  };
  await db.insertInto('payroll_months').values({ month, township_code: townshipCode, ...row })
    .onConflict((oc) => oc.columns(['month', 'township_code']).doUpdateSet(row)).execute();
}

/** The lines frozen when the township-months were approved. */
export async function frozenLines(db: Db, month: string, townships: readonly string[]): Promise<PayrollLine[]> {
  if (townships.length === 0) return [];
  const rows = await db.selectFrom('payroll_lines').selectAll().where('month', '=', month).where('township_code', 'in', [...townships])
    .orderBy('township_code').orderBy('village_code').orderBy('placement_id').execute();
  return rows.map((r) => ({
    placementId: r.placement_id, personId: r.person_id ?? 0, name: r.name ?? '', idNumber: r.id_number ?? '', cardNumber: r.card_number,
    townshipCode: r.township_code ?? '', villageCode: r.village_code ?? '', status: (r.status ?? 'paid') as LineStatus,
    activeDays: r.active_days ?? 0, daysInMonth: daysInMonth(month), requiredDays: r.required_days,
    attendedDays: r.status === 'no_attendance' || r.status === 'adjustment_only' ? null : r.attended_days,
    payableFen: r.payable_fen, deductionFen: r.deduction_fen, adjustmentFen: r.adjustment_fen, netFen: r.net_fen,
  }));
}

/** The stored form of a frozen line (the demo seeder writes the same columns with a prepared statement). */
export function frozenLineColumns(month: string, l: PayrollLine): Insertable<PayrollLineTable> {
  return {
    month, placement_id: l.placementId, required_days: l.requiredDays, attended_days: l.attendedDays ?? 0,
    payable_fen: l.payableFen, deduction_fen: l.deductionFen, adjustment_fen: l.adjustmentFen, net_fen: l.netFen,
    person_id: l.personId, name: l.name, id_number: l.idNumber, card_number: l.cardNumber, township_code: l.townshipCode,
    village_code: l.villageCode, status: l.status, active_days: l.activeDays,
  };
}

export async function freezeLines(trx: Transaction<Database>, month: string, lines: readonly PayrollLine[]): Promise<void> {
  for (const line of lines) await trx.insertInto('payroll_lines').values(frozenLineColumns(month, line)).execute();
}

export async function deleteFrozenLines(trx: Transaction<Database>, month: string, townshipCode: string): Promise<void> {
  await trx.deleteFrom('payroll_lines').where('month', '=', month).where('township_code', '=', townshipCode).execute();
}

/** The township of each placement's post. */
export async function placementTownships(db: Db, placementIds: readonly number[]): Promise<Map<number, string>> {
  if (placementIds.length === 0) return new Map();
  const rows = await db.selectFrom('placements as pl').innerJoin('posts as po', 'po.id', 'pl.post_id')
    .select(['pl.id', 'po.township_code']).where('pl.id', 'in', [...placementIds]).execute();
  return new Map(rows.map((r) => [r.id, r.township_code]));
}

/**
 * Writes (or, with null, removes) a month's attendance. With `expectedVersion` only over that version of
 * the row (null: only where there is no row yet): false when the row has moved on and nothing was written.
 * The comparison is inside the statement, so two sessions racing cannot both pass it.
 */
export async function saveAttendance(trx: Transaction<Database>, month: string, placementId: number, attendedDays: number | null, batchId: number | null = null, expectedVersion?: number | null): Promise<boolean> {
  if (attendedDays === null) {
    let query = trx.deleteFrom('attendance').where('placement_id', '=', placementId).where('month', '=', month);
    if (expectedVersion !== undefined && expectedVersion !== null) query = query.where('version', '=', expectedVersion);
    const result = await query.executeTakeFirst();
    return expectedVersion === undefined || expectedVersion === null || Number(result.numDeletedRows) === 1;
  }
  const result = await trx.insertInto('attendance').values({ placement_id: placementId, month, attended_days: attendedDays, batch_id: batchId })
    .onConflict((oc) => {
      if (expectedVersion === undefined) return oc.columns(['placement_id', 'month']).doUpdateSet({ attended_days: attendedDays, batch_id: batchId });
      const update = oc.columns(['placement_id', 'month']).doUpdateSet({ attended_days: attendedDays, batch_id: batchId, version: (expectedVersion ?? 0) + 1 });
      return expectedVersion === null ? update.where(sql<boolean>`1 = 0`) : update.where('attendance.version', '=', expectedVersion);
    }).executeTakeFirst();
  return expectedVersion === undefined || Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function attendanceOf(db: Db, month: string, placementId: number): Promise<{ attendedDays: number; version: number } | undefined> {
  const row = await db.selectFrom('attendance').select(['attended_days', 'version']).where('placement_id', '=', placementId).where('month', '=', month).executeTakeFirst();
  return row && { attendedDays: row.attended_days, version: row.version };
}

/** The version of each attendance row of the month (what the grid sends back with an entry). */
export async function attendanceVersions(db: Db, month: string, placementIds: readonly number[]): Promise<Map<number, number>> {
  if (placementIds.length === 0) return new Map();
  const rows = await db.selectFrom('attendance').select(['placement_id', 'version']).where('month', '=', month).execute();
  const wanted = new Set(placementIds);
  return new Map(rows.filter((r) => wanted.has(r.placement_id)).map((r) => [r.placement_id, r.version]));
}

export interface AdjustmentRow {
  id: number; month: string; placementId: number; amountFen: number; reason: string; correctsMonth: string; createdBy: string; createdAt: string;
}

export async function listAdjustments(db: Db, month: string, townships: readonly string[] | null): Promise<(AdjustmentRow & { name: string; townshipCode: string })[]> {
  let query = db.selectFrom('adjustments as ad').innerJoin('placements as pl', 'pl.id', 'ad.placement_id')
    .innerJoin('posts as po', 'po.id', 'pl.post_id').innerJoin('people as pe', 'pe.id', 'pl.person_id')
    .select(['ad.id', 'ad.month', 'ad.placement_id as placementId', 'ad.amount_fen as amountFen', 'ad.reason', 'ad.corrects_month as correctsMonth',
      'ad.created_by as createdBy', 'ad.created_at as createdAt', 'pe.name', 'po.township_code as townshipCode'])
    .where('ad.month', '=', month);
  if (townships) query = query.where('po.township_code', 'in', townships.length ? [...townships] : ['']);
  return query.orderBy('ad.id').execute();
}

export async function insertAdjustment(trx: Transaction<Database>, values: Omit<AdjustmentRow, 'id' | 'createdAt'>): Promise<number> {
  const row = await trx.insertInto('adjustments').values({
    month: values.month, placement_id: values.placementId, amount_fen: values.amountFen, reason: values.reason,
    corrects_month: values.correctsMonth, created_by: values.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
