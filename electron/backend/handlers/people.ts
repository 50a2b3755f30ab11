// People (人员台账) handlers: list, live check, save, export.
import type { EngineContext } from '../context';
import type { ChannelInput, ChannelOutput, PersonView } from '../../../shared/contract/schemas';
import { checkPerson, maskCardNumber, type FieldErrors } from '../../../shared/domain/person';
import { ageOn, maskIdNumber } from '../../../shared/domain/id-number';
import { workbenchError } from '../../../shared/domain/errors';
import type { PersonRow } from '../db/schema';
import { findPersonByIdNumber, getPerson, insertPerson, listPeople, updatePerson } from '../repositories/people';
import { writeAudit } from '../repositories/audit';
import { WorkbenchFailure } from '../failure';
import { peopleWorkbook } from '../excel/people-export';

export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function toPersonView(ctx: EngineContext, row: PersonRow, onDate: string = today()): PersonView {
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
    cardNumber: row.card_number ?? '',
    cardMasked: row.card_number ? maskCardNumber(row.card_number) : '',
    bank: row.bank ?? '',
    remark: row.remark ?? '',
    updatedAt: row.updated_at,
  };
}

async function fullCheck(ctx: EngineContext, input: ChannelInput<'people.check'>) {
  const result = checkPerson(input.person, ctx.divisions);
  const errors: FieldErrors = { ...result.errors };
  if (!errors.idNumber) {
    const existing = await findPersonByIdNumber(ctx.wdb.db, result.normalised.idNumber);
    if (existing && existing.id !== input.id) errors.idNumber = workbenchError('ID_DUPLICATE', { name: `${existing.name}（${ctx.divisions.villageNameOf(existing.village_code)}）` });
  }
  return { errors, warnings: result.warnings, normalised: result.normalised };
}

export async function listPeopleHandler(ctx: EngineContext): Promise<ChannelOutput<'people.list'>> {
  const rows = await listPeople(ctx.wdb.db, ctx.actor.townships ?? undefined);
  const onDate = today();
  return rows.map((row) => toPersonView(ctx, row, onDate));
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
  const all = await listPeopleHandler(ctx);
  const byId = new Map(all.map((p) => [p.id, p]));
  // Keep the order of the grid's current view.
  const rows = input.ids.map((id) => byId.get(id)).filter((p): p is PersonView => p !== undefined);
  const buffer = await peopleWorkbook(rows, `${ctx.county.name}人员台账`);
  await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'people', entityId: null, action: 'export', after: { rows: rows.length } });
  return { fileName: `人员台账_${today().replace(/-/g, '')}.xlsx`, base64: buffer.toString('base64'), rows: rows.length };
}
