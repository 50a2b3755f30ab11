// The import's bulk write on SQLite — everything store-specific about writing an import's rows sits in this
// module, so a PostgreSQL twin can sit beside it with the same functions:
//   insertRows(db, table, columns, rows) → the new ids, in order;
//   rowWriter(db, table, columns)        → add() rows, flushed in batches, flush() at the end;
//   changeWriter(db)                     → a rowWriter of import_changes (the undo records);
//   recordCreated(db, batch, entity, table, firstId, lastId, columns) → the undo records of rows just
//                                          inserted, built by the database from the rows themselves;
//   ledgerSignature(db)                  → equal before and after ⇔ nothing was written in between.
// Rows go in multi-row statements: one prepared INSERT of many VALUES tuples, reused for every full batch,
// instead of one statement run per row (100,000 people and their 100,000 change records were 200,000 runs;
// kysely would build and parse each). Rows of one INSERT get consecutive rowids in VALUES order (each takes
// the table's next rowid), so the new ids follow from the last one.
import type SqliteDatabase from 'better-sqlite3';

/** Bound parameters per statement: well under SQLite's limit (32,766) and fast to bind. */
const PARAMETERS_PER_STATEMENT = 4000;

export interface RowWriter {
  /** Rows one statement takes. */
  readonly batchSize: number;
  /** Queues a row (the column values in order); full batches are written as they fill. */
  add(values: readonly unknown[]): void;
  /** Writes what is queued. */
  flush(): void;
}

export class BulkInsert implements RowWriter {
  readonly batchSize: number;
  private pending: unknown[] = [];
  private pendingRows = 0;
  private readonly statements = new Map<number, SqliteDatabase.Statement>();

  constructor(private readonly db: SqliteDatabase.Database, private readonly table: string, private readonly columns: readonly string[]) {
    this.batchSize = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / columns.length));
  }

  private statement(rows: number): SqliteDatabase.Statement {
    let statement = this.statements.get(rows);
    if (!statement) {
      const tuple = `(${this.columns.map(() => '?').join(', ')})`;
      statement = this.db.prepare(`insert into ${this.table} (${this.columns.join(', ')}) values ${Array.from({ length: rows }, () => tuple).join(', ')}`);
      this.statements.set(rows, statement);
    }
    return statement;
  }

  /**
   * Inserts rows (each the column values in order) now, in as few statements as it takes.
   * Returns the rowid of each row, in order.
   */
  insertNow(rows: readonly (readonly unknown[])[]): number[] {
    const ids: number[] = [];
    const width = this.columns.length;
    for (let start = 0; start < rows.length; start += this.batchSize) {
      const count = Math.min(this.batchSize, rows.length - start);
      const values: unknown[] = new Array(count * width);
      for (let i = 0; i < count; i++) {
        const row = rows[start + i]!;
        for (let c = 0; c < width; c++) values[i * width + c] = row[c];
      }
      const last = Number(this.statement(count).run(values).lastInsertRowid);
      for (let i = 0; i < count; i++) ids.push(last - count + 1 + i);
    }
    return ids;
  }

  add(values: readonly unknown[]): void {
    for (const v of values) this.pending.push(v);
    this.pendingRows += 1;
    if (this.pendingRows === this.batchSize) this.flush();
  }

  flush(): void {
    if (this.pendingRows === 0) return;
    this.statement(this.pendingRows).run(this.pending);
    this.pending = [];
    this.pendingRows = 0;
  }
}

/** Inserts rows now, in multi-row statements; returns each new row's id, in order. */
export function insertRows(db: SqliteDatabase.Database, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): number[] {
  return new BulkInsert(db, table, columns).insertNow(rows);
}

/** A writer that queues rows and writes them in multi-row statements as batches fill. */
export function rowWriter(db: SqliteDatabase.Database, table: string, columns: readonly string[]): RowWriter {
  return new BulkInsert(db, table, columns);
}

export const CHANGE_COLUMNS = ['batch_id', 'entity', 'entity_id', 'action', 'before_json', 'after_json'] as const;

/** The change records of a batch (import_changes): [batchId, entity, entityId, action, beforeJson, afterJson]. */
export function changeWriter(db: SqliteDatabase.Database): RowWriter {
  return rowWriter(db, 'import_changes', CHANGE_COLUMNS);
}

/**
 * The change records (for undo) of rows just created with the consecutive ids firstId…lastId: one statement,
 * the database reads the rows and builds each record's JSON ({"id":…, and the given columns}), instead of a
 * JSON text and six bound values per row from here.
 */
export function recordCreated(db: SqliteDatabase.Database, batchId: number, entity: string, table: string, firstId: number, lastId: number, columns: readonly string[]): void {
  const fields = ['id', ...columns].map((c) => `'${c}', ${c}`).join(', ');
  db.prepare(`insert into import_changes (batch_id, entity, entity_id, action, before_json, after_json)
    select ?, ?, id, 'create', null, json_object(${fields}) from ${table} where id between ? and ? order by id`).run(batchId, entity, firstId, lastId);
}
