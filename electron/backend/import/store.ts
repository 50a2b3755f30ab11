// The store an import reads and writes through, the same for both stores (issue 16): the kinds' reads, their
// bulk writes and the undo records, history and undo run on a SQLite file (bulk.ts, the better-sqlite3 driver
// on kysely's one connection) or on PostgreSQL (bulk-pg.ts, the commit's kysely transaction or the pool).
//
// SQL is written once, in the dialect both stores share, with two conventions the store translates:
//   `?`            a positional parameter (PostgreSQL numbers them $1, $2…);
//   `in list(?)`   membership in a list given as a JS array: SQLite `in (select value from json_each(?))` with
//                  the array as JSON text (one parameter for 100,000 IDs), PostgreSQL `= any($n)` with the array.
// What is not shared is a method here: bulk inserts (new ids back, in order), batched updates, the undo
// records of rows just created, a record's key in import_changes, and the signature of the data.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { StoreDialect, WorkbenchDb } from '../db/database';
import { sqliteImportStore } from './bulk-sqlite-store';
import { postgresImportStore } from './bulk-pg';

/** Rows queued and written in multi-row statements as batches fill; flush() writes the rest. */
export interface ImportWriter {
  readonly batchSize: number;
  add(values: readonly unknown[]): Promise<void>;
  flush(): Promise<void>;
}

export interface ImportStore {
  readonly dialect: StoreDialect;
  all<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  get<T>(text: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a write; the number of rows it changed. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
  /** Inserts rows (each the column values in order) in multi-row statements; the new ids, in order. */
  insertRows(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<number[]>;
  /** Updates rows by id: each row is the column values in order, then the id. */
  updateRows(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  rowWriter(table: string, columns: readonly string[]): ImportWriter;
  /** The undo records of a batch (import_changes): [batchId, entity, entityId, action, beforeJson, afterJson]. */
  changeWriter(): ImportWriter;
  /**
   * The undo records of rows just created (ids as insertRows gave them): the database reads the rows and
   * builds each record's JSON ({"id":…, and the given columns}).
   */
  recordCreated(batchId: number, entity: string, table: string, ids: readonly number[], columns: readonly string[]): Promise<void>;
  /** SQL of a row's key as import_changes.entity_id records it (the rowid on SQLite; attendance has no id). */
  keyOf(table: string): string;
  /** The WHERE clause (and its parameters) that finds the row of a recorded key. */
  whereKey(table: string, key: number): { sql: string; params: unknown[] };
  /** The columns a table has. */
  columnsOf(table: string): Promise<Set<string>>;
  isForeignKeyViolation(error: unknown): boolean;
  /** Equal before and after ⇔ nothing was written to the database in between. */
  signature(): Promise<string>;
}

/**
 * The import store of a database: on PostgreSQL inside `trx` when given (the commit's and the undo's
 * transaction), else on the pool. On SQLite the driver's one connection is the transaction's too.
 */
export function importStore(wdb: WorkbenchDb, trx?: Transaction<Database>): ImportStore {
  return wdb.dialect === 'sqlite' ? sqliteImportStore(wdb.sqlite) : postgresImportStore(trx ?? wdb.db);
}
