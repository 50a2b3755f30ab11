// R4 乡村公益性岗位补贴发放明细表: a summary sheet (one row per township) and one sheet per township with a
// row per payroll line, totals in figures and in capital numerals, footer 制表人/审核人/日期. And the bank's
// plain transfer list (姓名, 卡号, 金额). Pure: the engine renders the model with the one report renderer.
import { formatYuan, yuanInWords } from '../money';
import { monthLabel } from '../month';
import { sumLines, type PayrollLine } from '../payroll';
import { PAYROLL_STATUS, type PayrollStatus } from '../payroll-lifecycle';
import type { ReportColumn, ReportModel, ReportRow, ReportSheet } from './report-model';

export const R4_TITLE = '乡村公益性岗位补贴发放明细表';

export interface R4Township {
  code: string;
  name: string;
  status: PayrollStatus;
  lines: readonly PayrollLine[];
}

export interface R4Input {
  countyName: string;
  /** 填报单位, e.g. 卢龙县人力资源和社会保障局 */
  unit: string;
  month: string;
  /** YYYY-MM-DD, the day the report is made. */
  preparedOn: string;
  townships: readonly R4Township[];
  villageNameOf(code: string): string;
}

const DETAIL_COLUMNS: ReportColumn[] = [
  { header: '序号', kind: 'index', width: 6 },
  { header: '乡镇', kind: 'text', width: 10 },
  { header: '村', kind: 'text', width: 12 },
  { header: '姓名', kind: 'text', width: 9 },
  { header: '身份证号', kind: 'text', width: 21 },
  { header: '卡号', kind: 'text', width: 22 },
  { header: '出勤天数', kind: 'integer', width: 9 },
  { header: '应发', kind: 'money', width: 11 },
  { header: '扣减', kind: 'money', width: 10 },
  // Not in SPEC's column list, but without it a row carrying a correction of an earlier month would not add up.
  { header: '补发/扣回', kind: 'money', width: 10 },
  { header: '实发', kind: 'money', width: 11 },
  { header: '签字', kind: 'text', width: 10 },
];

const SUMMARY_COLUMNS: ReportColumn[] = [
  { header: '序号', kind: 'index', width: 6 },
  { header: '乡镇', kind: 'text', width: 14 },
  { header: '审核状态', kind: 'text', width: 10 },
  { header: '人数', kind: 'integer', width: 8 },
  { header: '应发', kind: 'money', width: 15 },
  { header: '扣减', kind: 'money', width: 13 },
  { header: '补发/扣回', kind: 'money', width: 13 },
  { header: '实发', kind: 'money', width: 15 },
];

/** 大写 of a total; a negative total (more clawed back than paid) says so instead of hiding the sign. */
export function totalInWords(fen: number): string {
  return fen < 0 ? `负${yuanInWords(-fen)}` : yuanInWords(fen);
}

function totalNote(fen: number): string {
  return `实发合计（大写）：${totalInWords(fen)}\u3000（小写）：¥${formatYuan(fen)}`;
}

function footer(preparedOn: string): ReportSheet['footer'] {
  const [y, m, d] = preparedOn.split('-').map(Number);
  return [{ label: '制表人', value: '' }, { label: '审核人', value: '' }, { label: '日期', value: `${y}年${m}月${d}日` }];
}

/** An unapproved month can be printed for checking, and says on its face that it is not a payment order. */
function period(month: string, approved: boolean): string {
  return approved ? `${monthLabel(month)}（已审核）` : `${monthLabel(month)}（未审核，仅供核对，不能作为发放依据）`;
}

export function buildR4(input: R4Input): ReportModel {
  const townshipSheets: ReportSheet[] = input.townships.map((t) => {
    const totals = sumLines(t.lines);
    const rows: ReportRow[] = t.lines.map((l, i) => ({
      kind: 'data',
      cells: [i + 1, t.name, input.villageNameOf(l.villageCode), l.name, l.idNumber, l.cardNumber ?? '', l.attendedDays,
        l.payableFen, l.deductionFen, l.adjustmentFen, l.netFen, ''],
    }));
    rows.push({ kind: 'total', cells: ['合计', null, null, `${totals.lines}人`, null, null, null, totals.payableFen, totals.deductionFen, totals.adjustmentFen, totals.netFen, null] });
    return {
      name: t.name, title: `${input.countyName}${R4_TITLE}（${t.name}）`, unit: input.unit, period: period(input.month, t.status === PAYROLL_STATUS.APPROVED),
      columns: DETAIL_COLUMNS, rows, footer: footer(input.preparedOn), notes: [totalNote(totals.netFen)],
    };
  });

  const all = sumLines(input.townships.flatMap((t) => t.lines));
  const summaryRows: ReportRow[] = input.townships.map((t, i) => {
    const totals = sumLines(t.lines);
    return { kind: 'data', cells: [i + 1, t.name, t.status, totals.lines, totals.payableFen, totals.deductionFen, totals.adjustmentFen, totals.netFen] };
  });
  summaryRows.push({ kind: 'total', cells: ['合计', null, null, all.lines, all.payableFen, all.deductionFen, all.adjustmentFen, all.netFen] });
  const summary: ReportSheet = {
    name: '汇总', title: `${input.countyName}${R4_TITLE}（汇总）`, unit: input.unit,
    period: period(input.month, input.townships.every((t) => t.status === PAYROLL_STATUS.APPROVED)),
    columns: SUMMARY_COLUMNS, rows: summaryRows, footer: footer(input.preparedOn), notes: [totalNote(all.netFen)],
  };
  return { fileName: `R4_${R4_TITLE}_${input.month}.xlsx`, sheets: [summary, ...townshipSheets] };
}

export interface BankTransfer { name: string; cardNumber: string; amountFen: number }

/** The bank's batch-payment list: approved townships only, lines with money to pay and a card to pay to. */
export function bankTransfers(townships: readonly R4Township[]): BankTransfer[] {
  return townships.filter((t) => t.status === PAYROLL_STATUS.APPROVED).flatMap((t) => t.lines)
    .filter((l) => l.netFen > 0 && l.cardNumber)
    .map((l) => ({ name: l.name, cardNumber: l.cardNumber!, amountFen: l.netFen }));
}
