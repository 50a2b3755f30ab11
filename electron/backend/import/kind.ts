// What an import kind is: its columns, how a row becomes an outcome (created / updated / unchanged /
// rejected, with warnings), and how accepted rows are written. The engine (analyse.ts, commit.ts) does
// the rest — reading, headers, skipping, dry run, batches, undo — the same for every kind.
import type { CellValue } from '../../../shared/domain/cell-values';
import type { ErrorCode } from '../../../shared/domain/errors';
import type { FieldSpec } from '../../../shared/domain/import-headers';
import type { EngineContext } from '../context';
import type { ImportStore } from './store';

export const IMPORT_KINDS = ['people', 'employment', 'placements', 'attendance', 'bank-return'] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];

/** One data row: the Excel row number and the raw cell of each mapped field. */
export interface RowInput {
  row: number;
  values: Partial<Record<string, CellValue>>;
}

export interface FieldIssue {
  /** The field the problem is in (its column is looked up by the engine); null for the row as a whole. */
  field: string | null;
  code: ErrorCode;
  message: string;
}

export type RowStatus = 'created' | 'updated' | 'unchanged' | 'rejected';

export interface RowOutcome {
  row: number;
  status: RowStatus;
  /** The record's key (the ID number for people): duplicates and 与上次对比 use it. */
  key: string | null;
  /** Who or what the row is about, for lists (the person's name). */
  label: string;
  errors: FieldIssue[];
  warnings: FieldIssue[];
  /** Fields an update changes. */
  changedFields: string[];
}

/** One accepted row as the file said it, kept per batch for 与上次对比 (values as a clerk reads them). */
export interface SnapshotRow {
  key: string;
  label: string;
  fields: Record<string, string>;
}

export interface KindContext {
  ctx: EngineContext;
  /** Text of the title rows above the header (e.g. "印庄镇脱贫人口台账"): a default for a missing column. */
  titleText: string;
  /** Fields that have a column in this file. */
  mappedFields: ReadonlySet<string>;
  /** The month a monthly kind (attendance) is for, YYYY-MM; null for the others. */
  month: string | null;
  /** The workbook's date system: a bare number in a date column is a serial of this system. */
  date1904: boolean;
}

export interface KindEvaluation {
  outcomes: RowOutcome[];
  /** The township every accepted row belongs to, when there is exactly one. */
  townshipCode: string | null;
  /**
   * The townships whose records the accepted rows write (or read to write): on PostgreSQL the commit holds
   * each of them (an advisory lock) while it judges again and writes; absent, the whole county.
   */
  townships?: readonly string[];
  /**
   * Writes the accepted rows inside the caller's transaction and records each change for undo, through the
   * import store (store.ts: bulk.ts on SQLite, bulk-pg.ts on PostgreSQL) on the transaction's connection.
   */
  apply(store: ImportStore, batchId: number): Promise<void>;
  /** The accepted rows for 与上次对比, or their stored bytes already made while judging (snapshots.ts). */
  snapshot(): Iterable<SnapshotRow> | Buffer;
  /** Figures a kind adds to the import result (a bank return: paid, failed). */
  figures?: Record<string, number>;
}

export interface ImportKind {
  name: ImportKindName;
  title: string;
  fields: readonly FieldSpec[];
  /** Entity name in import_changes → its table, so undo can restore any kind's records. */
  entityTables: Readonly<Record<string, string>>;
  /** Required fields the sheet's title rows supply when no column does (a township named in the title). */
  fieldsFromTitle?(ctx: EngineContext, titleText: string): string[] | Promise<string[]>;
  evaluate(rows: readonly RowInput[], context: KindContext): KindEvaluation | Promise<KindEvaluation>;
  /**
   * A kind that can judge its rows a piece at a time: analyse.ts then hands each piece over as the sheet is
   * read (the next piece is read on a worker meanwhile), instead of all of them once the sheet is read.
   */
  evaluator?(context: KindContext): Promise<RowsEvaluator>;
}

/** Judges rows handed over in pieces, in sheet order; finish() once all are in. */
export interface RowsEvaluator {
  add(rows: readonly RowInput[]): Promise<void>;
  finish(): Promise<KindEvaluation>;
}

/** All the rows at once, through an evaluator. */
export async function evaluateAll(evaluator: Promise<RowsEvaluator>, rows: readonly RowInput[]): Promise<KindEvaluation> {
  const judging = await evaluator;
  await judging.add(rows);
  return judging.finish();
}
