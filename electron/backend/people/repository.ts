// People (人员台账): reading and writing person records.
import type { Kysely, Transaction } from 'kysely';
import { pinyin } from 'pinyin-pro';
import type { Database, NewPerson, PersonRow } from '../db/schema';
import { birthDateOf, sexOf } from '../../../shared/domain/id-number';
import type { PersonInput } from '../../../shared/domain/person';

type Db = Kysely<Database> | Transaction<Database>;

/** 张三丰 → zsf; surnames read as surnames (单 → shan), so a clerk's initials match. */
// Names repeat (a county has a few thousand distinct ones among 100,000 people) and pinyin is the dearest
// step of writing an imported person: remembered, within a bound.
const initialsOf = new Map<string, string>();

export function nameInitials(name: string): string {
  if (!name) return '';
  let initials = initialsOf.get(name);
  if (initials === undefined) {
    initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }).join('').toLowerCase();
    if (initialsOf.size >= 100_000) initialsOf.clear();
    initialsOf.set(name, initials);
  }
  return initials;
}

/** The stored columns for a validated input: birth date and sex come from the ID, never from the form. */
/** now: the write's time (an import writes 100,000 rows at one moment, and need not ask the clock for each). */
/** The columns of a person; `initials` when already worked out for the name (an import does it while reading). */
export function personColumns(input: PersonInput, now = new Date().toISOString(), initials = nameInitials(input.name)): Omit<NewPerson, 'id' | 'created_at'> {
  const blankToNull = (value: string) => (value === '' ? null : value);
  return {
    id_number: input.idNumber,
    name: input.name,
    sex: sexOf(input.idNumber),
    birth_date: birthDateOf(input.idNumber),
    phone: blankToNull(input.phone),
    township_code: input.townshipCode,
    village_code: input.villageCode,
    household_no: blankToNull(input.householdNo),
    relation: blankToNull(input.relation),
    category: input.category,
    labour_ability: input.labourAbility,
    card_number: blankToNull(input.cardNumber),
    bank: blankToNull(input.bank),
    remark: blankToNull(input.remark),
    name_initials: initials,
    updated_at: now,
  };
}

export async function findPersonByIdNumber(db: Db, idNumber: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id_number', '=', idNumber).executeTakeFirst();
}

export async function getPerson(db: Db, id: number): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPerson(db: Db, input: PersonInput): Promise<PersonRow> {
  return db.insertInto('people').values(personColumns(input)).returningAll().executeTakeFirstOrThrow();
}

/**
 * Updates the person only if the row is still at the version the editor loaded; undefined when it has moved
 * on (someone else saved in between). The database raises the version (migration row_versions).
 */
export async function updatePerson(db: Db, id: number, input: PersonInput, version: number): Promise<PersonRow | undefined> {
  // Raised here rather than by the trigger, so RETURNING shows the new version (SQLite returns the row
  // before its AFTER triggers ran).
  return db.updateTable('people').set({ ...personColumns(input), version: version + 1 }).where('id', '=', id).where('version', '=', version)
    .returningAll().executeTakeFirst();
}

export async function listPeople(db: Db, townshipCodes?: readonly string[]): Promise<PersonRow[]> {
  let query = db.selectFrom('people').selectAll().orderBy('township_code').orderBy('village_code').orderBy('household_no').orderBy('id');
  if (townshipCodes) query = query.where('township_code', 'in', townshipCodes.length ? [...townshipCodes] : ['']);
  return query.execute();
}

export async function countPeople(db: Db): Promise<number> {
  const row = await db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
