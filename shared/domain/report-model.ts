// A city report as plain data (SPEC §5): title, 填报单位 line, grouped header, one row per township and a
// county total row, footer. The Excel step renders this; tests can read the figures without Excel.

export type ReportCellFormat = 'text' | 'integer' | 'money' | 'percent';

export interface ReportColumn {
  header: string;
  /** Columns that share a group get a merged cell above them (a two-row header). */
  group?: string;
  width: number;
  format: ReportCellFormat;
}

/** A cell: text, a count, fen for money columns, basis points (hundredths of a percent) for percent columns. */
export type ReportCell = string | number | null;

export interface ReportSheetModel {
  sheetName: string;
  title: string;
  /** 填报单位 */
  unit: string;
  /** e.g. 2022年12月 */
  period: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  total: ReportCell[];
  /** Lines printed under the table (explanations of the figures), before the signature footer. */
  notes: string[];
}

/** 2022-12 → 2022年12月 */
export function periodOf(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
