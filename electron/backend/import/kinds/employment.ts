// The employment kind (就业台账): rows matched to people by ID number and name, one entry per person and
// year (the year from a 年度 column or the sheet title). Cells are read by the pure row rules
// (shared/domain/employment-import.ts) and judged by the same checks as the grid: a person must be a
// labourer of the year, a post holder cannot be given another form for the post's months, and the
// cross-record checks that still allow a row come back as warnings. Every change is recorded for undo.
import { parseIdNumber } from '../../../../shared/domain/id-number';
import { workbenchError, type WorkbenchError } from '../../../../shared/domain/errors';
import {
  checkEmploymentInput, effectiveEmployment, isLabourer, EMPTY_EMPLOYMENT, checkDateFor, type EmploymentInput, type PostPlacement,
} from '../../../../shared/domain/employment';
import { EMPLOYMENT_IMPORT_FIELDS, parseEmploymentRow, yearInTitle } from '../../../../shared/domain/employment-import';
import { formatYuan } from '../../../../shared/domain/money';
import { DEFAULT_AGE_BAND } from '../../../../shared/domain/policy';
import type { EmploymentRecordRow, PersonRow } from '../../db/schema';
import { employmentColumns, toEmploymentInput } from '../../employment/repository';
import { localDate } from '../../../../shared/domain/dates';
import { importStore, type ImportStore } from '../store';
import type { FieldIssue, ImportKind, KindContext, KindEvaluation, RowInput, RowOutcome, SnapshotRow } from '../kind';

/** Where a field's problem is shown: the import field whose column holds it. */
const COLUMN_OF: Partial<Record<keyof EmploymentInput, string>> = { avgIncomeFen: 'avgIncome' };
const COMPARED: readonly (keyof EmploymentInput)[] = ['status', 'form', 'destinationProvince', 'destinationCity', 'employer', 'startMonth', 'monthsWorked', 'avgIncomeFen', 'wantsWork', 'reasonNotEmployed'];
const LABELS: Record<keyof EmploymentInput, string> = {
  status: '就业状态', form: '就业形式', destinationProvince: '务工省份', destinationCity: '务工市县', employer: '就业单位', startMonth: '开始务工时间',
  monthsWorked: '务工月数', avgIncomeFen: '月均收入（元）', wantsWork: '就业意愿', reasonNotEmployed: '未就业原因',
};

function issue(field: string | null, error: WorkbenchError): FieldIssue {
  return { field, code: error.code, message: error.message };
}

function shown(input: EmploymentInput, field: keyof EmploymentInput): string {
  const value = input[field];
  if (value === null) return '';
  if (field === 'avgIncomeFen') return formatYuan(value as number);
  if (field === 'wantsWork') return value ? '是' : '否';
  return String(value);
}

interface Plan { outcome: RowOutcome; personId: number; year: number; input: EmploymentInput; existing: EmploymentRecordRow | undefined }

export const employmentKind: ImportKind = {
  name: 'employment',
  title: '就业台账',
  fields: EMPLOYMENT_IMPORT_FIELDS,
  entityTables: { employment: 'employment_records' },

  async evaluate(rows: readonly RowInput[], { ctx, titleText, mappedFields, date1904 }: KindContext): Promise<KindEvaluation> {
    const store = importStore(ctx.wdb);
    const titleYear = yearInTitle(titleText);
    // A bare number in a month column is a serial of the workbook's own date system.
    const cellContext = { date1904, titleYear };

    const ids: string[] = [];
    const parsedIds = rows.map((r) => {
      const id = parseIdNumber(r.values.idNumber ?? null);
      if (id.ok) ids.push(id.value);
      return id;
    });
    const people = new Map<string, PersonRow>();
    for (const row of await store.all<PersonRow>('select * from people where id_number in list(?)', [ids])) people.set(row.id_number, row);
    const personIds = [...people.values()].map((p) => p.id);
    const records = new Map<string, EmploymentRecordRow>();
    for (const row of await store.all<EmploymentRecordRow>('select * from employment_records where person_id in list(?)', [personIds])) records.set(`${row.person_id}|${row.year}`, row);
    const placements = new Map<number, PostPlacement[]>();
    for (const p of await store.all<{ person_id: number; start_date: string; agreement_end_date: string; exit_date: string | null; subsidy_fen: number; employing_unit: string }>(
      `select placements.person_id, start_date, agreement_end_date, exit_date, subsidy_fen, posts.employing_unit from placements
        join posts on posts.id = placements.post_id where placements.person_id in list(?)`, [personIds])) {
      const list = placements.get(p.person_id) ?? [];
      list.push({ startDate: p.start_date, agreementEndDate: p.agreement_end_date, exitDate: p.exit_date, subsidyFen: p.subsidy_fen, employingUnit: p.employing_unit });
      placements.set(p.person_id, list);
    }
    const bands = new Map((await store.all<{ year: number; minAge: number; warnAge: number }>('select year, min_age as "minAge", warn_age as "warnAge" from year_policies')).map((b) => [b.year, b]));
    const today = localDate();

    const firstRowOf = new Map<string, number>();
    const plans: Plan[] = [];
    const outcomes = rows.map((input, index): RowOutcome => {
      const errors: FieldIssue[] = [];
      const warnings: FieldIssue[] = [];
      const id = parsedIds[index]!;
      const key = id.ok ? id.value : null;
      const nameCell = input.values.name;
      const label = typeof nameCell === 'string' ? nameCell.trim() : String(nameCell ?? '');
      const reject = (): RowOutcome => ({ row: input.row, status: 'rejected', key, label, errors, warnings, changedFields: [] });
      if (!id.ok) { errors.push(issue('idNumber', id.error)); return reject(); }
      const person = people.get(id.value);
      if (!person) { errors.push(issue('idNumber', workbenchError('PERSON_NOT_FOUND'))); return reject(); }
      if (!label) errors.push(issue('name', workbenchError('NAME_MISSING')));
      else if (label.replace(/\s/g, '') !== person.name) errors.push(issue('name', workbenchError('NAME_MISMATCH', { expected: person.name, actual: label })));
      const outOfScope = ctx.scope.refusal(person.township_code);
      if (outOfScope) errors.push(issue('idNumber', outOfScope));

      const parsed = parseEmploymentRow(input.values, mappedFields, cellContext);
      for (const e of parsed.errors) errors.push(issue(e.field, e.error));
      const year = parsed.year ?? (parsed.values.startMonth ? Number(parsed.values.startMonth.slice(0, 4)) : null);
      if (year === null) errors.push(issue(mappedFields.has('year') ? 'year' : null, workbenchError('EMP_YEAR_MISSING')));
      if (errors.length > 0 || year === null) return reject();

      const recordKey = `${person.id}|${year}`;
      const first = firstRowOf.get(recordKey);
      if (first !== undefined) { errors.push(issue('idNumber', workbenchError('DUPLICATE_IN_FILE', { firstRow: first }))); return reject(); }
      firstRowOf.set(recordKey, input.row);

      const posts = placements.get(person.id) ?? [];
      const existing = records.get(recordKey);
      const stored = existing ? toEmploymentInput(existing) : null;
      const merged: EmploymentInput = { ...(stored ?? EMPTY_EMPLOYMENT), ...parsed.values };
      // The same view as the grid's for that year: who is a labourer, and whether they hold a post.
      const effective = effectiveEmployment(stored, posts, year, checkDateFor(year, today));
      if (!isLabourer({ birthDate: person.birth_date, labourAbility: person.labour_ability }, year, bands.get(year) ?? DEFAULT_AGE_BAND, effective.postSpan !== null)) {
        errors.push(issue('idNumber', workbenchError('EMP_NOT_LABOURER', { year })));
        return reject();
      }
      const check = checkEmploymentInput(merged, year, effective.postSpan, effective.onPost);
      for (const [field, error] of Object.entries(check.errors)) if (error) errors.push(issue(COLUMN_OF[field as keyof EmploymentInput] ?? field, error));
      for (const [field, warning] of Object.entries(check.warnings)) if (warning) warnings.push(issue(COLUMN_OF[field as keyof EmploymentInput] ?? field, warning));
      if (errors.length > 0) return reject();

      const changedFields = stored ? COMPARED.filter((f) => stored[f] !== merged[f]).map((f) => COLUMN_OF[f] ?? f) : [];
      const status = !existing ? 'created' : changedFields.length > 0 ? 'updated' : 'unchanged';
      const outcome: RowOutcome = { row: input.row, status, key: `${id.value}|${year}`, label: person.name, errors, warnings, changedFields };
      plans.push({ outcome, personId: person.id, year, input: merged, existing });
      return outcome;
    });

    const townshipOf = new Map([...people.values()].map((person) => [person.id, person.township_code]));
    const townships = new Set(plans.map((p) => townshipOf.get(p.personId)!));
    return {
      outcomes,
      townshipCode: townships.size === 1 ? [...townships][0]! : null,
      townships: [...townships],
      async apply(store: ImportStore, batchId: number) {
        const change = store.changeWriter();
        for (const plan of plans) {
          if (plan.outcome.status === 'unchanged') continue;
          const values = employmentColumns(plan.input);
          const columns = Object.keys(values) as (keyof typeof values)[];
          if (plan.existing) {
            await store.updateRows('employment_records', columns, [[...columns.map((c) => values[c]), plan.existing.id]]);
            await change.add([batchId, 'employment', plan.existing.id, 'update', JSON.stringify(plan.existing), JSON.stringify({ ...plan.existing, ...values })]);
          } else {
            const [rowId] = await store.insertRows('employment_records', ['person_id', 'year', ...columns], [[plan.personId, plan.year, ...columns.map((c) => values[c])]]);
            await change.add([batchId, 'employment', rowId, 'create', null, JSON.stringify({ id: rowId, person_id: plan.personId, year: plan.year, ...values, name: plan.outcome.label })]);
          }
        }
        await change.flush();
      },
      snapshot(): SnapshotRow[] {
        return plans.map((plan) => ({
          key: plan.outcome.key!,
          label: plan.outcome.label,
          fields: Object.fromEntries(COMPARED.map((f) => [LABELS[f], shown(plan.input, f)])),
        }));
      },
    };
  },
};
