// The dry run: read the chosen sheet, find the header, apply the clerk's mapping, skip what is not data,
// and let the kind judge every row. Nothing is written; commit.ts writes what this found.
import crypto from 'node:crypto';
import { displayText, type CellValue } from '../../../shared/domain/cell-values';
import { applyMapping, detectHeader, type HeaderColumn, type HeaderDetection } from '../../../shared/domain/import-headers';
import { classifyRow } from '../../../shared/domain/import-rows';
import { maskIdNumber } from '../../../shared/domain/id-number';
import type { EngineContext } from '../context';
import { WorkbenchFailure } from '../failure';
import type { ImportKind, ImportKindName, KindContext, KindEvaluation, RowInput, RowOutcome, RowsEvaluator } from './kind';
import { importKind } from './kinds/index';
import type { SheetData } from './xlsx/sheet';
import { openSpreadsheet, scanSheet, type SheetRef, type Spreadsheet } from './spreadsheet';
import { HEADER_SEARCH_ROWS, type MergeRange, type SheetRowData } from '../../../shared/domain/import-headers';

export interface ImportRequest {
  bytes: Buffer;
  /** The bytes already opened (an upload keeps its workbook); opened here when absent. */
  workbook?: Spreadsheet;
  fileName: string;
  kind: ImportKindName;
  /** The sheet to read; by default the one whose header names the most fields. */
  sheet?: string;
  /** Column index (as a string) → field key, or null to ignore that column. */
  mapping?: Record<string, string | null>;
  /** YYYY-MM, for the attendance kind. */
  month?: string;
}

export interface SheetChoice { name: string; hidden: boolean; score: number }

/** Data rows whose cells are kept for the mapping view's samples. */
const SAMPLE_ROWS = 200;

export interface ImportIssue { row: number; column: string; header: string; code: string; message: string; name?: string; value?: string }

export interface ImportCounts { rows: number; created: number; updated: number; unchanged: number; rejected: number; warnings: number }

export interface Analysis {
  kind: ImportKind;
  fileName: string;
  sha256: string;
  workbook: Spreadsheet;
  sheets: SheetChoice[];
  sheet: SheetRef;
  data: SheetData;
  header: HeaderDetection;
  columns: HeaderColumn[];
  /** Labels of required fields no column maps to. */
  missing: string[];
  /** Headers of columns that map to nothing. */
  ignored: string[];
  /**
   * Excel row number → the row's cells as read, for the first SAMPLE_ROWS data rows only (the mapping
   * view's samples): the cells of 100,000 rows are not kept once each row's mapped fields are taken; the
   * error workbook reads the rows it needs again.
   */
  sampleCells: Map<number, CellValue[]>;
  evaluation: KindEvaluation | null;
  counts: ImportCounts;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  alreadyImported: { batchId: number; at: string } | null;
}

export function sha256Of(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Every worksheet with how well its header matches the kind; the best one (visible first) is the default. */
export async function chooseSheets(workbook: Spreadsheet, kind: ImportKind): Promise<{ sheets: SheetChoice[]; defaultSheet: string | null }> {
  const sheets: SheetChoice[] = [];
  for (const sheet of workbook.sheets) {
    const head = await workbook.read(sheet, { maxRows: HEADER_SEARCH_ROWS + 1 });
    sheets.push({ name: sheet.name, hidden: sheet.hidden, score: detectHeader(head.rows, head.merges, kind.fields)?.score ?? 0 });
  }
  let best: SheetChoice | null = null;
  for (const s of sheets) {
    const better = !best || s.score > best.score || (s.score === best.score && best.hidden && !s.hidden);
    if (better) best = s;
  }
  return { sheets, defaultSheet: best?.name ?? null };
}

function countOutcomes(outcomes: readonly RowOutcome[]): ImportCounts {
  const counts: ImportCounts = { rows: outcomes.length, created: 0, updated: 0, unchanged: 0, rejected: 0, warnings: 0 };
  for (const o of outcomes) { counts[o.status] += 1; counts.warnings += o.warnings.length; }
  return counts;
}

/** The file as read: everything of an analysis that does not depend on the database's rows. */
export type ReadFile = Omit<Analysis, 'evaluation' | 'counts' | 'errors' | 'warnings' | 'alreadyImported'> & {
  titleText: string;
  mappedFields: Set<string>;
  mappedColumns: HeaderColumn[];
  /** The data rows, in sheet order: each with the cells of its mapped fields (judged; not kept by the analysis). */
  dataRows: RowInput[];
};

export async function analyse(ctx: EngineContext, request: ImportRequest): Promise<Analysis> {
  return judge(ctx, await readFile(ctx, request), request);
}

/** Reads the file and judges its rows, while it is read where the kind can (judgeWhileReading). */
export async function readAndJudge(ctx: EngineContext, request: ImportRequest): Promise<{ read: ReadFile; analysis: Analysis }> {
  let opened: Spreadsheet | undefined;
  const workbook = () => (opened ??= request.workbook ?? openSpreadsheet(request.bytes, request.fileName));
  const streaming = judgeWhileReading(ctx, request, workbook);
  const read = await readFile(ctx, { ...request, workbook: workbook() }, streaming.onHeader);
  return { read, analysis: await judge(ctx, read, request, read.streamed ? streaming.evaluator() : null) };
}

/** Rows in which the header is looked for (detectHeader reads no further). */
const HEAD_ROWS = HEADER_SEARCH_ROWS + 1;

interface MappedSheet {
  header: HeaderDetection;
  columns: HeaderColumn[];
  /** The rows detectHeader looks at (the title and header rows among them). */
  headRows: SheetRowData[];
  merges: MergeRange[];
  dataRows: RowInput[];
  sampleCells: Map<number, CellValue[]>;
  /** Every data row was handed to onHeader's consumer under the header that stands. */
  streamed: boolean;
}

/**
 * The sheet's header and its data rows, each with the cells of its mapped fields, taken as the sheet is
 * read: the cells of 100,000 rows are never all held at once. The header is decided on the first rows,
 * before the merged ranges (written after the rows) are known; if they turn out to change it — a merged
 * header — or the rows came out of order, the sheet is mapped again with the header they give.
 */
async function mapSheet(workbook: Spreadsheet, sheet: SheetRef, kind: ImportKind, mapping: ImportRequest['mapping'], onHeader?: OnHeader): Promise<MappedSheet> {
  const headRows: SheetRowData[] = [];
  // Rows handed on as they are mapped (judged while the sheet's next piece is read), from the provisional
  // header on; `fed` of dataRows have been.
  let feed: DataRowsConsumer | null = null;
  let fed = 0;
  let dataRows: RowInput[] = [];
  let sampleCells = new Map<number, CellValue[]>();
  let header: HeaderDetection | null | undefined; // undefined: not decided yet
  let mappedColumns: HeaderColumn[] = [];
  let inOrder = true;
  const decide = (merges: readonly MergeRange[]) => {
    header = detectHeader(headRows, merges, kind.fields);
    mappedColumns = header ? applyMapping(header.columns, mapping, kind.fields).filter((c) => c.field) : [];
  };
  const take = (r: SheetRowData) => {
    if (!header || r.row <= header.lastRow || classifyRow(r.cells) !== 'data') return;
    const values: RowInput['values'] = {};
    let any = false;
    for (const c of mappedColumns) {
      const value = r.cells[c.index];
      if (value !== undefined && value !== null && displayText(value).trim() !== '') { values[c.field!] = value; any = true; }
    }
    if (!any) return; // text only in ignored columns (a stray note, a 序号 without a person)
    dataRows.push({ row: r.row, values });
    if (sampleCells.size < SAMPLE_ROWS) sampleCells.set(r.row, r.cells);
  };
  const { merges } = await scanSheet(workbook, sheet, async (rows) => {
    for (const r of rows) {
      if (r.row <= HEAD_ROWS) {
        if (header !== undefined) inOrder = false;
        headRows.push(r);
        continue;
      }
      if (header === undefined) {
        decide([]);
        for (const h of headRows) take(h);
        if (header && onHeader) feed = await onHeader(header, mappedColumns, headRows);
      }
      take(r);
    }
    if (feed && inOrder && dataRows.length > fed) {
      const piece = dataRows.slice(fed);
      fed = dataRows.length;
      await feed(piece);
    }
  });
  // A sheet of no more rows than the header search: decided now, with its merged ranges.
  const provisional = header === undefined ? null : JSON.stringify(header);
  decide(merges);
  const found = header as HeaderDetection | null;
  if (!found) throw new WorkbenchFailure('HEADER_NOT_FOUND', { sheet: sheet.name, rows: HEADER_SEARCH_ROWS });
  if (provisional === null) {
    for (const h of headRows) take(h);
  } else if (provisional !== JSON.stringify(found) || !inOrder) {
    dataRows = [];
    sampleCells = new Map();
    await scanSheet(workbook, sheet, (rows) => { for (const r of rows) take(r); });
  }
  const columns = applyMapping(found.columns, mapping, kind.fields);
  // Every row was handed on, under the header that stands.
  const streamed = feed !== null && inOrder && provisional === JSON.stringify(found) && fed === dataRows.length;
  return { header: found, columns, headRows, merges, dataRows, sampleCells, streamed };
}

/** The text of the title rows above the header (a sheet title naming the township). */
function titleOf(headRows: readonly SheetRowData[], header: HeaderDetection): string {
  return headRows.filter((r) => r.row < header.firstRow).map((r) => r.cells.map(displayText).join(' ')).join(' ');
}

/** Takes data rows in sheet order as they are mapped. */
type DataRowsConsumer = (rows: RowInput[]) => Promise<void>;
/** Once the (provisional) header is decided: who takes the data rows as they are mapped, if anyone. */
type OnHeader = (header: HeaderDetection, mappedColumns: readonly HeaderColumn[], headRows: readonly SheetRowData[]) => Promise<DataRowsConsumer | null>;

/**
 * Judging while the sheet is read, for a kind that judges rows a piece at a time (kind.evaluator): each
 * piece of rows is judged as soon as it is mapped, while the next is read (on a worker, spreadsheet.ts).
 * Its evaluation is used only when every row was judged under the header that stood at the end (not one
 * re-decided on merged header cells) — otherwise judge() judges them all again.
 */
function judgeWhileReading(ctx: EngineContext, request: ImportRequest, workbook: () => Spreadsheet): { onHeader?: OnHeader; evaluator: () => Promise<RowsEvaluator> | null } {
  const kind = importKind(request.kind);
  if (!kind.evaluator) return { evaluator: () => null };
  let evaluator: Promise<RowsEvaluator> | null = null;
  return {
    onHeader: async (header, mappedColumns, headRows) => {
      const context: KindContext = {
        ctx, titleText: titleOf(headRows, header), month: request.month ?? null, date1904: workbook().date1904,
        mappedFields: new Set(mappedColumns.flatMap((c) => (c.field ? [c.field] : []))),
      };
      evaluator = kind.evaluator!(context);
      const judging = await evaluator;
      return (rows) => judging.add(rows);
    },
    evaluator: () => evaluator,
  };
}

/** Reads the workbook, its header and data rows, and which required fields have no column. */
export async function readFile(ctx: EngineContext, request: ImportRequest, onHeader?: OnHeader): Promise<ReadFile & { streamed: boolean }> {
  const kind = importKind(request.kind);
  const workbook = request.workbook ?? openSpreadsheet(request.bytes, request.fileName);
  if (workbook.sheets.length === 0) throw new WorkbenchFailure('NO_SHEETS');
  const { sheets, defaultSheet } = await chooseSheets(workbook, kind);
  const sheetName = request.sheet ?? defaultSheet;
  const sheet = workbook.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new WorkbenchFailure('SHEET_NOT_FOUND', { sheet: request.sheet ?? '' });

  const { header, columns, headRows, merges, dataRows, sampleCells, streamed } = await mapSheet(workbook, sheet, kind, request.mapping, onHeader);
  const mappedFields = new Set(columns.flatMap((c) => (c.field ? [c.field] : [])));
  const ignored = columns.filter((c) => !c.field && c.header).map((c) => c.header);
  const titleText = titleOf(headRows, header);
  const mappedColumns = columns.filter((c) => c.field);
  // Only the title and header rows are kept of the sheet as read (the error workbook's top).
  const head: SheetData = { rows: headRows.filter((r) => r.row <= header.lastRow), merges, truncated: false };

  // A township sheet without a 乡镇 column may name its township in the title; the kind decides.
  const fromTitle = new Set(await kind.fieldsFromTitle?.(ctx, titleText) ?? []);
  const missing = kind.fields.filter((f) => f.required && !mappedFields.has(f.key) && !fromTitle.has(f.key)).map((f) => f.label);

  const sha256 = sha256Of(request.bytes);
  return { kind, fileName: request.fileName, sha256, workbook, sheets, sheet, data: head, header, columns, missing, ignored, dataRows, sampleCells, titleText, mappedFields, mappedColumns, streamed };
}

/**
 * Judges every row against the database as it is now. The import commit calls it again inside its write
 * transaction, so what is written is decided on the rows it overwrites (no lost update between two
 * imports, or an import and an undo, in two processes).
 */
export async function judge(ctx: EngineContext, read: ReadFile, request: ImportRequest, judgedWhileReading: Promise<RowsEvaluator> | null = null): Promise<Analysis> {
  const { kind, sha256, titleText, mappedFields, mappedColumns, missing, dataRows, workbook } = read;
  // SQLite through the driver: judge runs again inside the commit's kysely transaction, which holds kysely's one connection.
  const previous = ctx.wdb.dialect === 'sqlite'
    ? ctx.wdb.sqlite.prepare("select id, created_at from import_batches where sha256 = ? and kind = ? and status = 'applied' order by id desc limit 1")
      .get(sha256, kind.name) as { id: number; created_at: string } | undefined
    : await ctx.wdb.db.selectFrom('import_batches').select(['id', 'created_at'])
      .where('sha256', '=', sha256).where('kind', '=', kind.name).where('status', '=', 'applied').orderBy('id', 'desc').limit(1).executeTakeFirst();

  const base = { kind, fileName: read.fileName, sha256, workbook, sheets: read.sheets, sheet: read.sheet, data: read.data, header: read.header, columns: read.columns, missing, ignored: read.ignored, sampleCells: read.sampleCells };
  if (missing.length > 0) {
    return { ...base, evaluation: null, counts: { rows: dataRows.length, created: 0, updated: 0, unchanged: 0, rejected: 0, warnings: 0 }, errors: [], warnings: [], alreadyImported: null };
  }
  if (previous) {
    // The same bytes were applied before: nothing will change, and the clerk is told so.
    return {
      ...base, evaluation: null,
      counts: { rows: dataRows.length, created: 0, updated: 0, unchanged: dataRows.length, rejected: 0, warnings: 0 },
      errors: [], warnings: [], alreadyImported: { batchId: previous.id, at: previous.created_at },
    };
  }

  const evaluation = judgedWhileReading
    ? await (await judgedWhileReading).finish()
    : await kind.evaluate(dataRows, { ctx, titleText, mappedFields, month: request.month ?? null, date1904: workbook.date1904 });
  const columnOf = new Map(mappedColumns.map((c) => [c.field!, c]));
  // The person's name and what the cell held, so a clerk finds the line without counting rows.
  const fieldText = (row: number, field: string | null) => (field ? displayText(rowInput(dataRows, row)?.values[field]).trim() : '');
  const toIssue = (row: number) => (i: { field: string | null; code: string; message: string }): ImportIssue => {
    const column = i.field ? columnOf.get(i.field) : undefined;
    const label = i.field ? kind.fields.find((f) => f.key === i.field)?.label ?? '' : '';
    const raw = column ? fieldText(row, i.field) : '';
    const value = i.field === 'idNumber' && raw.length === 18 ? maskIdNumber(raw) : raw;
    return { row, column: column?.letter ?? '', header: column?.header ?? label, code: i.code, message: i.message, name: columnOf.has('name') ? fieldText(row, 'name') : '', value };
  };
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  for (const o of evaluation.outcomes) {
    errors.push(...o.errors.map(toIssue(o.row)));
    warnings.push(...o.warnings.map(toIssue(o.row)));
  }
  return { ...base, evaluation, counts: countOutcomes(evaluation.outcomes), errors, warnings, alreadyImported: null };
}

/** The data row of an Excel row number (rows are in sheet order). */
export function rowInput(rows: readonly RowInput[], row: number): RowInput | undefined {
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = rows[middle]!.row;
    if (at === row) return rows[middle];
    if (at < row) low = middle + 1; else high = middle - 1;
  }
  return undefined;
}

/** Sample values of each column (first data rows), so the mapping view shows what a column holds. */
export function columnSamples(analysis: Analysis, count = 3): Map<number, string[]> {
  const samples = new Map<number, string[]>();
  for (const c of analysis.columns) {
    const values: string[] = [];
    for (const cells of analysis.sampleCells.values()) {
      if (values.length >= count) break;
      const text = displayText(cells[c.index]).trim();
      if (text) values.push(text.slice(0, 40));
    }
    samples.set(c.index, values);
  }
  return samples;
}
