// Assembles a year's employment ledger from the database in one pass: who the labourers are, the row each
// shows (posts included), their 131 progress and cross-check findings. Every employment view, check list,
// target figure and report is read from this one assembly, so they always agree.
import type { EngineContext } from '../context';
import type { PersonRow } from '../db/schema';
import { loadTargets, loadYearFacts, toEmploymentInput, type YearTargets } from './repository';
import { listPeople } from '../people/repository';
import {
  checkDateFor, crossChecks, effectiveEmployment, isLabourer, type EffectiveEmployment, type EmploymentInput, type PostPlacement,
} from '../../../shared/domain/employment';
import { serviceProgress, type ServiceKind, type ServiceProgress } from '../../../shared/domain/services';
import { isServiceTarget, type LabourerFacts } from '../../../shared/domain/reports/employment-reports';
import { DEFAULT_AGE_BAND } from '../../../shared/domain/policy';
import type { WorkbenchError } from '../../../shared/domain/errors';
import { localDate } from '../../../shared/domain/dates';

export interface LedgerEntry {
  person: PersonRow;
  stored: EmploymentInput | null;
  /** The stored record's version (null: none yet): what an edit sends back with employment.save. */
  recordVersion: number | null;
  placements: PostPlacement[];
  effective: EffectiveEmployment;
  services: { id: number; kind: ServiceKind; date: string }[];
  trainings: { trainingId: number; startDate: string; completed: boolean; certificate: string | null }[];
  progress: ServiceProgress;
  serviceTarget: boolean;
  lastServiceDate: string | null;
  checks: WorkbenchError[];
}

export interface Ledger {
  year: number;
  /** The ledger's date: who is on a post is read on it, and the "no service in 60 days" check looks back from it. */
  checkDate: string;
  entries: LedgerEntry[];
  targets: YearTargets;
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item); else map.set(k, [item]);
  }
  return map;
}


/**
 * The ledger of a year for the actor's townships (the whole county for managers and administrators).
 * `onlyPersonIds` narrows it, e.g. to rebuild one row after a save.
 */
export async function loadLedger(ctx: EngineContext, year: number, options: { onlyPersonIds?: readonly number[]; today?: string; withChecks?: boolean } = {}): Promise<Ledger> {
  const db = ctx.wdb.db;
  const policyRow = await db.selectFrom('year_policies').select(['min_age', 'warn_age']).where('year', '=', year).executeTakeFirst();
  const band = policyRow ? { minAge: policyRow.min_age, warnAge: policyRow.warn_age } : DEFAULT_AGE_BAND;
  const [people, facts, targets] = await Promise.all([listPeople(db, ctx.scope.townships ?? undefined), loadYearFacts(db, year), loadTargets(db, year)]);
  const only = options.onlyPersonIds ? new Set(options.onlyPersonIds) : null;

  const records = new Map(facts.records.map((r) => [r.person_id, toEmploymentInput(r)]));
  const versions = new Map(facts.records.map((r) => [r.person_id, r.version]));
  const placements = groupBy(facts.placements, (p) => p.person_id);
  const services = groupBy(facts.services, (s) => s.person_id);
  const enrolments = groupBy(facts.enrolments, (e) => e.person_id);
  const checkDate = checkDateFor(year, options.today ?? localDate());

  const entries: LedgerEntry[] = [];
  for (const person of people) {
    if (only && !only.has(person.id)) continue;
    const posts: PostPlacement[] = (placements.get(person.id) ?? []).map((p) => ({
      startDate: p.start_date, agreementEndDate: p.agreement_end_date, exitDate: p.exit_date, employingUnit: p.employing_unit, subsidyFen: p.subsidy_fen,
    }));
    const effective = effectiveEmployment(records.get(person.id) ?? null, posts, year, checkDate);
    if (!isLabourer({ birthDate: person.birth_date, labourAbility: person.labour_ability }, year, band, effective.postSpan !== null)) continue;
    const own = (services.get(person.id) ?? []).map((s) => ({ id: s.id, kind: s.kind, date: s.date })).sort((a, b) => a.date.localeCompare(b.date));
    const trainings = (enrolments.get(person.id) ?? []).map((e) => ({ trainingId: e.training_id, startDate: e.start_date, completed: e.completed === 1, certificate: e.certificate }));
    const stored = records.get(person.id) ?? null;
    const serviceDates = own.map((s) => s.date);
    entries.push({
      person, stored, recordVersion: versions.get(person.id) ?? null, placements: posts, effective, services: own, trainings,
      progress: serviceProgress(own.map((s) => s.kind), trainings.length),
      serviceTarget: isServiceTarget(effective),
      lastServiceDate: serviceDates.length ? serviceDates[serviceDates.length - 1]! : null,
      // The reports read figures only: the cross-record checks (most of the time taken) are left out for them.
      checks: options.withChecks === false ? [] : crossChecks({ stored, effective, serviceDates }, year, checkDate),
    });
  }
  return { year, checkDate, entries, targets };
}

/** The facts the reports read from a ledger entry. */
export function labourerFacts(entry: LedgerEntry): LabourerFacts {
  return {
    townshipCode: entry.person.township_code,
    status: entry.effective.status,
    form: entry.effective.form,
    wantsWork: entry.effective.wantsWork,
    services: entry.services,
    trainings: entry.trainings,
  };
}
