// What changed in a report since it was exported (issue 11): the city already has the old file, so a
// report that would now come out different says so and lists the rows and figures that changed. A snapshot
// keeps each sheet's rows by a stable key (the ID number on person lists, the township on summaries) with
// their cells as printed. Pure.
import { formatYuan } from '../money';
import type { ReportColumn, ReportModel, ReportRow } from './report-model';

/** sheet name → row key → printed cells */
export type ReportSnapshot = Record<string, Record<string, string[]>>;

function printed(column: ReportColumn | undefined, value: ReportRow['cells'][number]): string {
  if (value === null || value === undefined) return '';
  if (column?.kind === 'money' && typeof value === 'number') return formatYuan(value);
  if (column?.kind === 'percent' && typeof value === 'number') return `${(value * 100).toFixed(2)}%`;
  return String(value);
}

function rowKey(columns: readonly ReportColumn[], row: ReportRow): string {
  const id = columns.findIndex((c) => c.header === '身份证号');
  if (row.kind === 'data' && id >= 0) return String(row.cells[id] ?? '');
  return `${row.kind === 'data' ? '' : '【'}${String(row.cells[1] ?? '')}${row.kind === 'data' ? '' : '】'}`;
}

export function snapshotOf(model: ReportModel): ReportSnapshot {
  const snapshot: ReportSnapshot = {};
  for (const sheet of model.sheets) {
    const rows: Record<string, string[]> = {};
    for (const row of sheet.rows) {
      const base = rowKey(sheet.columns, row);
      let key = base;
      for (let n = 2; key in rows; n++) key = `${base}#${n}`;
      // 序号 is left out: a row added above renumbers every row below without changing them.
      rows[key] = row.cells.map((value, i) => (sheet.columns[i]?.kind === 'index' ? '' : printed(sheet.columns[i], value)));
    }
    snapshot[sheet.name] = rows;
  }
  return snapshot;
}

export interface ReportChanges {
  /** One line per change, in Chinese, at most `limit`. */
  lines: string[];
  /** All changes, listed or not. */
  count: number;
}

/** Compares the exported snapshot with the report as it would be now. */
export function diffSnapshots(before: ReportSnapshot, after: ReportSnapshot, headersOf: (sheet: string) => readonly string[], limit = 50): ReportChanges {
  const lines: string[] = [];
  let count = 0;
  const add = (line: string) => { count += 1; if (lines.length < limit) lines.push(line); };
  const sheets = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const sheet of sheets) {
    const old = before[sheet];
    const now = after[sheet];
    if (!old) { add(`新增工作表“${sheet}”`); continue; }
    if (!now) { add(`工作表“${sheet}”已没有`); continue; }
    const headers = headersOf(sheet);
    const labelOf = (cells: string[]) => cells.slice(1, 4).filter(Boolean).join(' ');
    for (const [key, cells] of Object.entries(now)) {
      const was = old[key];
      if (!was) { add(`${sheet}：新增 ${labelOf(cells)}`); continue; }
      const changed = cells.map((c, i) => (c !== was[i] ? `${headers[i] ?? `第${i + 1}列`} ${was[i] || '（空）'} → ${c || '（空）'}` : null)).filter((c): c is string => c !== null);
      if (changed.length) add(`${sheet}：${labelOf(cells)}：${changed.join('；')}`);
    }
    for (const [key, cells] of Object.entries(old)) if (!(key in now)) add(`${sheet}：删除 ${labelOf(cells)}`);
  }
  return { lines, count };
}
