// Public-welfare posts (乡村公益性岗位): the closed lists of SPEC §2, the employing unit a post gets by
// default, and the quota rule (a township develops posts within its plan, the county within its own).
import { workbenchError, type WorkbenchError } from './errors';

export const POST_TYPES = ['保洁', '护林', '河道巡查', '道路养护', '治安巡逻', '水利设施管护', '养老服务', '村务协管', '其他'] as const;
export type PostType = (typeof POST_TYPES)[number];

/** Reasons a clerk can give for 退岗 (SPEC §2). */
export const EXIT_REASONS = ['本人申请', '外出务工', '死亡', '不再符合条件', '考核不合格', '其他'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/** Recorded when a year's agreements run out together (the year is closed), never typed by a clerk. */
export const AGREEMENT_EXPIRED = '协议期满';

export function isPostType(value: string): value is PostType {
  return (POST_TYPES as readonly string[]).includes(value);
}

export function isExitReason(value: string): value is ExitReason {
  return (EXIT_REASONS as readonly string[]).includes(value);
}

/** 石门村 → 石门村民委员会; 城关社区 → 城关社区居民委员会: the village committee employs by default. */
export function defaultEmployingUnit(villageName: string): string {
  if (/(委员会|村委会|居委会)$/u.test(villageName)) return villageName;
  if (villageName.endsWith('社区')) return `${villageName}居民委员会`;
  if (villageName.endsWith('村')) return `${villageName}民委员会`;
  return `${villageName}村民委员会`;
}

export interface QuotaState {
  year: number;
  townshipName: string;
  /** The township's own plan; null when it has none (then only the county's plan bounds it). */
  townshipPlan: number | null;
  townshipDeveloped: number;
  countyPlan: number;
  countyDeveloped: number;
}

/** Who can act when a plan is full: a township's plan is raised by a manager, the county's only by an administrator. */
export const RAISE_TOWNSHIP_PLAN = '如需增加，请审核员或管理员在“公益岗位”中点该乡镇的“调整计划”';
export const RAISE_COUNTY_PLAN = '如需增加，请管理员在“设置 → 本县与年度政策”中提高全县计划岗位数';

/** Whether `adding` more posts fit the plans; an error names the plan that is full and who can raise it. */
export function checkPostQuota(state: QuotaState, adding = 1): WorkbenchError | null {
  if (state.townshipPlan !== null && state.townshipDeveloped + adding > state.townshipPlan) {
    return workbenchError('POST_OVER_PLAN', { scope: state.townshipName, year: state.year, plan: state.townshipPlan, developed: state.townshipDeveloped, who: RAISE_TOWNSHIP_PLAN });
  }
  if (state.countyDeveloped + adding > state.countyPlan) {
    return workbenchError('POST_OVER_PLAN', { scope: '全县', year: state.year, plan: state.countyPlan, developed: state.countyDeveloped, who: RAISE_COUNTY_PLAN });
  }
  return null;
}
