// Finding the header of a township sheet: title rows above it, one or two header rows (merged group
// headers combined), names in many variants. Pure: works on the rows the reader produced.
import { normaliseText } from './id-number';
import type { CellValue } from './cell-values';
import { displayText } from './cell-values';

export interface FieldSpec {
  key: string;
  /** The name shown to the clerk and written in error workbooks. */
  label: string;
  /** Header spellings seen in township files (compared after headerKey). */
  aliases: readonly string[];
  required: boolean;
}

export interface SheetRowData { row: number; cells: CellValue[] }
/** A merged range, 1-based inclusive, as Excel shows it. */
export interface MergeRange { top: number; left: number; bottom: number; right: number }

export interface HeaderColumn {
  /** 0-based column index (A = 0). */
  index: number;
  letter: string;
  /** The header as the clerk sees it (two-row headers joined with "/"). */
  header: string;
  /** The field it maps to, or null when ignored. */
  field: string | null;
}

export interface HeaderDetection {
  firstRow: number;
  lastRow: number;
  columns: HeaderColumn[];
  /** How many distinct fields the header names (used to choose the default sheet). */
  score: number;
}

/** How far down a header may start (title rows, blank rows, notes above it). */
export const HEADER_SEARCH_ROWS = 30;

/** 0 → A, 27 → AB */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) { const rem = (n - 1) % 26; letters = String.fromCharCode(65 + rem) + letters; n = Math.floor((n - 1) / 26); }
  return letters;
}

/** 身份证号码（必填） , 身 份 证 号, *姓名, 乡（镇） → a comparable key. */
export function headerKey(text: string): string {
  return normaliseText(text).replace(/[*＊:：\r\n]/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

function withoutNotes(key: string): string {
  return key.replace(/\([^)]*\)$/g, '');
}

const aliasIndexes = new WeakMap<readonly FieldSpec[], Map<string, string>>();

/** alias key → field key, built once per field list (header detection compares many cells). */
function aliasIndex(fields: readonly FieldSpec[]): Map<string, string> {
  let index = aliasIndexes.get(fields);
  if (!index) {
    index = new Map();
    for (const field of fields) for (const alias of field.aliases) if (!index.has(headerKey(alias))) index.set(headerKey(alias), field.key);
    aliasIndexes.set(fields, index);
  }
  return index;
}

/** The field a header names, trying it as written and without a trailing note in brackets. */
export function matchField(header: string, fields: readonly FieldSpec[]): string | null {
  if (!header || header.length > 60) return null; // a paragraph in a cell is not a column name
  const key = headerKey(header);
  if (!key) return null;
  const index = aliasIndex(fields);
  return index.get(key) ?? index.get(withoutNotes(key)) ?? null;
}

/** Cell text with merged ranges filled from their top-left cell (what the clerk reads on screen). */
function filledText(rows: Map<number, CellValue[]>, merges: readonly MergeRange[], row: number, col: number): string {
  const own = displayText(rows.get(row)?.[col]).trim();
  if (own) return own;
  for (const m of merges) {
    if (row >= m.top && row <= m.bottom && col + 1 >= m.left && col + 1 <= m.right) return displayText(rows.get(m.top)?.[m.left - 1]).trim();
  }
  return '';
}

function labelColumns(rows: Map<number, CellValue[]>, merges: readonly MergeRange[], first: number, last: number, fields: readonly FieldSpec[]): HeaderColumn[] {
  let width = 0;
  for (let r = first; r <= last; r++) width = Math.max(width, rows.get(r)?.length ?? 0);
  const columns: HeaderColumn[] = [];
  for (let col = 0; col < width; col++) {
    const top = filledText(rows, merges, first, col);
    const bottom = last > first ? filledText(rows, merges, last, col) : '';
    let field: string | null = null;
    let header = top;
    if (last > first) {
      // A group header above (基本信息 over 姓名, 身份证号…) names nothing itself: the lower row wins.
      header = bottom && top && bottom !== top ? `${top}/${bottom}` : bottom || top;
      field = matchField(bottom, fields) ?? matchField(top, fields) ?? matchField(top + bottom, fields);
    } else {
      field = matchField(top, fields);
    }
    if (header || field) columns.push({ index: col, letter: columnLetter(col), header, field });
  }
  // One column per field: a second column with the same name stays ignored (the first one is used).
  const seen = new Set<string>();
  for (const column of columns) {
    if (column.field && seen.has(column.field)) column.field = null;
    else if (column.field) seen.add(column.field);
  }
  return columns;
}

function score(columns: readonly HeaderColumn[]): number {
  return columns.filter((c) => c.field).length;
}

/**
 * The header rows: the one row (or two adjacent rows) among the first HEADER_SEARCH_ROWS that name the most
 * fields. A second row counts only when the two name more fields than either alone. Null when no row names
 * at least two fields.
 */
export function detectHeader(sheetRows: readonly SheetRowData[], merges: readonly MergeRange[], fields: readonly FieldSpec[]): HeaderDetection | null {
  const rows = new Map<number, CellValue[]>();
  for (const r of sheetRows) if (r.row <= HEADER_SEARCH_ROWS + 1) rows.set(r.row, r.cells);
  let best: HeaderDetection | null = null;
  for (const r of [...rows.keys()].sort((a, b) => a - b)) {
    if (r > HEADER_SEARCH_ROWS) break;
    const single = labelColumns(rows, merges, r, r, fields);
    let candidate: HeaderDetection = { firstRow: r, lastRow: r, columns: single, score: score(single) };
    if (rows.has(r + 1)) {
      // Two rows only when together they name more than either alone (a title line above a header does not).
      const double = labelColumns(rows, merges, r, r + 1, fields);
      const below = score(labelColumns(rows, merges, r + 1, r + 1, fields));
      if (score(double) > Math.max(candidate.score, below)) candidate = { firstRow: r, lastRow: r + 1, columns: double, score: score(double) };
    }
    if (!best || candidate.score > best.score) best = candidate;
  }
  return best && best.score >= 2 ? best : null;
}

/** Applies the clerk's choices (column index → field, or null to ignore) over the detected mapping. */
export function applyMapping(columns: readonly HeaderColumn[], overrides: Readonly<Record<string, string | null>> | undefined, fields: readonly FieldSpec[]): HeaderColumn[] {
  if (!overrides) return columns.map((c) => ({ ...c }));
  const known = new Set(fields.map((f) => f.key));
  const chosen = columns.map((c) => {
    const key = String(c.index);
    if (!(key in overrides)) return { ...c };
    const field = overrides[key];
    return { ...c, field: field && known.has(field) ? field : null };
  });
  // A field chosen explicitly for one column leaves any other column that had it.
  for (const [key, field] of Object.entries(overrides)) {
    if (!field) continue;
    for (const c of chosen) if (c.field === field && String(c.index) !== key) c.field = null;
  }
  return chosen;
}
