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
  title: string;
  /** 填报单位 */
  unit: string;
  /** What the report covers, e.g. 2022年6月. */
  period: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** The signature line under the table: 负责人 / 填报人 / 联系电话 / 填报日期 with values where known. */
  footer: { label: string; value: string }[];
  /** Lines under the footer (注：…, amounts in capital numerals). */
  notes: string[];
}

export interface ReportModel {
  fileName: string;
  sheets: ReportSheet[];
}

/** The footer SPEC §5 asks for; the names are signed by hand on the printout, the date is the day it was made. */
export function standardFooter(preparedOn: string): ReportSheet['footer'] {
  const [y, m, d] = preparedOn.split('-').map(Number);
  return [
    { label: '负责人', value: '' },
    { label: '填报人', value: '' },
    { label: '联系电话', value: '' },
    { label: '填报日期', value: `${y}年${m}月${d}日` },
  ];
}

/** Whether the header takes two rows (some column is grouped). */
export function hasGroupedHeader(columns: readonly ReportColumn[]): boolean {
  return columns.some((c) => c.group !== undefined);
}
