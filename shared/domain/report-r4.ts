// R4 乡村公益性岗位补贴发放明细表 and the bank's transfer list, as report models (plain data): a summary
// sheet and one sheet per township. Excel writing is a separate step (electron/backend/excel).
import { formatYuan, yuanInWords } from './money';
import { monthLabel } from './month';
import { sumLines, type PayrollLine } from './payroll';
import type { PayrollStatus } from './payroll-lifecycle';

export type ColumnKind = 'text' | 'int' | 'money';
export interface ReportColumn { header: string; width: number; kind: ColumnKind }
/** Money cells hold fen; the renderer shows them as yuan with #,##0.00. */
export type ReportCell = string | number | null;

export interface ReportSheet {
  name: string;
  title: string;
  /** 填报单位 / month / state line under the title. */
  subtitle: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  totalRow: ReportCell[] | null;
  /** Lines under the table: the total in capital numerals, then the footer. */
  notes: string[];
}

export interface ReportModel { fileName: string; sheets: ReportSheet[] }

export interface R4Township {
  code: string;
  name: string;
  status: PayrollStatus;
  lines: readonly PayrollLine[];
}

export interface R4Input {
  month: string;
  countyName: string;
  /** 填报单位, e.g. 卢龙县人力资源和社会保障局 */
  unitName: string;
  townships: readonly R4Township[];
  villageNameOf(code: string): string;
}

export const R4_TITLE = '乡村公益性岗位补贴发放明细表';
/** The ideographic space (U+3000) that Chinese forms use between fields. */
const GAP = '\u3000';
const FOOTER = '制表人：                    审核人：                    日期：        年    月    日';

const DETAIL_COLUMNS: ReportColumn[] = [
  { header: '序号', width: 6, kind: 'int' },
  { header: '乡镇', width: 10, kind: 'text' },
  { header: '村', width: 12, kind: 'text' },
  { header: '姓名', width: 9, kind: 'text' },
  { header: '身份证号', width: 21, kind: 'text' },
  { header: '卡号', width: 22, kind: 'text' },
  { header: '出勤天数', width: 9, kind: 'int' },
  { header: '应发', width: 11, kind: 'money' },
  { header: '扣减', width: 10, kind: 'money' },
  // Not in SPEC's list, but without it a row with a correction of an earlier month would not add up.
  { header: '补发/扣回', width: 10, kind: 'money' },
  { header: '实发', width: 11, kind: 'money' },
  { header: '签字', width: 10, kind: 'text' },
];

const SUMMARY_COLUMNS: ReportColumn[] = [
  { header: '序号', width: 6, kind: 'int' },
  { header: '乡镇', width: 14, kind: 'text' },
  { header: '审核状态', width: 10, kind: 'text' },
  { header: '人数', width: 8, kind: 'int' },
  { header: '应发', width: 15, kind: 'money' },
  { header: '扣减', width: 13, kind: 'money' },
  { header: '补发/扣回', width: 13, kind: 'money' },
  { header: '实发', width: 15, kind: 'money' },
];

function inWords(fen: number): string {
  return fen < 0 ? `负${yuanInWords(-fen)}` : yuanInWords(fen);
}

function totalNote(fen: number): string {
  return `实发合计（大写）：${inWords(fen)}${GAP}（小写）：¥${formatYuan(fen)}`;
}

export function r4Report(input: R4Input): ReportModel {
  const period = monthLabel(input.month);
  const subtitle = (extra: string) => `填报单位：${input.unitName}${GAP}${GAP}发放月份：${period}${extra}`;
  const stateNote = (status: PayrollStatus) => (status === '已审核' ? `${GAP}${GAP}状态：已审核` : `${GAP}${GAP}状态：${status}（未审核，仅供核对，不能作为发放依据）`);

  const townshipSheets: ReportSheet[] = input.townships.map((t) => {
    const totals = sumLines(t.lines);
    return {
      name: t.name,
      title: `${input.countyName}${R4_TITLE}`,
      subtitle: subtitle(`${GAP}${GAP}乡镇：${t.name}${stateNote(t.status)}`),
      columns: DETAIL_COLUMNS,
      rows: t.lines.map((l, i) => [
        i + 1, t.name, input.villageNameOf(l.villageCode), l.name, l.idNumber, l.cardNumber ?? '', l.attendedDays,
        l.payableFen, l.deductionFen, l.adjustmentFen, l.netFen, '',
      ]),
      totalRow: ['合计', null, null, `${totals.lines}人`, null, null, null, totals.payableFen, totals.deductionFen, totals.adjustmentFen, totals.netFen, null],
      notes: [totalNote(totals.netFen), FOOTER],
    };
  });

  const all = sumLines(input.townships.flatMap((t) => t.lines));
  const notApproved = input.townships.filter((t) => t.status !== '已审核').length;
  const summary: ReportSheet = {
    name: '汇总',
    title: `${input.countyName}${R4_TITLE}（汇总）`,
    subtitle: subtitle(notApproved === 0 ? `${GAP}${GAP}状态：全部已审核` : `${GAP}${GAP}状态：${notApproved}个乡镇未审核，仅供核对`),
    columns: SUMMARY_COLUMNS,
    rows: input.townships.map((t, i) => {
      const totals = sumLines(t.lines);
      return [i + 1, t.name, t.status, totals.lines, totals.payableFen, totals.deductionFen, totals.adjustmentFen, totals.netFen];
    }),
    totalRow: ['合计', null, null, all.lines, all.payableFen, all.deductionFen, all.adjustmentFen, all.netFen],
    notes: [totalNote(all.netFen), FOOTER],
  };
  return { fileName: `R4_${R4_TITLE}_${input.month}.xlsx`, sheets: [summary, ...townshipSheets] };
}

/** The bank's batch-payment list: approved townships only, lines with money to pay and a card to pay to. */
export function bankTransferList(month: string, townships: readonly R4Township[]): ReportModel {
  const lines = townships.filter((t) => t.status === '已审核').flatMap((t) => t.lines).filter((l) => l.netFen > 0 && l.cardNumber);
  return {
    fileName: `代发清单_${month}.xlsx`,
    sheets: [{
      name: '代发清单',
      title: '',
      subtitle: '',
      columns: [{ header: '姓名', width: 10, kind: 'text' }, { header: '卡号', width: 24, kind: 'text' }, { header: '金额', width: 12, kind: 'money' }],
      rows: lines.map((l) => [l.name, l.cardNumber, l.netFen]),
      totalRow: null,
      notes: [],
    }],
  };
}
