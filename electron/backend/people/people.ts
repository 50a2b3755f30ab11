// People (人员台账) handlers: list, live check, save, export.
import { inScope, type Actor, type EngineContext } from '../context';
import { PEOPLE_LIST_COLUMNS, type ChannelInput, type ChannelOutput, type PersonView } from '../../../shared/contract/schemas';
import { checkPerson, maskCardNumber, type FieldErrors } from '../../../shared/domain/person';
import { ageOn, maskIdNumber } from '../../../shared/domain/id-number';
import { workbenchError } from '../../../shared/domain/errors';
import type { PersonRow } from '../db/schema';
import { findPersonByIdNumber, getPerson, insertPerson, listPeople, updatePerson } from './repository';
import { writeAudit } from '../admin/audit-repository';
import { WorkbenchFailure } from '../failure';
import { peopleWorkbook } from './export';
import { localDate } from '../../../shared/domain/dates';


/** Full ID and card numbers go only where the work needs them: to a clerk, for the townships assigned.
 * Managers and administrators see them masked and reveal one value at a time (logged). */
export function seesFullNumbers(actor: Actor, townshipCode: string): boolean {
  return actor.role === 'clerk' && inScope(actor, townshipCode);
}

export function toPersonView(ctx: EngineContext, row: PersonRow, onDate: string = localDate(), full = seesFullNumbers(ctx.actor, row.township_code)): PersonView {
  const card = row.card_number ?? '';
  return {
    id: row.id,
    idNumber: full ? row.id_number : maskIdNumber(row.id_number),
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
    cardNumber: full ? card : maskCardNumber(card),
    cardMasked: maskCardNumber(card),
    bank: row.bank ?? '',
    remark: row.remark ?? '',
    updatedAt: row.updated_at,
  };
}

async function fullCheck(ctx: EngineContext, input: ChannelInput<'people.check'>) {
  const result = checkPerson(input.person, ctx.divisions);
  const errors: FieldErrors = { ...result.errors };
  if (!errors.townshipCode && !inScope(ctx.actor, result.normalised.townshipCode)) errors.townshipCode = workbenchError('OUT_OF_SCOPE');
  if (!errors.idNumber) {
    const existing = await findPersonByIdNumber(ctx.wdb.db, result.normalised.idNumber);
    if (existing && existing.id !== input.id) {
      // Outside the clerk's townships the name stays private too.
      const who = inScope(ctx.actor, existing.township_code) ? `${existing.name}（${ctx.divisions.villageNameOf(existing.village_code)}）` : `${ctx.divisions.townshipNameOf(existing.township_code)}的人员`;
      errors.idNumber = workbenchError('ID_DUPLICATE', { name: who });
    }
  }
  return { errors, warnings: result.warnings, normalised: result.normalised };
}

/** A person the actor may see; anything else is refused the same way whether it exists or not. */
async function personInScope(ctx: EngineContext, id: number): Promise<PersonRow> {
  const row = await getPerson(ctx.wdb.db, id);
  if (!row) throw new WorkbenchFailure('NOT_FOUND');
  if (!inScope(ctx.actor, row.township_code)) throw new WorkbenchFailure('OUT_OF_SCOPE');
  return row;
}

export async function getPersonHandler(ctx: EngineContext, input: ChannelInput<'people.get'>): Promise<ChannelOutput<'people.get'>> {
  const row = await personInScope(ctx, input.id);
  if (ctx.actor.role !== 'clerk') {
    await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'person', entityId: row.id, action: 'reveal', after: { fields: ['idNumber', 'cardNumber'], purpose: 'edit' } });
  }
  return toPersonView(ctx, row, localDate(), true);
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
  let query = ctx.wdb.db.selectFrom('people').select('id').where('id_number', 'like', `%${input.fragment.toUpperCase()}%`);
  if (ctx.actor.townships) query = query.where('township_code', 'in', ctx.actor.townships.length ? [...ctx.actor.townships] : ['']);
  return { ids: (await query.execute()).map((r) => r.id) };
}

/** The grid's rows, columnar (PEOPLE_LIST_COLUMNS). The driver's raw statement: this is the hot path of
 * opening 人员台账 with up to 100,000 people. */
export async function listPeopleHandler(ctx: EngineContext): Promise<ChannelOutput<'people.list'>> {
  const scope = ctx.actor.townships;
  const where = scope ? `where township_code in (${scope.map(() => '?').join(',') || "''"})` : '';
  const statement = ctx.wdb.sqlite.prepare(`select id, id_number, name, name_initials, sex, birth_date, township_code, village_code,
      household_no, relation, category, labour_ability, phone, card_number, bank, remark
    from people ${where} order by township_code, village_code, household_no, id`).raw(true);
  const onDate = localDate();
  const rows = (statement.all(...(scope ?? [])) as (string | number | null)[][]).map((r) => {
    const township = r[6] as string;
    const full = seesFullNumbers(ctx.actor, township);
    const id = r[1] as string;
    return [
      r[0] as number, full ? id : maskIdNumber(id), r[2] as string, r[3] as string, r[4] as string, ageOn(r[5] as string, onDate),
      township, r[7] as string, r[8] ?? '', r[9] ?? '', r[10] as string, r[11] as string, r[12] ?? '', maskCardNumber((r[13] as string | null) ?? ''), r[14] ?? '', r[15] ?? '',
    ] as (string | number)[];
  });
  return { columns: [...PEOPLE_LIST_COLUMNS], rows };
}

export async function checkPersonHandler(ctx: EngineContext, input: ChannelInput<'people.check'>): Promise<ChannelOutput<'people.check'>> {
  const { errors, warnings } = await fullCheck(ctx, input);
  return { errors, warnings };
}

export async function savePersonHandler(ctx: EngineContext, input: ChannelInput<'people.save'>): Promise<ChannelOutput<'people.save'>> {
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
      if (!inScope(ctx.actor, before.township_code)) throw new WorkbenchFailure('OUT_OF_SCOPE');
      const after = await updatePerson(trx, input.id, normalised);
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
  // The exported ledger is an office document: it carries full numbers, within the actor's townships, and
  // every export is in the audit log.
  const rows = await listPeople(ctx.wdb.db, ctx.actor.townships ?? undefined);
  const onDate = localDate();
  const byId = new Map(rows.map((row) => [row.id, toPersonView(ctx, row, onDate, true)]));
  // Keep the order of the grid's current view.
  const people = input.ids.map((id) => byId.get(id)).filter((p): p is PersonView => p !== undefined);
  const buffer = await peopleWorkbook(people, `${ctx.county.name}人员台账`);
  await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'people', entityId: null, action: 'export', after: { rows: people.length } });
  return { fileName: `人员台账_${onDate.replace(/-/g, '')}.xlsx`, base64: buffer.toString('base64'), rows: people.length };
}
