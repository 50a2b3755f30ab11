// Employment ledger (就业台账), 131 services and targets: the handlers behind the employment channels.
import type { EngineContext } from '../context';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract/schemas';
import type { LedgerRowView, TargetsView } from '../../../shared/contract/employment';
import {
  checkEmploymentInput, describeSpan, parseMonth, rateBasisPoints, type EmploymentForm, type EmploymentInput, type EmploymentStatus,
} from '../../../shared/domain/employment';
import { checkService, progressLabel } from '../../../shared/domain/services';
import { workbenchError, type WorkbenchError } from '../../../shared/domain/errors';
import { ageOn, maskIdNumber } from '../../../shared/domain/id-number';
import { WorkbenchFailure } from '../failure';
import { writeAudit } from '../admin/audit-repository';
import { getPerson } from '../people/repository';
import {
  deleteService, getEmploymentRecord, getService, insertService, listServicesOf, saveTargets, toEmploymentInput, upsertEmploymentRecord,
} from './repository';
import { loadLedger, type Ledger, type LedgerEntry } from './ledger';
import { localDate } from '../../../shared/domain/dates';

export function toLedgerRow(ctx: EngineContext, entry: LedgerEntry, year: number): LedgerRowView {
  const { person, effective } = entry;
  return {
    personId: person.id,
    name: person.name,
    nameInitials: person.name_initials,
    idNumber: person.id_number,
    idMasked: maskIdNumber(person.id_number),
    sex: person.sex,
    age: ageOn(person.birth_date, `${year}-12-31`),
    townshipCode: person.township_code,
    townshipName: ctx.divisions.townshipNameOf(person.township_code),
    villageName: ctx.divisions.villageNameOf(person.village_code),
    labourAbility: person.labour_ability,
    status: effective.status,
    form: effective.form,
    destinationProvince: effective.destinationProvince,
    destinationCity: effective.destinationCity,
    employer: effective.employer,
    startMonth: effective.startMonth,
    monthsWorked: effective.monthsWorked,
    avgIncomeFen: effective.avgIncomeFen,
    wantsWork: effective.wantsWork,
    reasonNotEmployed: effective.reasonNotEmployed,
    source: effective.source,
    postMonths: effective.postSpan ? describeSpan(effective.postSpan) : null,
    otherWork: effective.otherWork,
    serviceTarget: entry.serviceTarget,
    progress: { ...entry.progress, label: progressLabel(entry.progress) },
    lastServiceDate: entry.lastServiceDate,
    checks: entry.checks,
    recordVersion: entry.recordVersion,
  };
}

/** The year's figures against its targets: the county and each township in the actor's view. */
export function targetsOf(ctx: EngineContext, ledger: Ledger): TargetsView {
  const townships = ctx.townships.filter((t) => ctx.scope.has(t.code));
  const rows = townships.map((t) => {
    const mine = ledger.entries.filter((e) => e.person.township_code === t.code);
    const employed = mine.filter((e) => e.effective.status === '已就业').length;
    const target = ledger.targets.townships.get(t.code) ?? null;
    return { code: t.code, name: t.name, target, labourers: mine.length, employed, completionRate: target ? rateBasisPoints(employed, target) : null };
  });
  const employed = ledger.entries.filter((e) => e.effective.status === '已就业').length;
  const warnings: WorkbenchError[] = [];
  const sum = rows.reduce((n, r) => n + (r.target ?? 0), 0);
  // A clerk sees part of the county; the sum only means something against the whole county.
  const wholeCounty = ctx.scope.townships === null;
  if (wholeCounty && ledger.targets.county !== null && rows.some((r) => r.target !== null) && sum !== ledger.targets.county) {
    warnings.push(workbenchError('TARGET_SUM_MISMATCH', { sum, target: ledger.targets.county }));
  }
  const countyTarget = !wholeCounty ? (rows.some((r) => r.target !== null) ? sum : null) : ledger.targets.county;
  return {
    year: ledger.year, countyTarget, labourers: ledger.entries.length, employed,
    completionRate: countyTarget ? rateBasisPoints(employed, countyTarget) : null, townships: rows, warnings,
  };
}

export async function ledgerHandler(ctx: EngineContext, input: ChannelInput<'employment.ledger'>): Promise<ChannelOutput<'employment.ledger'>> {
  const ledger = await loadLedger(ctx, input.year);
  return { year: input.year, checkDate: ledger.checkDate, rows: ledger.entries.map((e) => toLedgerRow(ctx, e, input.year)), targets: targetsOf(ctx, ledger) };
}

async function rowOf(ctx: EngineContext, personId: number, year: number): Promise<LedgerRowView | null> {
  const ledger = await loadLedger(ctx, year, { onlyPersonIds: [personId] });
  return ledger.entries[0] ? toLedgerRow(ctx, ledger.entries[0], year) : null;
}

const blank = (value: string | null) => (value === null || value.trim() === '' ? null : value.trim());

/** Trims what was typed, turns blanks into "not given" and writes the month as YYYY-MM when it is one. */
export function normaliseEmploymentInput(raw: ChannelInput<'employment.save'>['record']): EmploymentInput {
  const startMonth = blank(raw.startMonth);
  return {
    status: raw.status.trim() as EmploymentStatus,
    form: blank(raw.form) as EmploymentForm | null,
    destinationProvince: blank(raw.destinationProvince),
    destinationCity: blank(raw.destinationCity),
    employer: blank(raw.employer),
    startMonth: startMonth === null ? null : parseMonth(startMonth) ?? startMonth,
    monthsWorked: raw.monthsWorked,
    avgIncomeFen: raw.avgIncomeFen,
    wantsWork: raw.wantsWork,
    reasonNotEmployed: blank(raw.reasonNotEmployed),
  };
}

export async function saveEmploymentHandler(ctx: EngineContext, input: ChannelInput<'employment.save'>): Promise<ChannelOutput<'employment.save'>> {
  const person = await getPerson(ctx.wdb.db, input.personId);
  if (!person) throw new WorkbenchFailure('NOT_FOUND');
  ctx.scope.require(person.township_code);
  const ledger = await loadLedger(ctx, input.year, { onlyPersonIds: [person.id] });
  const entry = ledger.entries[0];
  if (!entry) throw new WorkbenchFailure('EMP_NOT_LABOURER', { year: input.year });
  const record = normaliseEmploymentInput(input.record);
  const { errors, warnings } = checkEmploymentInput(record, input.year, entry.effective.postSpan, entry.effective.onPost);
  if (Object.keys(errors).length > 0) {
    throw new WorkbenchFailure('VALIDATION', { detail: Object.values(errors).map((e) => e!.message).join('；') }, { fields: errors });
  }
  await ctx.wdb.db.transaction().execute(async (trx) => {
    const before = await getEmploymentRecord(trx, person.id, input.year);
    // The version the screen loaded (null: no record then): a save over someone else's is refused.
    if (input.version !== undefined && input.version !== (before?.version ?? null)) throw new WorkbenchFailure('STALE_VERSION');
    const after = await upsertEmploymentRecord(trx, person.id, input.year, record, input.version);
    if (!after) throw new WorkbenchFailure('STALE_VERSION');
    await writeAudit(trx, {
      username: ctx.actor.username, entity: 'employment', entityId: after.id, action: before ? 'update' : 'create',
      before: before ? { personId: person.id, year: input.year, ...toEmploymentInput(before) } : undefined,
      after: { personId: person.id, year: input.year, ...record },
    });
  });
  return { row: (await rowOf(ctx, person.id, input.year))!, warnings };
}

export async function checksHandler(ctx: EngineContext, input: ChannelInput<'employment.checks'>): Promise<ChannelOutput<'employment.checks'>> {
  const ledger = await loadLedger(ctx, input.year);
  const items = ledger.entries.flatMap((e) => e.checks.map((c) => ({
    personId: e.person.id, name: e.person.name, townshipName: ctx.divisions.townshipNameOf(e.person.township_code),
    villageName: ctx.divisions.villageNameOf(e.person.village_code), code: c.code, message: c.message,
  })));
  return { checkDate: ledger.checkDate, items };
}

export async function targetsHandler(ctx: EngineContext, input: ChannelInput<'employment.targets'>): Promise<ChannelOutput<'employment.targets'>> {
  return targetsOf(ctx, await loadLedger(ctx, input.year));
}

export async function saveTargetsHandler(ctx: EngineContext, input: ChannelInput<'employment.saveTargets'>): Promise<ChannelOutput<'employment.saveTargets'>> {
  const policy = await ctx.wdb.db.selectFrom('year_policies').select('year').where('year', '=', input.year).executeTakeFirst();
  if (!policy) throw new WorkbenchFailure('NOT_FOUND');
  const known = new Set(ctx.townships.map((t) => t.code));
  const unknown = input.townships.find((t) => !known.has(t.code));
  if (unknown) throw new WorkbenchFailure('UNKNOWN_TOWNSHIP', { value: unknown.code });
  await ctx.wdb.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('township_plans').select(['township_code', 'employment_target']).where('year', '=', input.year).execute();
    await saveTargets(trx, input.year, input.countyTarget, input.townships);
    await writeAudit(trx, { username: ctx.actor.username, entity: 'employment_targets', entityId: input.year, action: 'update', before, after: input });
  });
  return targetsOf(ctx, await loadLedger(ctx, input.year));
}

// ---- 131 services ---------------------------------------------------------------------------------------

function serviceView(row: { id: number; person_id: number; date: string; kind: 'guidance' | 'job_offer' | 'training_referral'; employer: string | null; post: string | null; note: string | null; created_by: string }) {
  return { id: row.id, personId: row.person_id, date: row.date, kind: row.kind, employer: row.employer, post: row.post, note: row.note, createdBy: row.created_by };
}

async function personInScope(ctx: EngineContext, personId: number) {
  const person = await getPerson(ctx.wdb.db, personId);
  if (!person) throw new WorkbenchFailure('NOT_FOUND');
  ctx.scope.require(person.township_code);
  return person;
}

export async function listServicesHandler(ctx: EngineContext, input: ChannelInput<'services.list'>): Promise<ChannelOutput<'services.list'>> {
  await personInScope(ctx, input.personId);
  const services = await listServicesOf(ctx.wdb.db, input.personId, input.year);
  return { services: services.map(serviceView), row: await rowOf(ctx, input.personId, input.year) };
}

export async function addServiceHandler(ctx: EngineContext, input: ChannelInput<'services.add'>): Promise<ChannelOutput<'services.add'>> {
  await personInScope(ctx, input.personId);
  const service = { ...input, date: input.date.trim(), employer: blank(input.employer), post: blank(input.post), note: blank(input.note) };
  const errors = checkService(service, localDate());
  if (Object.keys(errors).length > 0) {
    throw new WorkbenchFailure('VALIDATION', { detail: Object.values(errors).map((e) => e!.message).join('；') }, { fields: errors });
  }
  const saved = await ctx.wdb.db.transaction().execute(async (trx) => {
    const row = await insertService(trx, service, ctx.actor.username);
    await writeAudit(trx, { username: ctx.actor.username, entity: 'service', entityId: row.id, action: 'create', after: row });
    return row;
  });
  return { service: serviceView(saved), row: await rowOf(ctx, input.personId, Number(service.date.slice(0, 4))) };
}

export async function deleteServiceHandler(ctx: EngineContext, input: ChannelInput<'services.delete'>): Promise<ChannelOutput<'services.delete'>> {
  const service = await getService(ctx.wdb.db, input.id);
  if (!service) throw new WorkbenchFailure('NOT_FOUND');
  await personInScope(ctx, service.person_id);
  await ctx.wdb.db.transaction().execute(async (trx) => {
    await deleteService(trx, input.id);
    await writeAudit(trx, { username: ctx.actor.username, entity: 'service', entityId: input.id, action: 'delete', before: service });
  });
  return { row: await rowOf(ctx, service.person_id, Number(service.date.slice(0, 4))) };
}
