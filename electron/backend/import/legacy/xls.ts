// Legacy workbooks: .xls (BIFF8, Excel 97–2003; BIFF5 and older too) and WPS .et/.ett, which are the same
// BIFF records in an OLE compound file. Parsed by SheetJS Community Edition 0.20.3 as republished on npm
// (@e965/xlsx: npm's own `xlsx` stops at 0.18.5 without the fixes for CVE-2023-30533 and CVE-2024-22363),
// with only values and number formats kept — no formulas evaluated, no styles, no HTML. Cells come out as
// the xlsx reader gives them: text stays text (an ID typed as text keeps every digit), numbers stay numbers
// (an ID Excel turned into a number is rejected for its lost digits), date-formatted numbers become dates
// of the workbook's own date system, merged ranges are kept for two-row headers.
import * as XLSX from '@e965/xlsx';
// The code pages of BIFF5-and-older files (GBK text in an Excel 95 file from an old township PC).
import * as cptable from '@e965/xlsx/dist/cpexcel';
import { WorkbenchFailure } from '../../failure';
import type { CellValue } from '../../../../shared/domain/cell-values';
import type { MergeRange, SheetRowData } from '../../../../shared/domain/import-headers';
import { MAX_ROWS, type SheetData } from '../xlsx/sheet';
import type { Spreadsheet, SheetRef } from '../spreadsheet';

XLSX.set_cptable(cptable);

function cellValue(cell: XLSX.CellObject | undefined, date1904: boolean): CellValue {
  if (!cell) return undefined;
  switch (cell.t) {
    case 's': { const text = String(cell.v ?? ''); return text === '' ? undefined : text; }
    case 'b': return Boolean(cell.v);
    case 'e': return cell.w ?? XLSX.utils.format_cell(cell) ?? undefined;
    case 'n': {
      const number = cell.v as number;
      if (!Number.isFinite(number)) return undefined;
      return cell.z !== undefined && XLSX.SSF.is_date(cell.z) ? { kind: 'date', serial: number, date1904 } : number;
    }
    case 'd': return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : undefined;
    default: return undefined;
  }
}

function parse(bytes: Buffer): XLSX.WorkBook {
  try {
    return XLSX.read(bytes, {
      type: 'buffer', dense: true, cellNF: true, cellDates: false, cellFormula: false, cellHTML: false, cellText: false, cellStyles: false,
      bookVBA: false, bookDeps: false, bookFiles: false, WTF: false,
    });
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    if (/password|encrypt/i.test(message)) throw new WorkbenchFailure('FILE_ENCRYPTED');
    // A compound file without a workbook stream is a Word or PowerPoint file, not a damaged workbook.
    let streams: string[] = [];
    try { streams = XLSX.CFB.read(bytes, { type: 'buffer' }).FullPaths.map((p: string) => p.split('/').filter(Boolean).pop()?.toLowerCase() ?? ''); } catch { /* not even a compound file */ }
    if (!streams.some((s) => s === 'workbook' || s === 'book')) throw new WorkbenchFailure('FILE_NOT_WORKBOOK');
    throw new WorkbenchFailure('FILE_CORRUPT', { detail: message.slice(0, 120) });
  }
}

export function openXls(bytes: Buffer): Spreadsheet {
  const book = parse(bytes);
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  const sheets: SheetRef[] = book.SheetNames.map((name, i) => ({ name, hidden: Boolean(book.Workbook?.Sheets?.[i]?.Hidden) }));
  const cache = new Map<string, SheetData>();

  const readAll = (name: string): SheetData => {
    const cached = cache.get(name);
    if (cached) return cached;
    const sheet = book.Sheets[name];
    const rows: SheetRowData[] = [];
    const merges: MergeRange[] = [];
    const data = (sheet?.['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
    for (let r = 0; r < data.length; r++) {
      const source = data[r];
      if (!source) continue;
      const cells: CellValue[] = [];
      let hasValue = false;
      for (let c = 0; c < source.length; c++) {
        const value = cellValue(source[c], date1904);
        if (value === undefined) continue;
        while (cells.length < c) cells.push(undefined);
        cells[c] = value;
        hasValue = true;
      }
      if (!hasValue) continue;
      rows.push({ row: r + 1, cells });
      if (rows.length > MAX_ROWS) throw new WorkbenchFailure('TOO_MANY_ROWS', { sheet: name });
    }
    for (const m of sheet?.['!merges'] ?? []) {
      merges.push({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 });
    }
    const result = { rows, merges, truncated: false };
    cache.set(name, result);
    return result;
  };

  return {
    format: 'xls',
    sheets,
    date1904,
    read: async (sheet, options) => {
      const all = readAll(sheet.name);
      const limit = options?.maxRows ?? Infinity;
      return all.rows.length > limit ? { rows: all.rows.slice(0, limit), merges: all.merges, truncated: true } : all;
    },
  };
}
