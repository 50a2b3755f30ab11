// The "131" employment service (SPEC §1): every labourer who wants work gets at least 1 career guidance
// (职业指导), 3 suitable job offers (岗位信息) and 1 training project (培训项目) in the year.
import { workbenchError, type WorkbenchError } from './errors';
import { isIsoDate } from './dates';

export const SERVICE_KINDS = ['guidance', 'job_offer', 'training_referral'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const SERVICE_KIND_NAMES: Record<ServiceKind, string> = {
  guidance: '职业指导',
  job_offer: '岗位信息',
  training_referral: '培训项目',
};

/** The "1-3-1" in 131: how many of each kind a labourer should have in the year. */
export const SERVICE_QUOTA: Record<ServiceKind, number> = { guidance: 1, job_offer: 3, training_referral: 1 };

export interface ServiceProgress {
  guidance: number;
  jobOffers: number;
  /** Training referrals plus training sessions the person was enrolled in that year. */
  training: number;
  complete: boolean;
  /** The kinds still short of their quota, in Chinese, e.g. ["岗位信息还差2次"]. */
  missing: string[];
}

/**
 * Counts one person's services of the year against 1/3/1. Enrolment in a training session counts as the
 * training project: the person got one, whoever referred them.
 */
export function serviceProgress(kinds: readonly ServiceKind[], trainingsEnrolled = 0): ServiceProgress {
  const count = (kind: ServiceKind) => kinds.filter((k) => k === kind).length;
  const got: Record<ServiceKind, number> = { guidance: count('guidance'), job_offer: count('job_offer'), training_referral: count('training_referral') + trainingsEnrolled };
  const missing = SERVICE_KINDS.filter((k) => got[k] < SERVICE_QUOTA[k]).map((k) => `${SERVICE_KIND_NAMES[k]}还差${SERVICE_QUOTA[k] - got[k]}次`);
  return { guidance: got.guidance, jobOffers: got.job_offer, training: got.training_referral, complete: missing.length === 0, missing };
}

/** "1/1 · 2/3 · 0/1": the counter a clerk reads at a glance, capped at the quota. */
export function progressLabel(progress: ServiceProgress): string {
  const cap = (n: number, q: number) => `${Math.min(n, q)}/${q}`;
  return `${cap(progress.guidance, 1)} · ${cap(progress.jobOffers, 3)} · ${cap(progress.training, 1)}`;
}

export interface ServiceInput {
  personId: number;
  /** YYYY-MM-DD */
  date: string;
  kind: ServiceKind;
  employer: string | null;
  post: string | null;
  note: string | null;
}

export type ServiceFieldErrors = Partial<Record<keyof ServiceInput, WorkbenchError>>;

/** A job offer names its employer and post; a service is never dated after today. */
export function checkService(input: ServiceInput, today: string): ServiceFieldErrors {
  const errors: ServiceFieldErrors = {};
  if (!isIsoDate(input.date)) {
    errors.date = workbenchError('BAD_DATE', { value: input.date });
  } else if (input.date > today) {
    errors.date = workbenchError('DATE_IN_FUTURE', { value: input.date });
  }
  if (input.kind === 'job_offer') {
    if (!input.employer?.trim()) errors.employer = workbenchError('SERVICE_OFFER_INCOMPLETE', { missing: '用工单位' });
    else if (!input.post?.trim()) errors.post = workbenchError('SERVICE_OFFER_INCOMPLETE', { missing: '岗位名称' });
  }
  return errors;
}
