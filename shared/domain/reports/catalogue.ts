// The one registry of reports (issue 11): every report the workbench makes — R1–R5, the 公示 roster, the
// bank's 代发清单 and any later one — with its title, who may produce it, its period rule and how its file is
// named. The CLI, 报表中心 and every other screen read this list; the engine maps each id to its builder
// (electron/backend/reports/registry.ts). Pure: no database, no Excel.
import type { Role } from '../../contract/access';
import type { ErrorCode } from '../errors';
import { monthLabel } from '../month';

export const REPORT_IDS = ['R1', 'R2', 'R3', 'R4', 'R5', 'PUBLIC', 'BANK'] as const;
export type ReportId = (typeof REPORT_IDS)[number];

/**
 * Which months a report can be made for:
 * - `policy-year`: the month's year has a year policy (R1, R3, R5, 公示);
 * - `paid-month`: and the month is one of that year's paid months (R2, R4, the bank list: money).
 * Never a month after the current one, nor before the county's first policy.
 */
export type PeriodRule = 'policy-year' | 'paid-month';

export interface ReportEntry {
  id: ReportId;
  /** Short code shown in lists and file names: R1…R5, 公示, 代发. */
  code: string;
  title: string;
  /** What it is for, one line for 报表中心. */
  description: string;
  roles: readonly Role[];
  period: PeriodRule;
  /** A list of people: with nobody to list for the month it is refused rather than written empty. */
  listsPeople: boolean;
}

const MANAGERS: readonly Role[] = ['manager', 'admin'];

export const REPORTS: readonly ReportEntry[] = [
  { id: 'R1', code: 'R1', title: '脱贫劳动力就业情况月报表', description: '月末就业台账：脱贫劳动力、已就业（按形式）、就业率、目标任务与完成率', roles: MANAGERS, period: 'policy-year', listsPeople: false },
  { id: 'R2', code: 'R2', title: '乡村公益性岗位开发安置情况月报表', description: '计划与已开发岗位、在岗人员、本月新增与退出；实发及银行确认发放、已报送未回盘、发放失败、未发送，本年累计银行确认发放', roles: MANAGERS, period: 'paid-month', listsPeople: false },
  { id: 'R3', code: 'R3', title: '乡村公益性岗位人员花名册', description: '本月在岗人员一人一行（局内留存，含卡号和电话）', roles: MANAGERS, period: 'policy-year', listsPeople: true },
  { id: 'R4', code: 'R4', title: '乡村公益性岗位补贴发放明细表', description: '每人应发、扣减、实发，本次代发与暂缓发放及原因；汇总表与各乡镇表', roles: MANAGERS, period: 'paid-month', listsPeople: true },
  { id: 'R5', code: 'R5', title: '“131”就业服务与技能培训情况表', description: '本年截至月末的“131”服务与技能培训', roles: MANAGERS, period: 'policy-year', listsPeople: false },
  { id: 'PUBLIC', code: '公示', title: '乡村公益性岗位人员公示名单', description: '张贴用：姓名、村、岗位、上岗日期、补贴标准、隐去中间8位的身份证号；每乡镇（或村）一页，含公示期和监督电话', roles: MANAGERS, period: 'policy-year', listsPeople: true },
  { id: 'BANK', code: '代发', title: '乡村公益性岗位补贴银行代发清单', description: '已审核且有卡号的本次代发，人数与金额等于R4的本次代发合计', roles: MANAGERS, period: 'paid-month', listsPeople: true },
];

export function reportEntry(id: ReportId): ReportEntry {
  return REPORTS.find((r) => r.id === id)!;
}

export function isReportId(value: string): value is ReportId {
  return (REPORT_IDS as readonly string[]).includes(value);
}

/** The file a report is written to: county, report and period in the name (卢龙县_R4_…明细表_2022年6月.xlsx). */
export function reportFileName(countyName: string, id: ReportId, month: string): string {
  const entry = reportEntry(id);
  return `${countyName}_${entry.code}_${entry.title.replace(/[“”"]/g, '')}_${monthLabel(month)}.xlsx`;
}

export interface PolicyPeriod { year: number; firstPaidMonth: string; lastPaidMonth: string }

export interface PeriodRefusal { code: ErrorCode; params: Record<string, string | number> }

/** Why a report cannot be made for a month, or null when it can. `today` is YYYY-MM-DD (injected). */
export function periodRefusal(rule: PeriodRule, month: string, policies: readonly PolicyPeriod[], today: string): PeriodRefusal | null {
  const year = Number(month.slice(0, 4));
  if (month > today.slice(0, 7)) return { code: 'REPORT_PERIOD_FUTURE', params: { month: monthLabel(month), today: monthLabel(today.slice(0, 7)) } };
  const years = policies.map((p) => p.year);
  if (years.length === 0 || year < Math.min(...years)) {
    return { code: 'REPORT_PERIOD_BEFORE_FIRST', params: { month: monthLabel(month), first: years.length ? `${Math.min(...years)}年` : '尚未设置' } };
  }
  const policy = policies.find((p) => p.year === year);
  if (!policy) return { code: 'REPORT_PERIOD_NO_POLICY', params: { year } };
  if (rule === 'paid-month' && (month < policy.firstPaidMonth || month > policy.lastPaidMonth)) {
    return { code: 'REPORT_PERIOD_NOT_PAID', params: { month: monthLabel(month), year, first: monthLabel(policy.firstPaidMonth), last: monthLabel(policy.lastPaidMonth) } };
  }
  return null;
}

/** The figures of one written report, as `workbench report --json` prints them (absent where a report has none). */
export interface ReportFigures {
  report: ReportId;
  /** Data rows: people for the lists, payroll lines for R4, townships for R1/R2/R5. */
  lines: number;
  totalFen?: number;
  transferFen?: number;
  withheldFen?: number;
  withheldLines?: number;
  /** R2: the month's 实发 (totalFen) by where it stands with the bank; the four add up to totalFen. */
  confirmedFen?: number;
  awaitingFen?: number;
  failedFen?: number;
  unsentFen?: number;
  employed?: number;
  labourers?: number;
  target?: number;
  /** Completion rate in basis points (10185 = 101.85%). */
  completionRate?: number;
  /** Said on the sheet too: e.g. a year without ledger data. */
  warnings?: string[];
}
