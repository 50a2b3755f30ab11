// R1 脱贫劳动力就业情况月报表 and R5 "131"就业服务与技能培训情况表 as report models, from plain facts about
// each labourer. Pure: the engine gathers the facts, the Excel step renders the model.
import { EMPLOYMENT_FORMS, rateBasisPoints, type EmploymentForm, type EmploymentStatus } from '../employment';
import { serviceProgress, type ServiceKind } from '../services';
import { lastDayOf, monthLabel } from '../month';
import { standardFooter, type CellValue, type ReportColumn, type ReportHead, type ReportModel } from './report-model';

/** The model holds basis points (exact integers); the workbook shows a ratio with 0.00%. */
const ratio = (basisPoints: number | null): number | null => (basisPoints === null ? null : basisPoints / 10000);

/** What every employment report needs besides its facts. */
export type ReportContext = ReportHead;

export interface Township { code: string; name: string }

/** What the reports need to know about one labourer of the year. */
export interface LabourerFacts {
  townshipCode: string;
  status: EmploymentStatus;
  form: EmploymentForm | null;
  wantsWork: boolean | null;
  services: readonly { kind: ServiceKind; date: string }[];
  trainings: readonly { startDate: string; completed: boolean; certificate: string | null }[];
}

/** Who the 131 service is owed to: a labourer who wants work and is not employed. */
export function isServiceTarget(facts: Pick<LabourerFacts, 'status' | 'wantsWork'>): boolean {
  return facts.status !== '已就业' && facts.wantsWork === true;
}

export interface Targets { county: number | null; townships: ReadonlyMap<string, number | null> }

export interface R1Row {
  code: string;
  name: string;
  labourers: number;
  employed: number;
  byForm: Record<EmploymentForm, number>;
  /** hundredths of a percent */
  employmentRate: number | null;
  target: number | null;
  completionRate: number | null;
  notEmployed: number;
  wantsWork: number;
}

function r1Row(code: string, name: string, labourers: readonly LabourerFacts[], target: number | null): R1Row {
  const byForm = Object.fromEntries(EMPLOYMENT_FORMS.map((f) => [f, 0])) as Record<EmploymentForm, number>;
  let employed = 0;
  let wantsWork = 0;
  for (const l of labourers) {
    if (l.status === '已就业') { employed += 1; if (l.form) byForm[l.form] += 1; } else if (l.wantsWork) wantsWork += 1;
  }
  return {
    code, name, labourers: labourers.length, employed, byForm,
    employmentRate: rateBasisPoints(employed, labourers.length),
    target, completionRate: target ? rateBasisPoints(employed, target) : null,
    notEmployed: labourers.length - employed, wantsWork,
  };
}

/** R1's figures: one row per township and the county row (its target is the county's own, from the year policy). */
export function r1Figures(townships: readonly Township[], labourers: readonly LabourerFacts[], targets: Targets, countyName: string): { rows: R1Row[]; total: R1Row } {
  const rows = townships.map((t) => r1Row(t.code, t.name, labourers.filter((l) => l.townshipCode === t.code), targets.townships.get(t.code) ?? null));
  return { rows, total: r1Row('', countyName, labourers, targets.county) };
}

export const R1_COLUMNS: ReportColumn[] = [
  { header: '序号', width: 6, kind: 'index' },
  { header: '乡镇', width: 12, kind: 'text' },
  { header: '脱贫劳动力（人）', width: 13, kind: 'integer' },
  { header: '已就业（人）', width: 11, kind: 'integer' },
  ...EMPLOYMENT_FORMS.map((form): ReportColumn => ({ header: form, group: '其中：按就业形式（人）', width: 10, kind: 'integer' })),
  { header: '就业率', width: 9, kind: 'percent' },
  { header: '目标任务（人）', width: 12, kind: 'integer' },
  { header: '完成率', width: 9, kind: 'percent' },
  { header: '未就业（人）', width: 11, kind: 'integer' },
  { header: '其中有就业意愿（人）', width: 13, kind: 'integer' },
];

function r1Cells(row: R1Row, index: number | null): CellValue[] {
  return [
    index, row.name, row.labourers, row.employed, ...EMPLOYMENT_FORMS.map((f) => row.byForm[f]),
    ratio(row.employmentRate), row.target, ratio(row.completionRate), row.notEmployed, row.wantsWork,
  ];
}

/** Said on R1 (and by the command) when the year has no ledger entered: its zeros are not a result. */
export function noLedgerWarning(year: number): string {
  return `${year}年尚未录入或导入就业台账，本表只含公益岗位上岗人员，不能反映实际就业情况。`;
}

export function buildR1(context: ReportContext, input: { townships: readonly Township[]; labourers: readonly LabourerFacts[]; targets: Targets; hasLedger: boolean }): ReportModel {
  const { rows, total } = r1Figures(input.townships, input.labourers, input.targets, '合计');
  const year = Number(context.month.slice(0, 4));
  const notes = [
    `注：按${monthLabel(context.month)}末（${lastDayOf(context.month)}）的就业台账统计：当日在公益岗位上岗的人员计为公益岗位就业，其他就业以开始月份不晚于本月为准。脱贫劳动力为${year}年末16至64周岁、有劳动能力（普通、技能、弱劳动力或半劳动力）的脱贫人口，以及本年在公益岗位上岗的人员。`,
    '就业率＝已就业÷脱贫劳动力；完成率＝已就业÷目标任务，均保留两位小数（不取整，以免把未完成显示为100%）。',
  ];
  if (!input.hasLedger) notes.unshift(`注意：${noLedgerWarning(year)}`);
  return {
    fileName: '',
    sheets: [{
      name: 'R1就业情况',
      title: `${context.countyName}脱贫劳动力就业情况月报表`,
      unit: context.unit,
      period: monthLabel(context.month),
      ...(input.hasLedger ? {} : { status: '无就业台账数据' }),
      units: '人',
      columns: R1_COLUMNS,
      rows: [...rows.map((r, i) => ({ kind: 'data' as const, cells: r1Cells(r, i + 1) })), { kind: 'total', cells: r1Cells(total, null) }],
      footer: standardFooter(context),
      notes,
    }],
  };
}

// ---- R5 ----------------------------------------------------------------------------------------------

export interface R5Row {
  code: string;
  name: string;
  targets: number;
  guidance: number;
  jobOffers: number;
  trainingReferrals: number;
  complete: number;
  completeRate: number | null;
  trainees: number;
  completed: number;
  certified: number;
}

/** Services and trainings up to the month's end count (year to date); later ones belong to later reports. */
function r5Row(code: string, name: string, labourers: readonly LabourerFacts[], monthEnd: string, yearStart: string): R5Row {
  const inPeriod = (date: string) => date >= yearStart && date <= monthEnd;
  let targets = 0; let complete = 0; let guidance = 0; let jobOffers = 0; let trainingReferrals = 0;
  let trainees = 0; let completed = 0; let certified = 0;
  for (const l of labourers) {
    const services = l.services.filter((s) => inPeriod(s.date));
    const trainings = l.trainings.filter((t) => inPeriod(t.startDate));
    guidance += services.filter((s) => s.kind === 'guidance').length;
    jobOffers += services.filter((s) => s.kind === 'job_offer').length;
    trainingReferrals += services.filter((s) => s.kind === 'training_referral').length;
    if (trainings.length > 0) trainees += 1;
    if (trainings.some((t) => t.completed)) completed += 1;
    if (trainings.some((t) => t.certificate)) certified += 1;
    if (isServiceTarget(l)) {
      targets += 1;
      if (serviceProgress(services.map((s) => s.kind), trainings.length).complete) complete += 1;
    }
  }
  return { code, name, targets, guidance, jobOffers, trainingReferrals, complete, completeRate: rateBasisPoints(complete, targets), trainees, completed, certified };
}

export function r5Figures(townships: readonly Township[], labourers: readonly LabourerFacts[], month: string, countyName: string): { rows: R5Row[]; total: R5Row } {
  const yearStart = `${month.slice(0, 4)}-01-01`;
  const monthEnd = lastDayOf(month);
  const rows = townships.map((t) => r5Row(t.code, t.name, labourers.filter((l) => l.townshipCode === t.code), monthEnd, yearStart));
  return { rows, total: r5Row('', countyName, labourers, monthEnd, yearStart) };
}

export const R5_COLUMNS: ReportColumn[] = [
  { header: '序号', width: 6, kind: 'index' },
  { header: '乡镇', width: 12, kind: 'text' },
  { header: '服务对象（有就业意愿未就业，人）', group: '“131”就业服务（本年累计）', width: 14, kind: 'integer' },
  { header: '职业指导（人次）', group: '“131”就业服务（本年累计）', width: 10, kind: 'integer' },
  { header: '岗位信息（条次）', group: '“131”就业服务（本年累计）', width: 10, kind: 'integer' },
  { header: '培训项目推荐（人次）', group: '“131”就业服务（本年累计）', width: 11, kind: 'integer' },
  { header: '“131”服务全部到位（人）', group: '“131”就业服务（本年累计）', width: 12, kind: 'integer' },
  { header: '到位率', group: '“131”就业服务（本年累计）', width: 9, kind: 'percent' },
  { header: '参训（人）', group: '技能培训（本年累计）', width: 9, kind: 'integer' },
  { header: '结业（人）', group: '技能培训（本年累计）', width: 9, kind: 'integer' },
  { header: '取得证书（人）', group: '技能培训（本年累计）', width: 10, kind: 'integer' },
];

function r5Cells(row: R5Row, index: number | null): CellValue[] {
  return [index, row.name, row.targets, row.guidance, row.jobOffers, row.trainingReferrals, row.complete, ratio(row.completeRate), row.trainees, row.completed, row.certified];
}

export function buildR5(context: ReportContext, input: { townships: readonly Township[]; labourers: readonly LabourerFacts[]; sessions: number }): ReportModel {
  const { rows, total } = r5Figures(input.townships, input.labourers, context.month, '合计');
  return {
    fileName: '',
    sheets: [{
      name: 'R5服务与培训',
      title: `${context.countyName}“131”就业服务与技能培训情况表`,
      unit: context.unit,
      period: monthLabel(context.month),
      units: '人、人次、条次',
      columns: R5_COLUMNS,
      rows: [...rows.map((r, i) => ({ kind: 'data' as const, cells: r5Cells(r, i + 1) })), { kind: 'total', cells: r5Cells(total, null) }],
      footer: standardFooter(context),
      notes: [
        `注：本年截至${monthLabel(context.month)}共举办技能培训${input.sessions}期。`,
        '“131”服务：每名有就业意愿的未就业脱贫劳动力至少1次职业指导、3条适合的岗位信息、1个培训项目（参加技能培训即计为培训项目）。',
      ],
    }],
  };
}
