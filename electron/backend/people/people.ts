// People (人员台账) handlers: list, live check, save, export. Views carry full numbers; dispatch masks them
// for whoever may not see them (masking.ts), and a clerk's edit form sends a masked number back unchanged.
import { sql } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { EngineContext } from '../context';
import { PEOPLE_LIST_COLUMNS, type ChannelInput, type ChannelOutput, type PersonView } from '../../../shared/contract/schemas';
import { checkPerson, maskCardNumber, type FieldErrors } from '../../../shared/domain/person';
import { ageOn, maskIdNumber } from '../../../shared/domain/id-number';
import { workbenchError } from '../../../shared/domain/errors';
import type { PersonRow } from '../db/schema';
import { uniqueViolation } from '../db/retry';
import { findPersonByIdNumber, getPerson, insertPerson, listPeople, updatePerson } from './repository';
import { writeAudit } from '../admin/audit-repository';
import { WorkbenchFailure } from '../failure';
import { peopleWorkbook } from './export';
import { localDate } from '../../../shared/domain/dates';
import { fullNumbersInFiles, maskAnswer } from '../masking';
import { whereInScope, scopeClause } from '../scope';

/** A person as the screens show them, numbers whole: dispatch masks them for whoever may not see them. */
export function toPersonView(ctx: EngineContext, row: PersonRow, onDate: string = localDate()): PersonView {
  const card = row.card_number ?? '';
  return {
    id: row.id,
    idNumber: row.id_number,
    idMasked: maskIdNumber(row.id_number),
    name: row.name,
    nameInitials: row.name_initials,
    sex: row.sex,
    birthDate: row.birth_date,
    age: ageOn(row.birth_date, onDate),
    phone: row.phone ?? '',
    townshipCode: row.township_code,
    townshipName: ctx.divisions.townshipNameOf(row.township_code),
    villageCode: row.village_code,
    villageName: ctx.divisions.villageNameOf(row.village_code),
    householdNo: row.household_no ?? '',
    relation: row.relation ?? '',
    category: row.category,
    labourAbility: row.labour_ability,
    cardNumber: card,
    cardMasked: maskCardNumber(card),
    bank: row.bank ?? '',
    remark: row.remark ?? '',
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/**
 * The person as typed, where a field that comes back exactly as dispatch showed it masked (an ID number as
 * 130324********123X, a card as ************4712) is taken as unchanged: whoever sees numbers masked can
 * still edit the other fields, and the stored numbers stay.
 */
async function withStoredNumbers(ctx: EngineContext, input: ChannelInput<'people.check'>): Promise<ChannelInput<'people.check'>['person']> {
  const typed = input.person;
  if (!input.id || !Object.values(typed).some((value) => value.includes('*'))) return typed;
  const stored = await getPerson(ctx.wdb.db, input.id);
  if (!stored) return typed;
  const view = toPersonView(ctx, stored);
  const shown = maskAnswer(toPersonView(ctx, stored));
  const person = { ...typed };
  for (const field of Object.keys(person) as (keyof typeof person)[]) {
    if (person[field] !== view[field] && person[field] === shown[field]) person[field] = view[field];
  }
  return person;
}

async function fullCheck(ctx: EngineContext, input: ChannelInput<'people.check'>) {
  const result = checkPerson(await withStoredNumbers(ctx, input), ctx.divisions);
  const errors: FieldErrors = { ...result.errors };
  if (!errors.townshipCode) {
    const refusal = ctx.scope.refusal(result.normalised.townshipCode);
    if (refusal) errors.townshipCode = refusal;
  }
  if (!errors.idNumber) {
    const existing = await findPersonByIdNumber(ctx.wdb.db, result.normalised.idNumber);
    if (existing && existing.id !== input.id) {
      // Outside the clerk's townships the name stays private too.
      const who = ctx.scope.has(existing.township_code) ? `${existing.name}（${ctx.divisions.villageNameOf(existing.village_code)}）` : `${ctx.divisions.townshipNameOf(existing.township_code)}的人员`;
      errors.idNumber = workbenchError('ID_DUPLICATE', { name: who });
    }
  }
  return { errors, warnings: result.warnings, normalised: result.normalised };
}

/** A person the actor may see; anything else is refused the same way whether it exists or not. */
async function personInScope(ctx: EngineContext, id: number): Promise<PersonRow> {
  const row = await getPerson(ctx.wdb.db, id);
  if (!row) throw new WorkbenchFailure('NOT_FOUND');
  ctx.scope.require(row.township_code);
  return row;
}

export async function getPersonHandler(ctx: EngineContext, input: ChannelInput<'people.get'>): Promise<ChannelOutput<'people.get'>> {
  const row = await personInScope(ctx, input.id);
  if (ctx.actor.role !== 'clerk') {
    await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'person', entityId: row.id, action: 'reveal', after: { fields: ['idNumber', 'cardNumber'], purpose: 'edit' } });
  }
  return toPersonView(ctx, row);
}

export async function revealHandler(ctx: EngineContext, input: ChannelInput<'people.reveal'>): Promise<ChannelOutput<'people.reveal'>> {
  const row = await personInScope(ctx, input.id);
  const value = input.field === 'idNumber' ? row.id_number : row.card_number ?? '';
  await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'person', entityId: row.id, action: 'reveal', after: { field: input.field, name: row.name } });
  return { value };
}

/** Quick search by any part of an ID number for those who see IDs masked: the engine matches, the
 * renderer only learns which rows match. */
export async function matchIdHandler(ctx: EngineContext, input: ChannelInput<'people.matchId'>): Promise<ChannelOutput<'people.matchId'>> {
  const query = ctx.wdb.db.selectFrom('people').select('id').where('id_number', 'like', `%${input.fragment.toUpperCase()}%`);
  return { ids: (await whereInScope(query, ctx.scope, 'township_code').execute()).map((r) => r.id) };
}

const LIST_COLUMNS = ['id', 'id_number', 'name', 'name_initials', 'sex', 'birth_date', 'township_code', 'village_code',
  'household_no', 'relation', 'category', 'labour_ability', 'phone', 'card_number', 'bank', 'remark'] as const;
type ListedRows = { raw: (string | number | null)[][]; total: number };

function listSqlite(ctx: EngineContext, sqlite: SqliteDatabase.Database, input: ChannelInput<'people.list'>, windowed: boolean): ListedRows {
  const scope = scopeClause(ctx.scope, 'township_code');
  const page = windowed ? ` limit ${input.limit ?? -1} offset ${input.offset ?? 0}` : '';
  const statement = sqlite.prepare(`select ${LIST_COLUMNS.join(', ')}
    from people where ${scope.sql} order by township_code, village_code, household_no, id${page}`).raw(true);
  const raw = statement.all(...scope.params) as (string | number | null)[][];
  const total = windowed ? (sqlite.prepare(`select count(*) from people where ${scope.sql}`).pluck().get(...scope.params) as number) : raw.length;
  return { raw, total };
}

/** The same rows through kysely (PostgreSQL): empty household numbers first, as SQLite orders nulls. */
async function listKysely(ctx: EngineContext, input: ChannelInput<'people.list'>, windowed: boolean): Promise<ListedRows> {
  let query = whereInScope(ctx.wdb.db.selectFrom('people').select([...LIST_COLUMNS]), ctx.scope, 'township_code')
    .orderBy('township_code').orderBy('village_code').orderBy(sql`household_no nulls first`).orderBy('id');
  if (input.limit !== undefined) query = query.limit(input.limit);
  if (input.offset !== undefined) query = query.offset(input.offset);
  const rows = await query.execute();
  const raw = rows.map((row) => LIST_COLUMNS.map((column) => row[column] as string | number | null));
  const total = windowed
    ? Number((await whereInScope(ctx.wdb.db.selectFrom('people').select((eb) => eb.fn.countAll().as('n')), ctx.scope, 'township_code').executeTakeFirstOrThrow()).n)
    : raw.length;
  return { raw, total };
}

/** The grid's rows, columnar (PEOPLE_LIST_COLUMNS). The driver's raw statement: this is the hot path of
 * opening 人员台账 with up to 100,000 people. */
export async function listPeopleHandler(ctx: EngineContext, input: ChannelInput<'people.list'> = {}): Promise<ChannelOutput<'people.list'>> {
  // A window of the list (offset, limit): 人员台账's first screen comes before the rest.
  const windowed = input.limit !== undefined || input.offset !== undefined;
  const onDate = input.ageOn ?? localDate();
  const { raw, total } = ctx.wdb.dialect === 'sqlite' ? listSqlite(ctx, ctx.wdb.sqlite, input, windowed) : await listKysely(ctx, input, windowed);
  const rows = raw.map((r) => {
    const township = r[6] as string;
    return [
      r[0] as number, r[1] as string, r[2] as string, r[3] as string, r[4] as string, ageOn(r[5] as string, onDate),
      township, r[7] as string, r[8] ?? '', r[9] ?? '', r[10] as string, r[11] as string, r[12] ?? '', maskCardNumber((r[13] as string | null) ?? ''), r[14] ?? '', r[15] ?? '',
    ] as (string | number)[];
  });
  return { columns: [...PEOPLE_LIST_COLUMNS], rows, total };
}

export async function checkPersonHandler(ctx: EngineContext, input: ChannelInput<'people.check'>): Promise<ChannelOutput<'people.check'>> {
  const { errors, warnings } = await fullCheck(ctx, input);
  return { errors, warnings };
}

export async function savePersonHandler(ctx: EngineContext, input: ChannelInput<'people.save'>): Promise<ChannelOutput<'people.save'>> {
  try {
    return await savePerson(ctx, input);
  } catch (error) {
    // Another save registered the same ID number between this one's check and its insert (two seats, or two
    // requests at once): checked again, this form is refused ID_DUPLICATE as if it had come second.
    if (!uniqueViolation(error)) throw error;
    return savePerson(ctx, input);
  }
}

async function savePerson(ctx: EngineContext, input: ChannelInput<'people.save'>): Promise<ChannelOutput<'people.save'>> {
  const { errors, warnings, normalised } = await fullCheck(ctx, input);
  if (Object.keys(errors).length > 0) {
    const detail = Object.values(errors).map((e) => e.message).join('；');
    throw new WorkbenchFailure('VALIDATION', { detail }, { fields: errors });
  }
  const db = ctx.wdb.db;
  const saved = await db.transaction().execute(async (trx) => {
    if (input.id) {
      const before = await getPerson(trx, input.id);
      if (!before) throw new WorkbenchFailure('NOT_FOUND');
      ctx.scope.require(before.township_code);
      // The version the form loaded: a save over someone else's change is refused, never an overwrite.
      const after = input.version === before.version ? await updatePerson(trx, input.id, normalised, before.version) : undefined;
      if (!after) throw new WorkbenchFailure('STALE_VERSION');
      await writeAudit(trx, { username: ctx.actor.username, entity: 'person', entityId: after.id, action: 'update', before, after });
      return after;
    }
    const created = await insertPerson(trx, normalised);
    await writeAudit(trx, { username: ctx.actor.username, entity: 'person', entityId: created.id, action: 'create', after: created });
    return created;
  });
  return { person: toPersonView(ctx, saved), warnings };
}

export async function exportPeopleHandler(ctx: EngineContext, input: ChannelInput<'people.export'>): Promise<ChannelOutput<'people.export'>> {
  // The exported ledger is an office document: within the actor's townships, with full numbers for those who
  // may have them in files (never a clerk: masking.ts), and every export is in the audit log.
  const rows = await listPeople(ctx.wdb.db, ctx.scope.townships ?? undefined);
  const onDate = localDate();
  const full = fullNumbersInFiles(ctx.actor);
  const byId = new Map(rows.map((row) => [row.id, full ? toPersonView(ctx, row, onDate) : maskAnswer(toPersonView(ctx, row, onDate))]));
  // Keep the order of the grid's current view.
  const people = input.ids.map((id) => byId.get(id)).filter((p): p is PersonView => p !== undefined);
  const buffer = await peopleWorkbook(people, `${ctx.county.name}人员台账`);
  await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'people', entityId: null, action: 'export', after: { rows: people.length } });
  return { fileName: `人员台账_${onDate.replace(/-/g, '')}.xlsx`, base64: buffer.toString('base64'), rows: people.length };
}
