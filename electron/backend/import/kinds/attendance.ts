// The attendance kind (月度考勤, `--kind attendance --month YYYY-MM`): rows matched to the person's placement
// on post that month by ID number; the row rules are pure (shared/domain/attendance-import.ts); this file
// loads what they need and writes accepted rows, recording each change so the batch can be undone.
import { ATTENDANCE_FIELDS, judgeAttendanceRow, type AttendancePerson } from '../../../../shared/domain/attendance-import';
import { editRefusal, type PayrollStatus } from '../../../../shared/domain/payroll-lifecycle';
import { firstDayOf, isMonth, lastDayOf } from '../../../../shared/domain/month';
import { parseIdNumber } from '../../../../shared/domain/id-number';
import { WorkbenchFailure } from '../../failure';
import { importStore, type ImportStore } from '../store';
import type { FieldIssue, ImportKind, KindContext, KindEvaluation, RowInput, RowOutcome, SnapshotRow } from '../kind';

interface TargetRow { id_number: string; name: string; placement_id: number | null; township_code: string | null; attended_days: number | null }
interface Accepted { placementId: number; month: string; attendedDays: number; status: 'created' | 'updated' | 'unchanged'; idNumber: string; name: string }

export const attendanceKind: ImportKind = {
  name: 'attendance',
  title: '月度考勤',
  fields: ATTENDANCE_FIELDS,
  entityTables: { attendance: 'attendance' },

  async evaluate(rows: readonly RowInput[], { ctx, month }: KindContext): Promise<KindEvaluation> {
    if (!month || !isMonth(month)) throw new WorkbenchFailure('BAD_MONTH', { value: month ?? '' });
    const store = importStore(ctx.wdb);
    // Everyone the file names, with their placements listed in the month (if any) and that month's attendance.
    const found = await store.all<TargetRow>(`select pe.id_number, pe.name, pl.id placement_id, po.township_code, a.attended_days
      from people pe
      left join placements pl on pl.person_id = pe.id and pl.start_date <= ? and (pl.exit_date is null or pl.exit_date >= ?)
      left join posts po on po.id = pl.post_id
      left join attendance a on a.placement_id = pl.id and a.month = ?
      where pe.id_number in list(?)`, [
      lastDayOf(month), firstDayOf(month), month,
      rows.map((r) => parseIdNumber(r.values.idNumber ?? null)).flatMap((id) => (id.ok ? [id.value] : [])),
    ]);
    const states = new Map((await store.all<{ township_code: string; status: PayrollStatus }>('select township_code, status from payroll_months where month = ?', [month]))
      .map((r) => [r.township_code, r.status]));
    const people = new Map<string, AttendancePerson & { targets: AttendancePerson['targets'][number][] }>();
    for (const r of found) {
      const person = people.get(r.id_number) ?? { name: r.name, targets: [] };
      people.set(r.id_number, person);
      if (r.placement_id === null || r.township_code === null) continue;
      person.targets.push({
        placementId: r.placement_id, townshipCode: r.township_code, attendedDays: r.attended_days,
        editRefusal: editRefusal(states.get(r.township_code) ?? '未提交', { month, township: ctx.divisions.townshipNameOf(r.township_code) }),
        scopeRefusal: ctx.scope.refusal(r.township_code),
      });
    }
    const lookup = (idNumber: string): AttendancePerson | null => people.get(idNumber) ?? null;

    const firstRowOf = new Map<string, number>();
    const accepted: Accepted[] = [];
    const townships = new Set<string>();
    const outcomes = rows.map((input): RowOutcome => {
      const result = judgeAttendanceRow({ idNumber: input.values.idNumber, name: input.values.name, attendedDays: input.values.attendedDays }, input.row, month, lookup, firstRowOf);
      if (!result.ok) {
        const errors: FieldIssue[] = result.errors.map((e) => ({ field: e.field, code: e.error.code, message: e.error.message }));
        return { row: input.row, status: 'rejected', key: result.idNumber, label: result.name, errors, warnings: [], changedFields: [] };
      }
      accepted.push({ placementId: result.placementId, month, attendedDays: result.attendedDays, status: result.status, idNumber: result.idNumber, name: result.name });
      townships.add(result.townshipCode);
      return { row: input.row, status: result.status, key: result.idNumber, label: result.name, errors: [], warnings: [], changedFields: result.status === 'updated' ? ['attendedDays'] : [] };
    });

    return {
      outcomes,
      townshipCode: townships.size === 1 ? [...townships][0]! : null,
      townships: [...townships],
      async apply(store: ImportStore, batchId: number) {
        // A row's key as the undo records it: the rowid on SQLite; on PostgreSQL (no id) placement and month.
        const key = store.keyOf('attendance');
        const find = `select ${key} as record_key, * from attendance where placement_id = ? and month = ?`;
        const change = store.changeWriter();
        for (const a of accepted) {
          if (a.status === 'unchanged') continue;
          const after = { placement_id: a.placementId, month: a.month, attended_days: a.attendedDays, batch_id: batchId };
          const existing = await store.get<{ record_key: number } & Record<string, unknown>>(find, [a.placementId, a.month]);
          if (existing) {
            const { record_key: recordKey, ...before } = existing;
            await store.run('update attendance set attended_days = ?, batch_id = ? where placement_id = ? and month = ?', [a.attendedDays, batchId, a.placementId, a.month]);
            await change.add([batchId, 'attendance', recordKey, 'update', JSON.stringify(before), JSON.stringify(after)]);
          } else {
            const created = await store.get<{ record_key: number }>(`insert into attendance (placement_id, month, attended_days, batch_id) values (?, ?, ?, ?) returning ${key} as record_key`,
              [a.placementId, a.month, a.attendedDays, batchId]);
            await change.add([batchId, 'attendance', created!.record_key, 'create', null, JSON.stringify(after)]);
          }
        }
        await change.flush();
      },
      snapshot(): SnapshotRow[] {
        return accepted.map((a) => ({ key: a.idNumber, label: a.name, fields: { 月份: a.month, 出勤天数: String(a.attendedDays) } }));
      },
    };
  },
};
