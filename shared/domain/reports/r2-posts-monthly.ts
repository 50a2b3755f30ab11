// R2 乡村公益性岗位开发安置情况月报表: one row per township and the county total — posts planned and
// developed, people on post (of whom aged 65+), new and exited this month, and the money: the month's 实发
// (R4's) split by where it stands with the bank — confirmed (the only money reported as paid), 已报送未回盘,
// 发放失败, and not with the bank (未发送 and 暂缓, unapproved townships included) — which add up to 实发; and
// what the bank confirmed so far this year. Unapproved or unconfirmed money never enters 本年累计. Pure.
import { formatYuan } from '../money';
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
  /** The month's 实发 (R4's), the sum of the four parts below. */
  netFen: number;
  /** People and amount the bank confirmed (成功) for this month, by whichever batch. */
  confirmedPeople: number;
  confirmedFen: number;
  /** 已报送未回盘. */
  awaitingFen: number;
  /** 发放失败, not (yet) paid by a re-issue. */
  failedFen: number;
  /** Not with the bank: approved and not yet sent, and 暂缓发放 (no card, township-month not approved). */
  unsentFen: number;
  /** Confirmed by the bank for the year's months so far, this month included. */
  confirmedThisYearFen: number;
  /** 实发 of a township-month not yet approved (inside unsentFen): named in a note. */
  unapprovedFen: number;
}

export interface R2Input extends ReportHead {
  townships: readonly R2Township[];
}

const POSTS = '公益岗位（个）';
const PEOPLE = '在岗人员（人）';
const PAY = '本月补贴发放情况（元）';

const COLUMNS: ReportColumn[] = [
  { header: '序号', kind: 'index', width: 5 },
  { header: '乡镇', kind: 'text', width: 11 },
  { header: '计划岗位', group: POSTS, kind: 'integer', width: 8 },
  { header: '已开发', group: POSTS, kind: 'integer', width: 8 },
  { header: '在岗人数', group: PEOPLE, kind: 'integer', width: 8 },
  { header: '其中65岁以上', group: PEOPLE, kind: 'integer', width: 10 },
  { header: '本月新增', group: PEOPLE, kind: 'integer', width: 8 },
  { header: '本月退出', group: PEOPLE, kind: 'integer', width: 8 },
  { header: '实发金额', group: PAY, kind: 'money', width: 13 },
  { header: '银行确认发放人数（人）', group: PAY, kind: 'integer', width: 10 },
  { header: '银行确认发放金额', group: PAY, kind: 'money', width: 13 },
  { header: '已报送未回盘', group: PAY, kind: 'money', width: 12 },
  { header: '发放失败', group: PAY, kind: 'money', width: 11 },
  { header: '未发送及暂缓', group: PAY, kind: 'money', width: 12 },
  { header: '本年累计银行确认发放（元）', kind: 'money', width: 14 },
];

export function sumR2(townships: readonly R2Township[]): Omit<R2Township, 'name'> {
  const sum = (pick: (t: R2Township) => number) => townships.reduce((n, t) => n + pick(t), 0);
  return {
    plannedPosts: townships.every((t) => t.plannedPosts === null) ? null : sum((t) => t.plannedPosts ?? 0),
    posts: sum((t) => t.posts), onPost: sum((t) => t.onPost), aged65: sum((t) => t.aged65), started: sum((t) => t.started),
    exited: sum((t) => t.exited), netFen: sum((t) => t.netFen), confirmedPeople: sum((t) => t.confirmedPeople), confirmedFen: sum((t) => t.confirmedFen),
    awaitingFen: sum((t) => t.awaitingFen), failedFen: sum((t) => t.failedFen), unsentFen: sum((t) => t.unsentFen),
    confirmedThisYearFen: sum((t) => t.confirmedThisYearFen), unapprovedFen: sum((t) => t.unapprovedFen),
  };
}

export function buildR2(input: R2Input): ReportModel {
  const cells = (index: number | null, name: string, t: Omit<R2Township, 'name'>) =>
    [index, name, t.plannedPosts, t.posts, t.onPost, t.aged65, t.started, t.exited,
      t.netFen, t.confirmedPeople, t.confirmedFen, t.awaitingFen, t.failedFen, t.unsentFen, t.confirmedThisYearFen];
  const rows: ReportRow[] = input.townships.map((t, i) => ({ kind: 'data', cells: cells(i + 1, t.name, t) }));
  const total = sumR2(input.townships);
  rows.push({ kind: 'total', cells: cells(null, '合计', total) });
  const notes = [
    '注：在岗人数为本月在协议期内的上岗人员；65岁以上按本月最后一天计算年龄。',
    '实发金额与R4一致：实发金额 = 银行确认发放金额 + 已报送未回盘 + 发放失败 + 未发送及暂缓（未审核、缺卡号暂缓发放及尚未报送银行的金额）；只有银行回盘确认成功的金额计为已发放，本年累计只计银行确认的金额。',
  ];
  if (total.unapprovedFen !== 0) {
    const names = input.townships.filter((t) => t.unapprovedFen !== 0).map((t) => t.name).join('、');
    notes.push(`注：本月尚未审核的乡镇（${names}）实发 ${formatYuan(total.unapprovedFen)} 元，计入“未发送及暂缓”，不计入本年累计。`);
  }
  return {
    fileName: '',
    sheets: [{
      name: 'R2', title: `${input.countyName}${R2_TITLE}`, unit: input.unit, period: monthLabel(input.month), units: '个、人、元',
      columns: COLUMNS, rows, footer: standardFooter(input), notes,
    }],
  };
}
