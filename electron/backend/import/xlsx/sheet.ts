// Reading the rows of one worksheet as a stream: the inflated XML is scanned row by row, so memory holds
// the rows (not the XML twice) and an early stop (sheet scoring) costs only the first rows. Cells keep
// what Excel stored: numbers stay numbers (a lost ID tail shows), formulas give their cached value and are
// never evaluated, date-styled numbers become ExcelDate.
import { StringDecoder } from 'node:string_decoder';
import { WorkbenchFailure } from '../../failure';
import type { CellValue } from '../../../../shared/domain/cell-values';
import type { MergeRange, SheetRowData } from '../../../../shared/domain/import-headers';
import { streamEntry } from './zip';
import { ElementScanner, elementText, partText, runsText, tags, unescapeOoxml, unescapeXml, utf16Order } from './xml';
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

/** A row larger than this is not a ledger row but a crafted or broken part; it is refused, not held. */
export const MAX_ROW_CHARS = 32 * 1024 * 1024;
/** The longest end tag of a row the chunk-boundary overlap must cover ("</prefix:row>"). */
const END_TAG_OVERLAP = 64;
const ROW_END = /<\/(?:[\w.-]+:)?row>/g;
const VALUE = new ElementScanner('v');
const INLINE = new ElementScanner('is');

export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) & 0x1f);
  return n - 1;
}

// The attributes a cell needs, found with indexOf and char codes rather than a regular expression each
// (three per cell, two million cells in a 100,000-row sheet: most of the reader's garbage). Each returns
// what the expression it replaces — noted beside it — would have captured, from the first place it matches.

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isWord = (c: number) => isLetter(c) || isDigit(c) || c === 95;

/** / r="([A-Za-z]{1,3})\d*"/: the column letters of a cell reference, upper-cased; undefined when none. */
export function refLetters(attrs: string): string | undefined {
  for (let at = attrs.indexOf(' r="'); at >= 0; at = attrs.indexOf(' r="', at + 1)) {
    let i = at + 4;
    const start = i;
    while (i < attrs.length && i - start < 3 && isLetter(attrs.charCodeAt(i))) i++;
    if (i === start) continue;
    const end = i;
    while (i < attrs.length && isDigit(attrs.charCodeAt(i))) i++;
    // A fourth letter fails the expression here too (it wants a digit or the quote after three).
    if (attrs.charCodeAt(i) === 34) return attrs.slice(start, end).toUpperCase();
  }
  return undefined;
}

/** / t="(\w+)"/: the cell's type; 'n' when none. */
export function cellType(attrs: string): string {
  for (let at = attrs.indexOf(' t="'); at >= 0; at = attrs.indexOf(' t="', at + 1)) {
    let i = at + 4;
    while (i < attrs.length && isWord(attrs.charCodeAt(i))) i++;
    if (i > at + 4 && attrs.charCodeAt(i) === 34) return attrs.slice(at + 4, i);
  }
  return 'n';
}

/** / s="(\d+)"/: the cell's style index; -1 when none. */
export function styleIndex(attrs: string): number {
  for (let at = attrs.indexOf(' s="'); at >= 0; at = attrs.indexOf(' s="', at + 1)) {
    let i = at + 4;
    while (i < attrs.length && isDigit(attrs.charCodeAt(i))) i++;
    if (i > at + 4 && attrs.charCodeAt(i) === 34) return Number(attrs.slice(at + 4, i));
  }
  return -1;
}

/** The text of a cell's first <v>: "<v>text</v>" (the form every writer uses) read directly, any other through the scanner. */
export function valueText(inner: string): string | undefined {
  if (inner.startsWith('<v>') && inner.endsWith('</v>') && inner.indexOf('<', 3) === inner.length - 4) return inner.slice(3, -4);
  return VALUE.first(inner);
}

/**
 * A cell's value; a shared string (type s) through `sharedString` when given — the worker hands the index
 * on and leaves null in the cell, for the thread that holds the strings (resolveSharedStrings).
 */
function cellValue(workbook: Workbook, attrs: string, inner: string | undefined, sharedString?: (index: number) => void): CellValue {
  const type = cellType(attrs);
  if (type === 'inlineStr') {
    const is = inner ? INLINE.first(inner) : undefined;
    return is === undefined ? undefined : runsText(is) || undefined;
  }
  const raw = inner ? valueText(inner) : undefined;
  if (raw === undefined) return undefined; // empty, or a formula without a cached value
  switch (type) {
    case 's': {
      if (sharedString) { sharedString(Number(raw)); return null; }
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
      const style = styleIndex(attrs);
      if (style >= 0 && workbook.dateStyles.has(style)) return { kind: 'date', serial: number, date1904: workbook.date1904 };
      return number;
    }
  }
}

export interface ReadOptions {
  /** Stop after this many rows with values (sheet scoring). */
  maxRows?: number;
  /**
   * Rows are handed over as each piece of the sheet is scanned, in sheet order, and not kept: the result's
   * rows are then empty. A whole-sheet import maps each row as it comes instead of holding every cell of
   * 100,000 rows at once.
   */
  onRows?: (rows: SheetRowData[], refs?: number[]) => void | Promise<void>;
  /**
   * Shared strings left to the caller (the sheet-reading worker, whose workbook has none read): each such
   * cell is null, and its [index of the row in the piece, column, string index] is added to the piece's
   * refs, handed to onRows with it.
   */
  sharedStringRefs?: boolean;
}

/**
 * A piece of rows read with sharedStringRefs, given the strings: each reference's cell set as a reader that
 * holds the strings would have (an empty or missing string is no value), and rows left with no value at all
 * dropped, as such a reader drops them.
 */
export function resolveSharedStrings(rows: SheetRowData[], refs: ArrayLike<number>, strings: readonly string[]): SheetRowData[] {
  let emptied = false;
  for (let i = 0; i < refs.length; i += 3) {
    const text = strings[refs[i + 2]!];
    const value = text === undefined || text === '' ? undefined : text;
    rows[refs[i]!]!.cells[refs[i + 1]!] = value;
    if (value === undefined) emptied = true;
  }
  if (!emptied) return rows;
  return rows.filter((r) => r.cells.some((c) => c !== undefined));
}

/**
 * Reads a sheet's rows (only rows with at least one value) and merged ranges.
 * maxRows stops early after that many rows with values (for sheet scoring and header detection).
 */
export async function readSheet(workbook: Workbook, sheet: SheetInfo, options: ReadOptions = {}): Promise<SheetData> {
  let rows: SheetRowData[] = [];
  const merges: MergeRange[] = [];
  if (!sheet.entry) return { rows, merges, truncated: false };
  const limit = options.maxRows ?? Infinity;
  const onRows = options.onRows;
  let refs: number[] | null = options.sharedStringRefs ? [] : null;
  const sharedString = refs ? (index: number) => { refs!.push(rows.length, column, index); } : undefined;
  let column = -1;
  let lastRow = 0;
  let truncated = false;
  let counted = 0;

  const rowScanner = new ElementScanner('row');
  const cellScanner = new ElementScanner('c');
  const scan = (text: string): boolean => {
    for (let at = rowScanner.next(text, 0); at >= 0; at = rowScanner.next(text, at)) {
      const rowAttr = / r="(\d+)"/.exec(rowScanner.attrs);
      const rowNumber = rowAttr ? Number(rowAttr[1]) : lastRow + 1;
      if (rowNumber > EXCEL_MAX_ROW) throw new WorkbenchFailure('TOO_MANY_ROWS', { sheet: sheet.name });
      lastRow = rowNumber;
      const inner = rowScanner.inner;
      if (!inner) continue;
      const cells: CellValue[] = [];
      column = -1;
      let hasValue = false;
      for (let c = cellScanner.next(inner, 0); c >= 0; c = cellScanner.next(inner, c)) {
        const cellAttrs = cellScanner.attrs;
        const letters = refLetters(cellAttrs);
        column = letters ? columnIndex(letters) : column + 1;
        if (column < 0 || column >= EXCEL_MAX_COLUMNS) continue;
        const value = cellValue(workbook, cellAttrs, cellScanner.inner, sharedString);
        if (value === undefined) continue;
        while (cells.length < column) cells.push(undefined);
        cells[column] = value;
        hasValue = true;
      }
      if (!hasValue) continue;
      rows.push({ row: rowNumber, cells });
      counted += 1;
      if (counted > MAX_ROWS) throw new WorkbenchFailure('TOO_MANY_ROWS', { sheet: sheet.name });
      if (counted >= limit) { truncated = true; return false; }
    }
    return true;
  };
  // The rows of each scanned piece are handed over (and awaited) before the next piece is read.
  const hand = async () => {
    if (!onRows || rows.length === 0) return;
    const done = rows;
    rows = [];
    if (!refs) return onRows(done);
    const doneRefs = refs;
    refs = [];
    await onRows(done, doneRefs);
  };

  const collectMerges = (text: string) => {
    for (const { ref } of tags(text, 'mergeCell')) {
      const m = /^([A-Za-z]{1,3})(\d{1,7})(?::([A-Za-z]{1,3})(\d{1,7}))?$/.exec(ref ?? '');
      if (!m) continue;
      const left = columnIndex(m[1]!.toUpperCase()) + 1, top = Number(m[2]);
      const right = m[3] ? columnIndex(m[3].toUpperCase()) + 1 : left, bottom = m[4] ? Number(m[4]) : top;
      if (top <= bottom && left <= right) merges.push({ top, left, bottom, right });
    }
  };

  const decoder = new StringDecoder('utf8');
  // The text not yet scanned, kept as pieces: each chunk is searched for a row end once (with a short
  // overlap for an end tag split between chunks), never the whole of a long row again.
  let pieces: string[] = [];
  let waiting = 0;
  let tail = '';
  let utf16: Buffer[] | null = null;
  let first = true;
  for await (const chunk of streamEntry(workbook.zip, sheet.entry)) {
    if (first) {
      first = false;
      // UTF-16 parts are rare (and small): read them whole.
      if (utf16Order(chunk)) utf16 = [];
    }
    if (utf16) { utf16.push(chunk); continue; }
    const text = decoder.write(chunk);
    const window = tail + text;
    let end = -1;
    ROW_END.lastIndex = 0;
    for (let m = ROW_END.exec(window); m; m = ROW_END.exec(window)) end = m.index + m[0].length;
    if (end < 0) {
      pieces.push(text);
      waiting += text.length;
      tail = window.slice(-END_TAG_OVERLAP);
      if (waiting > MAX_ROW_CHARS) throw new WorkbenchFailure('FILE_CORRUPT', { detail: `工作表“${sheet.name}”中有一行超过32 MB` });
      continue;
    }
    const cut = Math.max(0, end - tail.length);
    const complete = pieces.join('') + text.slice(0, cut);
    const rest = text.slice(cut);
    pieces = [rest];
    waiting = rest.length;
    tail = rest.slice(-END_TAG_OVERLAP);
    const more = scan(complete);
    await hand();
    if (!more) return { rows, merges, truncated };
  }
  let pending: string;
  if (utf16) {
    pending = partText(Buffer.concat(utf16));
  } else {
    pending = pieces.join('') + decoder.end();
  }
  const more = scan(pending);
  await hand();
  if (!more) return { rows, merges, truncated };
  collectMerges(pending);
  return { rows, merges, truncated };
}
