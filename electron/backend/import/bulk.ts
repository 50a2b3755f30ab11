// Writing an import's rows in multi-row statements: one prepared INSERT of many VALUES tuples, reused for
// every full batch, instead of one statement run per row (100,000 people and their 100,000 change records
// were 200,000 runs). Rows of one INSERT get consecutive rowids in VALUES order (each takes the table's
// next rowid), so the caller learns every new id from the last one.
import type SqliteDatabase from 'better-sqlite3';

/** Bound parameters per statement: well under SQLite's limit (32,766) and fast to bind. */
const PARAMETERS_PER_STATEMENT = 4000;

export class BulkInsert {
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
    for (let start = 0; start < rows.length; start += this.batchSize) {
      const chunk = rows.slice(start, start + this.batchSize);
      const last = Number(this.statement(chunk.length).run(chunk.flat()).lastInsertRowid);
      for (let i = 0; i < chunk.length; i++) ids.push(last - chunk.length + 1 + i);
    }
    return ids;
  }

  /** Queues a row; full batches are written as they fill. Call flush() at the end. */
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

/** The change records of a batch (import_changes), written in batches. */
export function changeWriter(db: SqliteDatabase.Database): BulkInsert {
  return new BulkInsert(db, 'import_changes', ['batch_id', 'entity', 'entity_id', 'action', 'before_json', 'after_json']);
}
