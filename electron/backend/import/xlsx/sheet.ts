// Reading the rows of one worksheet as a stream: the inflated XML is scanned row by row, so memory holds
// the rows (not the XML twice) and an early stop (sheet scoring) costs only the first rows. Cells keep
// what Excel stored: numbers stay numbers (a lost ID tail shows), formulas give their cached value and are
// never evaluated, date-styled numbers become ExcelDate.
import { StringDecoder } from 'node:string_decoder';
import { WorkbenchFailure } from '../../failure';
import type { CellValue } from '../../../../shared/domain/cell-values';
import type { MergeRange, SheetRowData } from '../../../../shared/domain/import-headers';
import { streamEntry } from './zip';
import { elementText, partText, runsText, unescapeOoxml, unescapeXml, utf16Order } from './xml';
import type { SheetInfo, Workbook } from './workbook';

/** Excel's own limits; a row beyond them is a damaged or hostile file, not data. */
const EXCEL_MAX_ROW = 1_048_576;
const EXCEL_MAX_COLUMNS = 16_384;
/** Rows with content a sheet may have before it is refused (SPEC §8). */
export const MAX_ROWS = 1_000_000;

export interface SheetData {
  rows: SheetRowData[];
  merges: MergeRange[];
  /** True when reading stopped at maxRows. */
  truncated: boolean;
}

const ROW = /<(?:[\w.-]+:)?row(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?row>)/g;
const CELL = /<(?:[\w.-]+:)?c(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g;
const VALUE = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?v>/;
const INLINE = /<(?:[\w.-]+:)?is(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?is>/;
const MERGE = /<(?:[\w.-]+:)?mergeCell\s[^>]*?ref\s*=\s*"([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?"/g;

export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) & 0x1f);
  return n - 1;
}

function cellValue(workbook: Workbook, attrs: string, inner: string | undefined): CellValue {
  const type = / t="(\w+)"/.exec(attrs)?.[1] ?? 'n';
  if (type === 'inlineStr') {
    const is = inner ? INLINE.exec(inner)?.[1] : undefined;
    return is === undefined ? undefined : runsText(is) || undefined;
  }
  const raw = inner ? VALUE.exec(inner)?.[1] : undefined;
  if (raw === undefined) return undefined; // empty, or a formula without a cached value
  switch (type) {
    case 's': {
      const text = workbook.sharedStrings[Number(raw)];
      return text === undefined || text === '' ? undefined : text;
    }
    case 'str': case 'e': { const text = unescapeOoxml(elementText(raw)); return text === '' ? undefined : text; }
    case 'b': return raw.trim() === '1' || raw.trim() === 'true';
    case 'd': return unescapeXml(raw).trim() || undefined;
    default: {
      const text = raw.trim();
      if (text === '') return undefined;
      const number = Number(text);
      if (!Number.isFinite(number)) return unescapeXml(text);
      const style = / s="(\d+)"/.exec(attrs);
      if (style && workbook.dateStyles.has(Number(style[1]))) return { kind: 'date', serial: number, date1904: workbook.date1904 };
      return number;
    }
  }
}

/** Where a complete row ends in the text so far (after the last "</row>"), or -1. */
function lastRowEnd(text: string): number {
  let at = text.length;
  for (;;) {
    at = text.lastIndexOf('row>', at - 1);
    if (at < 1) return -1;
    let p = at - 1;
    while (p >= 0 && /[\w.-]/.test(text[p]!) && text[p] !== '/') p--;
    if (text[p] === ':') { p--; while (p >= 0 && /[\w.-]/.test(text[p]!)) p--; }
    if (text[p] === '/' && text[p - 1] === '<') return at + 4;
  }
}

/**
 * Reads a sheet's rows (only rows with at least one value) and merged ranges.
 * maxRows stops early after that many rows with values (for sheet scoring and header detection).
 */
export async function readSheet(workbook: Workbook, sheet: SheetInfo, options: { maxRows?: number } = {}): Promise<SheetData> {
  const rows: SheetRowData[] = [];
  const merges: MergeRange[] = [];
  if (!sheet.entry) return { rows, merges, truncated: false };
  const limit = options.maxRows ?? Infinity;
  let lastRow = 0;
  let truncated = false;

  const scan = (text: string): boolean => {
    ROW.lastIndex = 0;
    for (let m = ROW.exec(text); m; m = ROW.exec(text)) {
      const rowAttr = / r="(\d+)"/.exec(m[1]!);
      const rowNumber = rowAttr ? Number(rowAttr[1]) : lastRow + 1;
      if (rowNumber > EXCEL_MAX_ROW) throw new WorkbenchFailure('TOO_MANY_ROWS', { sheet: sheet.name });
      lastRow = rowNumber;
      const inner = m[2];
      if (!inner) continue;
      const cells: CellValue[] = [];
      let column = -1;
      let hasValue = false;
      CELL.lastIndex = 0;
      for (let c = CELL.exec(inner); c; c = CELL.exec(inner)) {
        const ref = / r="([A-Za-z]{1,3})\d*"/.exec(c[1]!);
        column = ref ? columnIndex(ref[1]!.toUpperCase()) : column + 1;
        if (column < 0 || column >= EXCEL_MAX_COLUMNS) continue;
        const value = cellValue(workbook, c[1]!, c[2]);
        if (value === undefined) continue;
        while (cells.length < column) cells.push(undefined);
        cells[column] = value;
        hasValue = true;
      }
      if (!hasValue) continue;
      rows.push({ row: rowNumber, cells });
      if (rows.length > MAX_ROWS) throw new WorkbenchFailure('TOO_MANY_ROWS', { sheet: sheet.name });
      if (rows.length >= limit) { truncated = true; return false; }
    }
    return true;
  };

  const collectMerges = (text: string) => {
    for (const m of text.matchAll(MERGE)) {
      const left = columnIndex(m[1]!.toUpperCase()) + 1, top = Number(m[2]);
      const right = m[3] ? columnIndex(m[3].toUpperCase()) + 1 : left, bottom = m[4] ? Number(m[4]) : top;
      if (top <= bottom && left <= right) merges.push({ top, left, bottom, right });
    }
  };

  const decoder = new StringDecoder('utf8');
  let pending = '';
  let utf16: Buffer[] | null = null;
  let first = true;
  for await (const chunk of streamEntry(workbook.zip, sheet.entry)) {
    if (first) {
      first = false;
      // UTF-16 parts are rare (and small): read them whole.
      if (utf16Order(chunk)) utf16 = [];
    }
    if (utf16) { utf16.push(chunk); continue; }
    pending += decoder.write(chunk);
    const end = lastRowEnd(pending);
    if (end < 0) continue;
    const complete = pending.slice(0, end);
    pending = pending.slice(end);
    if (!scan(complete)) return { rows, merges, truncated };
  }
  if (utf16) {
    pending = partText(Buffer.concat(utf16));
  } else {
    pending += decoder.end();
  }
  if (!scan(pending)) return { rows, merges, truncated };
  collectMerges(pending);
  return { rows, merges, truncated };
}
