// R2 乡村公益性岗位开发安置情况月报表: one row per township and the county total — posts planned and
// developed, people on post (of whom aged 65+), new and exited this month, people paid and the amount this
// month, and the amount paid so far this year. Pure: the engine counts, this lays the sheet out.
import { monthLabel } from '../month';
import { standardFooter, type ReportColumn, type ReportModel, type ReportRow } from './report-model';

export const R2_TITLE = '乡村公益性岗位开发安置情况月报表';

export interface R2Township {
  name: string;
  plannedPosts: number | null;
  posts: number;
  onPost: number;
  aged65: number;
  started: number;
  exited: number;
  paidPeople: number;
  paidFen: number;
  paidThisYearFen: number;
}

export interface R2Input {
  countyName: string;
  unit: string;
  month: string;
  preparedOn: string;
  townships: readonly R2Township[];
  /** False while some township-month is not yet approved: the figures are then provisional. */
  allApproved: boolean;
}

const POSTS = '公益岗位（个）';
const PEOPLE = '在岗人员（人）';
const PAY = '补贴发放';

const COLUMNS: ReportColumn[] = [
  { header: '序号', kind: 'index', width: 6 },
  { header: '乡镇', kind: 'text', width: 14 },
  { header: '计划岗位', group: POSTS, kind: 'integer', width: 10 },
  { header: '已开发', group: POSTS, kind: 'integer', width: 10 },
  { header: '在岗人数', group: PEOPLE, kind: 'integer', width: 10 },
  { header: '其中65岁以上', group: PEOPLE, kind: 'integer', width: 12 },
  { header: '本月新增', group: PEOPLE, kind: 'integer', width: 10 },
  { header: '本月退出', group: PEOPLE, kind: 'integer', width: 10 },
  { header: '本月发放人数', group: PAY, kind: 'integer', width: 12 },
  { header: '本月发放金额（元）', group: PAY, kind: 'money', width: 16 },
  { header: '本年累计发放（元）', group: PAY, kind: 'money', width: 17 },
];

export function buildR2(input: R2Input): ReportModel {
  const cells = (label: string | number, t: Omit<R2Township, 'name'>, name: string) =>
    [label, name, t.plannedPosts, t.posts, t.onPost, t.aged65, t.started, t.exited, t.paidPeople, t.paidFen, t.paidThisYearFen];
  const rows: ReportRow[] = input.townships.map((t, i) => ({ kind: 'data', cells: cells(i + 1, t, t.name) }));
  const sum = (pick: (t: R2Township) => number) => input.townships.reduce((n, t) => n + pick(t), 0);
  const planned = input.townships.every((t) => t.plannedPosts === null) ? null : sum((t) => t.plannedPosts ?? 0);
  rows.push({
    kind: 'total',
    cells: cells('合计', {
      plannedPosts: planned, posts: sum((t) => t.posts), onPost: sum((t) => t.onPost), aged65: sum((t) => t.aged65),
      started: sum((t) => t.started), exited: sum((t) => t.exited), paidPeople: sum((t) => t.paidPeople), paidFen: sum((t) => t.paidFen),
      paidThisYearFen: sum((t) => t.paidThisYearFen),
    }, ''),
  });
  const notes = ['注：在岗人数为本月在协议期内的上岗人员；65岁以上按本月最后一天计算年龄；发放金额为实发金额（含补发、扣回）。'];
  if (!input.allApproved) notes.push('注：本月尚有乡镇未审核，发放数据为核对数，以审核后为准。');
  return {
    fileName: `R2_${R2_TITLE}_${input.month}.xlsx`,
    sheets: [{
      name: 'R2', title: `${input.countyName}${R2_TITLE}`, unit: input.unit, period: monthLabel(input.month),
      columns: COLUMNS, rows, footer: standardFooter(input.preparedOn), notes,
    }],
  };
}
