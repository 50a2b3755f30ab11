// 技能培训: sessions (期次), enrolment, completion and certificates.
import { sql } from 'kysely';
import type { EngineContext } from '../context';
import { scopeCondition, whereInScope } from '../scope';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract/schemas';
import type { TraineeView, TrainingView } from '../../../shared/contract/employment';
import { checkTraining } from '../../../shared/domain/training';
import { maskIdNumber, parseIdNumber } from '../../../shared/domain/id-number';
import { workbenchError } from '../../../shared/domain/errors';
import { WorkbenchFailure } from '../failure';
import { writeAudit } from '../admin/audit-repository';
import { getPerson } from '../people/repository';

async function trainingViews(ctx: EngineContext, where: { year?: number; id?: number }): Promise<TrainingView[]> {
  // A clerk counts only the trainees of the townships assigned.
  const inScopeSql = scopeCondition(ctx.scope, 'people.township_code');
  let query = ctx.wdb.db.selectFrom('trainings')
    .leftJoin('trainees', 'trainees.training_id', 'trainings.id')
    .leftJoin('people', 'people.id', 'trainees.person_id')
    .select([
      'trainings.id', 'trainings.year', 'trainings.name', 'trainings.trade', 'trainings.start_date', 'trainings.end_date', 'trainings.place', 'trainings.organiser',
      sql<number>`count(case when people.id is not null and ${inScopeSql} then 1 end)`.as('trainees'),
      sql<number>`count(case when trainees.completed = 1 and ${inScopeSql} then 1 end)`.as('completed'),
      sql<number>`count(case when trainees.certificate is not null and ${inScopeSql} then 1 end)`.as('certified'),
    ]);
  if (where.year !== undefined) query = query.where('trainings.year', '=', where.year);
  if (where.id !== undefined) query = query.where('trainings.id', '=', where.id);
  const rows = await query.groupBy('trainings.id').orderBy('trainings.start_date').orderBy('trainings.id').execute();
  return rows.map((r) => ({
    id: r.id, year: r.year, name: r.name, trade: r.trade, startDate: r.start_date, endDate: r.end_date, place: r.place ?? '', organiser: r.organiser ?? '',
    trainees: Number(r.trainees), completed: Number(r.completed), certified: Number(r.certified),
  }));
}

export async function listTrainingsHandler(ctx: EngineContext, input: ChannelInput<'trainings.list'>): Promise<ChannelOutput<'trainings.list'>> {
  return trainingViews(ctx, { year: input.year });
}

export async function saveTrainingHandler(ctx: EngineContext, input: ChannelInput<'trainings.save'>): Promise<ChannelOutput<'trainings.save'>> {
  const fields = { name: input.name.trim(), trade: input.trade.trim(), startDate: input.startDate.trim(), endDate: input.endDate.trim(), place: input.place.trim(), organiser: input.organiser.trim() };
  const errors = checkTraining(fields);
  if (Object.keys(errors).length > 0) {
    throw new WorkbenchFailure('VALIDATION', { detail: Object.values(errors).map((e) => e!.message).join('；') }, { fields: errors });
  }
  // A session belongs to the year it starts in.
  const columns = { year: Number(fields.startDate.slice(0, 4)), name: fields.name, trade: fields.trade, start_date: fields.startDate, end_date: fields.endDate, place: fields.place, organiser: fields.organiser };
  const id = await ctx.wdb.db.transaction().execute(async (trx) => {
    if (input.id) {
      const before = await trx.selectFrom('trainings').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (!before) throw new WorkbenchFailure('NOT_FOUND');
      await trx.updateTable('trainings').set(columns).where('id', '=', input.id).execute();
      await writeAudit(trx, { username: ctx.actor.username, entity: 'training', entityId: input.id, action: 'update', before, after: columns });
      return input.id;
    }
    const created = await trx.insertInto('trainings').values(columns).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, { username: ctx.actor.username, entity: 'training', entityId: created.id, action: 'create', after: columns });
    return created.id;
  });
  return (await trainingViews(ctx, { id }))[0]!;
}

async function traineeViews(ctx: EngineContext, trainingId: number, personId?: number): Promise<TraineeView[]> {
  let query = ctx.wdb.db.selectFrom('trainees').innerJoin('people', 'people.id', 'trainees.person_id')
    .select(['people.id', 'people.name', 'people.id_number', 'people.township_code', 'people.village_code', 'trainees.completed', 'trainees.certificate'])
    .where('trainees.training_id', '=', trainingId);
  if (personId !== undefined) query = query.where('trainees.person_id', '=', personId);
  query = whereInScope(query, ctx.scope, 'people.township_code');
  const rows = await query.orderBy('people.township_code').orderBy('people.village_code').orderBy('people.id').execute();
  return rows.map((r) => ({
    personId: r.id, name: r.name, idMasked: maskIdNumber(r.id_number), townshipName: ctx.divisions.townshipNameOf(r.township_code),
    villageName: ctx.divisions.villageNameOf(r.village_code), completed: r.completed === 1, certificate: r.certificate,
  }));
}

async function requireTraining(ctx: EngineContext, id: number) {
  const training = await ctx.wdb.db.selectFrom('trainings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!training) throw new WorkbenchFailure('NOT_FOUND');
  return training;
}

export async function traineesHandler(ctx: EngineContext, input: ChannelInput<'trainings.trainees'>): Promise<ChannelOutput<'trainings.trainees'>> {
  await requireTraining(ctx, input.trainingId);
  return traineeViews(ctx, input.trainingId);
}

export async function enrolHandler(ctx: EngineContext, input: ChannelInput<'trainings.enrol'>): Promise<ChannelOutput<'trainings.enrol'>> {
  await requireTraining(ctx, input.trainingId);
  // Pasted ID numbers: each line parsed like an import cell; the bad and the unknown are reported, not fatal.
  const notFound: { value: string; code: string; message: string }[] = [];
  const byIdNumber: string[] = [];
  for (const raw of input.idNumbers ?? []) {
    if (!raw.trim()) continue;
    const parsed = parseIdNumber(raw);
    if (parsed.ok) byIdNumber.push(parsed.value);
    else notFound.push({ value: raw.trim(), ...parsed.error });
  }
  const found = byIdNumber.length
    ? await ctx.wdb.db.selectFrom('people').select(['id', 'id_number']).where('id_number', 'in', byIdNumber).execute()
    : [];
  const known = new Set(found.map((p) => p.id_number));
  for (const idNumber of byIdNumber) if (!known.has(idNumber)) notFound.push({ value: idNumber, ...workbenchError('PERSON_NOT_FOUND') });
  const ids = [...new Set([...(input.personIds ?? []), ...found.map((p) => p.id)])];
  if (ids.length === 0) return { enrolled: 0, already: 0, notFound };
  const people = await ctx.wdb.db.selectFrom('people').select(['id', 'township_code']).where('id', 'in', ids).execute();
  if (people.length !== ids.length) throw new WorkbenchFailure('NOT_FOUND');
  for (const p of people) ctx.scope.require(p.township_code);
  return ctx.wdb.db.transaction().execute(async (trx) => {
    const existing = new Set((await trx.selectFrom('trainees').select('person_id').where('training_id', '=', input.trainingId).where('person_id', 'in', ids).execute()).map((r) => r.person_id));
    const fresh = ids.filter((id) => !existing.has(id));
    if (fresh.length) await trx.insertInto('trainees').values(fresh.map((person_id) => ({ training_id: input.trainingId, person_id, certificate: null }))).execute();
    await writeAudit(trx, { username: ctx.actor.username, entity: 'training', entityId: input.trainingId, action: 'enrol', after: { personIds: fresh } });
    return { enrolled: fresh.length, already: existing.size, notFound };
  });
}

export async function setTraineeHandler(ctx: EngineContext, input: ChannelInput<'trainings.setTrainee'>): Promise<ChannelOutput<'trainings.setTrainee'>> {
  const person = await getPerson(ctx.wdb.db, input.personId);
  if (!person) throw new WorkbenchFailure('NOT_FOUND');
  ctx.scope.require(person.township_code);
  const certificate = input.certificate?.trim() || null;
  await ctx.wdb.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('trainees').selectAll().where('training_id', '=', input.trainingId).where('person_id', '=', input.personId).executeTakeFirst();
    if (!before) throw new WorkbenchFailure('NOT_FOUND');
    // A certificate is only earned by finishing: recording one marks the trainee as completed.
    const completed = input.completed || certificate !== null ? 1 : 0;
    await trx.updateTable('trainees').set({ completed, certificate }).where('training_id', '=', input.trainingId).where('person_id', '=', input.personId).execute();
    await writeAudit(trx, { username: ctx.actor.username, entity: 'trainee', entityId: `${input.trainingId}/${input.personId}`, action: 'update', before, after: { completed, certificate } });
  });
  return (await traineeViews(ctx, input.trainingId, input.personId))[0]!;
}

export async function unenrolHandler(ctx: EngineContext, input: ChannelInput<'trainings.unenrol'>): Promise<ChannelOutput<'trainings.unenrol'>> {
  const person = await getPerson(ctx.wdb.db, input.personId);
  if (!person) throw new WorkbenchFailure('NOT_FOUND');
  ctx.scope.require(person.township_code);
  const result = await ctx.wdb.db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom('trainees').where('training_id', '=', input.trainingId).where('person_id', '=', input.personId).executeTakeFirst();
    const removed = Number(deleted.numDeletedRows) > 0;
    if (removed) await writeAudit(trx, { username: ctx.actor.username, entity: 'training', entityId: input.trainingId, action: 'unenrol', after: { personId: input.personId } });
    return removed;
  });
  return { removed: result };
}
