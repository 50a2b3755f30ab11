// The shape every city report (R1–R5) is assembled into before it becomes a workbook: sheets of columns and
// rows with their totals, plain data. Report builders are pure functions producing this; one renderer
// (electron/backend/excel/report-workbook.ts) turns any of them into a formatted .xlsx (SPEC §5).

export type CellKind =
  | 'index'   // 序号: a whole number, centred
  | 'text'    // written as text (ID and card numbers stay digits, never 1.3E+17)
  | 'integer' // a count, #,##0
  | 'money'   // integer fen in the model; yuan with #,##0.00 in the workbook
  | 'percent' // a ratio (0.5 → 50.00%)
  | 'date';   // YYYY-MM-DD, written as text so every program shows it the same

export interface ReportColumn {
  header: string;
  /** Columns that share a group get a merged group cell above their headers (a two-row header). */
  group?: string;
  kind: CellKind;
  /** Width in characters. */
  width: number;
}

export type CellValue = string | number | null;

export interface ReportRow {
  /** data: one record; subtotal: a township's total; total: the county's total. */
  kind: 'data' | 'subtotal' | 'total';
  cells: CellValue[];
}

export interface ReportSheet {
  /** The sheet tab (≤ 31 characters, no []:*?/\). */
  name: string;
  /** The report's name without the period (the period is put in front of it in one place: sheetTitle). */
  title: string;
  /** 填报单位 */
  unit: string;
  /** What the report covers, e.g. 2022年6月. */
  period: string;
  /** A state shown beside the period, e.g. 已审核 or 未审核，仅供核对. */
  status?: string;
  /** The 单位 line: the units of the figures, e.g. 人、元. */
  units: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** The signature line under the table: 单位负责人 / 审核人 / 填表人 / 联系电话 / 填报日期. */
  footer: { label: string; value: string }[];
  /** Lines under the footer (注：…, amounts in capital numerals). */
  notes: string[];
}

export interface ReportModel {
  fileName: string;
  sheets: ReportSheet[];
}

/** Who signs the reports and how to reach them: kept in 设置, printed on every report's footer. */
export interface ReportSignatures {
  /** 填报单位; empty: the county's human-resources and social-security bureau. */
  unit: string;
  head: string;
  reviewer: string;
  preparer: string;
  phone: string;
}

export const EMPTY_SIGNATURES: ReportSignatures = { unit: '', head: '', reviewer: '', preparer: '', phone: '' };

/** What every report builder needs besides its facts. */
export interface ReportHead {
  countyName: string;
  /** 填报单位 as printed. */
  unit: string;
  month: string;
  /** YYYY-MM-DD, the day the report is made. */
  preparedOn: string;
  signatures: ReportSignatures;
}

/** 填报单位: the one set in 设置, or the county's bureau. */
export function reportingUnitOf(countyName: string, signatures: Pick<ReportSignatures, 'unit'>): string {
  return signatures.unit.trim() || `${countyName}人力资源和社会保障局`;
}

/** The one footer of every report (issue 11): names signed by hand where not set, the date the report was made. */
export function standardFooter(head: Pick<ReportHead, 'preparedOn' | 'signatures'>): ReportSheet['footer'] {
  const [y, m, d] = head.preparedOn.split('-').map(Number);
  const s = head.signatures;
  return [
    { label: '单位负责人', value: s.head },
    { label: '审核人', value: s.reviewer },
    { label: '填表人', value: s.preparer },
    { label: '联系电话', value: s.phone },
    { label: '填报日期', value: `${y}年${m}月${d}日` },
  ];
}

/** The printed title: the period in front of the report's name, e.g. 2022年6月卢龙县…明细表. */
export function sheetTitle(sheet: Pick<ReportSheet, 'title' | 'period'>): string {
  return `${sheet.period}${sheet.title}`;
}

/** The line under the title: 填报单位, 报告期 (with its state), 单位. */
export function infoLine(sheet: Pick<ReportSheet, 'unit' | 'period' | 'status' | 'units'>): string[] {
  return [`填报单位：${sheet.unit}`, `报告期：${sheet.period}${sheet.status ? `（${sheet.status}）` : ''}`, `单位：${sheet.units}`];
}

/** Display width of a text: CJK and full-width characters count two. */
export function textWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return n;
}

/**
 * A header's lines: a bracketed part (（元）, （人）) goes on a line of its own when the header does not fit
 * the column, so a header never breaks inside a bracket; and the width the column needs for that.
 */
export function headerLines(header: string, width: number): { lines: string[]; width: number } {
  const open = header.search(/[（(“]/);
  // A header a little too wide widens its column rather than split (readers match headers by their text).
  if (textWidth(header) + 1 <= width + 4) return { lines: [header], width: Math.max(width, textWidth(header) + 1) };
  const lines = open <= 0 ? [header] : [header.slice(0, open), header.slice(open)];
  const longest = Math.max(...lines.map((l) => (lines.length === 1 ? Math.min(textWidth(l), width) : textWidth(l))));
  return { lines, width: Math.max(width, longest + 1) };
}

/** The column the 合计 / 小计 label sits in on every report: the second (the first is 序号). */
export const TOTAL_LABEL_COLUMN = 1;

/** Whether the header takes two rows (some column is grouped). */
export function hasGroupedHeader(columns: readonly ReportColumn[]): boolean {
  return columns.some((c) => c.group !== undefined);
}

/** A wide sheet prints landscape, a narrow one portrait (A4 either way). */
export function isWide(columns: readonly ReportColumn[]): boolean {
  return columns.reduce((n, c) => n + c.width, 0) > 110;
}
