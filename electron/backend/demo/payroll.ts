// Demo payroll (`init --demo`): attendance for 2022-03 to 2022-07 for every 2022 placement — mostly full,
// some partial, a few zero — with the months up to 2022-06 approved (lines frozen) and 2022-07 open, half
// its townships submitted. Deterministic (DemoRandom) and written with prepared statements in one transaction.
import type { EngineContext } from '../context';
import { DemoRandom } from './random';
import { PAYROLL_STATUS } from '../../../shared/domain/payroll-lifecycle';
import { payrollMonth } from '../payroll/payroll';
import { frozenLineColumns } from '../payroll/repository';
import { divideRoundHalfUp } from '../../../shared/domain/payroll';
import { daysInMonth, firstDayOf, inclusiveDays, lastDayOf, monthsBetween } from '../../../shared/domain/month';
import { requireSqlite } from '../db/database';

export const DEMO_PAYROLL_MONTHS = monthsBetween('2022-03', '2022-07');
export const DEMO_APPROVED_THROUGH = '2022-06';
const DEMO_ACTOR = 'demo';

interface PlacementDates { id: number; township_code: string; start_date: string; agreement_end_date: string; exit_date: string | null }

/** Days attended, judged against the days the placement was on post that month. */
function demoAttendance(random: DemoRandom, activeDays: number, monthDays: number): number {
  const fullDays = Math.ceil((22 * activeDays) / monthDays);
  // The payroll's own 应出勤 (22 prorated): a full attendance is that, never more (more is an anomaly).
  const requiredDays = activeDays === monthDays ? 22 : Math.max(1, divideRoundHalfUp(22 * activeDays, monthDays));
  const roll = random.next();
  if (roll < 0.01) return 0;
  if (roll < 0.11) return random.int(Math.max(0, fullDays - 12), Math.max(0, fullDays - 1));
  random.int(0, 3); // the draw that once added overtime: kept so the rest of the demo stays the same
  return Math.min(activeDays, requiredDays);
}

export async function seedDemoPayroll(ctx: EngineContext): Promise<{ attendance: number; approvedLines: number }> {
  const sqlite = requireSqlite(ctx.wdb, '示范数据');
  const placements = sqlite.prepare(`select pl.id, po.township_code, pl.start_date, pl.agreement_end_date, pl.exit_date
    from placements pl join posts po on po.id = pl.post_id where po.year = 2022 order by pl.id`).all() as PlacementDates[];
  if (placements.length === 0) return { attendance: 0, approvedLines: 0 };

  const random = new DemoRandom(20220301);
  const insertAttendance = sqlite.prepare('insert into attendance (placement_id, month, attended_days) values (?, ?, ?)');
  let attendance = 0;
  sqlite.transaction(() => {
    for (const month of DEMO_PAYROLL_MONTHS) {
      for (const p of placements) {
        const from = p.start_date > firstDayOf(month) ? p.start_date : firstDayOf(month);
        const ends = [lastDayOf(month), p.agreement_end_date, p.exit_date ?? '9999-12-31'].sort();
        const activeDays = inclusiveDays(from, ends[0]!);
        if (activeDays === 0) continue;
        insertAttendance.run(p.id, month, demoAttendance(random, activeDays, daysInMonth(month)));
        attendance += 1;
      }
    }
  })();

  // Approval as the screen does it, minus the 48 backups: compute, freeze, mark approved.
  const frozen: { month: string; lines: Awaited<ReturnType<typeof payrollMonth>>['lines'] }[] = [];
  for (const month of DEMO_PAYROLL_MONTHS.filter((m) => m <= DEMO_APPROVED_THROUGH)) {
    frozen.push({ month, lines: (await payrollMonth(ctx, month)).lines });
  }
  const townships = ctx.townships.map((t) => t.code);
  const setMonth = sqlite.prepare(`insert into payroll_months (month, township_code, status, submitted_by, submitted_at, approved_by, approved_at)
    values (?, ?, ?, ?, ?, ?, ?)`);
  let approvedLines = 0;
  sqlite.transaction(() => {
    let insertLine: ReturnType<typeof sqlite.prepare> | undefined;
    for (const { month, lines } of frozen) {
      for (const line of lines) {
        const columns = frozenLineColumns(month, line);
        insertLine ??= sqlite.prepare(`insert into payroll_lines (${Object.keys(columns).join(',')}) values (${Object.keys(columns).map((c) => '@' + c).join(',')})`);
        insertLine.run(columns);
        approvedLines += 1;
      }
      const at = `${month}-28T09:00:00.000Z`;
      for (const code of townships) setMonth.run(month, code, PAYROLL_STATUS.APPROVED, DEMO_ACTOR, at, DEMO_ACTOR, at);
    }
    townships.forEach((code, i) => { if (i % 2 === 0) setMonth.run('2022-07', code, PAYROLL_STATUS.SUBMITTED, DEMO_ACTOR, '2022-07-28T09:00:00.000Z', null, null); });
  })();
  return { attendance, approvedLines };
}
