// R2 乡村公益性岗位开发安置情况月报表: one row per township and the county total — posts planned and
// developed, people on post (of whom aged 65+), new and exited this month, and the money: what was approved
// and sent to the bank this month (R4's 本次代发), so far this year (approved months only), and apart from
// those, what is not yet approved. Unapproved money never enters 本年累计. Pure.
import { monthLabel } from '../month';
import { standardFooter, type ReportColumn, type ReportHead, type ReportModel, type ReportRow } from './report-model';

export const R2_TITLE = '乡村公益性岗位开发安置情况月报表';

export interface R2Township {
  name: string;
  plannedPosts: number | null;
  posts: number;
  onPost: number;
  aged65: number;
  started: number;
  exited: number;
  /** People and amount sent this month (R4's 本次代发 of approved township-months). */
  paidPeople: number;
  paidFen: number;
  /** Sent so far this year, this month included (approved township-months only). */
  paidThisYearFen: number;
  /** 实发 of a township-month not yet approved: shown apart, never in the sums above. */
  unapprovedFen: number;
}

export interface R2Input extends ReportHead {
  townships: readonly R2Township[];
}

const POSTS = '公益岗位（个）';
const PEOPLE = '在岗人员（人）';
const PAY = '补贴发放（已审核代发）';

const COLUMNS: ReportColumn[] = [
  { header: '序号', kind: 'index', width: 6 },
  { header: '乡镇', kind: 'text', width: 12 },
  { header: '计划岗位', group: POSTS, kind: 'integer', width: 9 },
  { header: '已开发', group: POSTS, kind: 'integer', width: 9 },
  { header: '在岗人数', group: PEOPLE, kind: 'integer', width: 9 },
  { header: '其中65岁以上', group: PEOPLE, kind: 'integer', width: 9 },
  { header: '本月新增', group: PEOPLE, kind: 'integer', width: 9 },
  { header: '本月退出', group: PEOPLE, kind: 'integer', width: 9 },
  { header: '本月发放人数（人）', group: PAY, kind: 'integer', width: 11 },
  { header: '本月发放金额（元）', group: PAY, kind: 'money', width: 14 },
  { header: '本年累计发放（元）', group: PAY, kind: 'money', width: 15 },
  { header: '本月未审核金额（元）', kind: 'money', width: 14 },
];

export function sumR2(townships: readonly R2Township[]): Omit<R2Township, 'name'> {
  const sum = (pick: (t: R2Township) => number) => townships.reduce((n, t) => n + pick(t), 0);
  return {
    plannedPosts: townships.every((t) => t.plannedPosts === null) ? null : sum((t) => t.plannedPosts ?? 0),
    posts: sum((t) => t.posts), onPost: sum((t) => t.onPost), aged65: sum((t) => t.aged65), started: sum((t) => t.started),
    exited: sum((t) => t.exited), paidPeople: sum((t) => t.paidPeople), paidFen: sum((t) => t.paidFen),
    paidThisYearFen: sum((t) => t.paidThisYearFen), unapprovedFen: sum((t) => t.unapprovedFen),
  };
}

export function buildR2(input: R2Input): ReportModel {
  const cells = (index: number | null, name: string, t: Omit<R2Township, 'name'>) =>
    [index, name, t.plannedPosts, t.posts, t.onPost, t.aged65, t.started, t.exited, t.paidPeople, t.paidFen, t.paidThisYearFen, t.unapprovedFen];
  const rows: ReportRow[] = input.townships.map((t, i) => ({ kind: 'data', cells: cells(i + 1, t.name, t) }));
  const total = sumR2(input.townships);
  rows.push({ kind: 'total', cells: cells(null, '合计', total) });
  const notes = [
    '注：在岗人数为本月在协议期内的上岗人员；65岁以上按本月最后一天计算年龄。',
    '发放人数与金额为已审核、本次代发到卡的实发金额（与R4“本次代发”一致，含补发、扣回）；本年累计只计已审核月份。',
  ];
  if (total.unapprovedFen !== 0) notes.push('注：本月尚有乡镇未审核，其实发金额单列于“本月未审核金额”，不计入本月发放和本年累计。');
  return {
    fileName: '',
    sheets: [{
      name: 'R2', title: `${input.countyName}${R2_TITLE}`, unit: input.unit, period: monthLabel(input.month), units: '个、人、元',
      columns: COLUMNS, rows, footer: standardFooter(input), notes,
    }],
  };
}
