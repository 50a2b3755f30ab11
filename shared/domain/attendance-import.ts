// The attendance kind of import (月度考勤), as pure rules: which columns a township's attendance sheet has,
// and what one row becomes — matched to the person's placement on post that month by ID number, or rejected
// with a stable code (ID errors, PERSON_NOT_FOUND, NAME_MISMATCH, NOT_ON_POST, BAD_NUMBER, BAD_DAYS,
// MONTH_LOCKED / MONTH_SUBMITTED, DUPLICATE_IN_FILE).
import { displayText, isBlank, parseNumber, parseText, type CellValue, type Parsed } from './cell-values';
import { workbenchError, type WorkbenchError } from './errors';
import { parseIdNumber } from './id-number';
import type { FieldSpec } from './import-headers';

export const ATTENDANCE_FIELDS: readonly FieldSpec[] = [
  { key: 'idNumber', label: '身份证号', required: true, aliases: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '证件号码', '身份证'] },
  { key: 'name', label: '姓名', required: false, aliases: ['姓名', '人员姓名', '上岗人员姓名', '名字'] },
  { key: 'attendedDays', label: '出勤天数', required: true, aliases: ['出勤天数', '实际出勤天数', '实出勤天数', '本月出勤天数', '出勤', '考勤天数', '出勤(天)', '出勤天数(天)', '实际出勤', '出勤日数'] },
];

/** Days attended: a whole number from 0 to 31 ("22", 22, "２２", "22天"); blank, words or fractions are refused. */
export function parseAttendedDays(raw: CellValue): Parsed<number> {
  if (isBlank(raw)) return { ok: false, error: workbenchError('VALUE_MISSING', { column: '出勤天数' }) };
  const number = parseNumber(typeof raw === 'string' ? raw.replace(/天$/, '') : raw);
  if (!number.ok) return number;
  if (!Number.isInteger(number.value) || number.value < 0 || number.value > 31) {
    return { ok: false, error: workbenchError('BAD_DAYS', { value: displayText(raw) }) };
  }
  return number;
}

/** A placement on post in the import's month, as the row rules need it. */
export interface AttendanceTarget {
  placementId: number;
  townshipCode: string;
  /** Attendance already stored for the month, or null. */
  attendedDays: number | null;
  /** Why the township-month cannot change now (submitted or locked), or null. */
  editRefusal: WorkbenchError | null;
  /** Why the actor may not write this township's attendance (OUT_OF_SCOPE naming it), or null. */
  scopeRefusal: WorkbenchError | null;
}

export interface AttendancePerson { name: string; targets: readonly AttendanceTarget[] }

export interface AttendanceRowInput { idNumber: CellValue; name: CellValue; attendedDays: CellValue }

export type AttendanceRowResult =
  | { ok: true; idNumber: string; name: string; placementId: number; townshipCode: string; attendedDays: number; status: 'created' | 'updated' | 'unchanged' }
  | { ok: false; idNumber: string | null; name: string; errors: { field: string | null; error: WorkbenchError }[] };

/**
 * Judges one row. `findPerson` answers for a normalised ID number; `firstRowOf` remembers where an ID was
 * first seen in the file (a second row for the same person is refused, never summed or overwritten).
 */
export function judgeAttendanceRow(
  row: AttendanceRowInput, rowNumber: number, month: string,
  findPerson: (idNumber: string) => AttendancePerson | null,
  firstRowOf: Map<string, number>,
): AttendanceRowResult {
  const errors: { field: string | null; error: WorkbenchError }[] = [];
  const nameText = parseText(row.name, '姓名');
  const name = nameText.ok ? nameText.value : '';
  const days = parseAttendedDays(row.attendedDays);
  if (!days.ok) errors.push({ field: 'attendedDays', error: days.error });

  const id = parseIdNumber(row.idNumber ?? null);
  if (!id.ok) return { ok: false, idNumber: null, name, errors: [{ field: 'idNumber', error: id.error }, ...errors] };
  const idNumber = id.value;

  const first = firstRowOf.get(idNumber);
  if (first !== undefined) return { ok: false, idNumber, name, errors: [{ field: 'idNumber', error: workbenchError('DUPLICATE_IN_FILE', { firstRow: first }) }] };
  firstRowOf.set(idNumber, rowNumber);

  const person = findPerson(idNumber);
  if (!person) return { ok: false, idNumber, name, errors: [{ field: 'idNumber', error: workbenchError('PERSON_NOT_FOUND') }, ...errors] };
  if (name && name !== person.name) errors.push({ field: 'name', error: workbenchError('NAME_MISMATCH', { expected: person.name, actual: name }) });

  const targets = person.targets;
  if (targets.length === 0) errors.push({ field: 'idNumber', error: workbenchError('NOT_ON_POST', { month }) });
  else if (targets.length > 1) errors.push({ field: 'idNumber', error: workbenchError('ATTENDANCE_AMBIGUOUS', { month, count: targets.length }) });
  const target = targets.length === 1 ? targets[0]! : null;
  if (target?.scopeRefusal) errors.push({ field: 'idNumber', error: target.scopeRefusal });
  else if (target?.editRefusal) errors.push({ field: null, error: target.editRefusal });

  if (errors.length > 0 || !target || !days.ok) return { ok: false, idNumber, name: name || person.name, errors };
  const status = target.attendedDays === null ? 'created' : target.attendedDays === days.value ? 'unchanged' : 'updated';
  return { ok: true, idNumber, name: person.name, placementId: target.placementId, townshipCode: target.townshipCode, attendedDays: days.value, status };
}
