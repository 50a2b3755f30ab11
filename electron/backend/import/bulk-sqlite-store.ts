// The import store (store.ts) on a SQLite file: bulk.ts's driver code (prepared INSERTs reused, consecutive
// rowids, undo records built by the database) behind the store-neutral methods, and every other statement
// prepared once per connection and reused (a row-by-row apply runs the same few statements 100,000 times).
import type SqliteDatabase from 'better-sqlite3';
import { dataSignature } from '../db/database';
import { BulkInsert, changeWriter, recordCreated, rowWriter, type RowWriter } from './bulk';
import type { ImportStore, ImportWriter } from './store';

const LIST = /in list\(\?\)/g;

/** Prepared statements by SQL text, per connection. */
const prepared = new WeakMap<SqliteDatabase.Database, Map<string, SqliteDatabase.Statement>>();

function statementOf(sqlite: SqliteDatabase.Database, text: string): SqliteDatabase.Statement {
  let cache = prepared.get(sqlite);
  if (!cache) { cache = new Map(); prepared.set(sqlite, cache); }
  let statement = cache.get(text);
  if (!statement) {
    statement = sqlite.prepare(text.replace(LIST, 'in (select value from json_each(?))'));
    cache.set(text, statement);
  }
  return statement;
}

/** A list parameter goes to json_each as JSON text. */
function bind(params: readonly unknown[]): unknown[] {
  return params.map((p) => (Array.isArray(p) ? JSON.stringify(p) : p));
}

function asyncWriter(writer: RowWriter): ImportWriter {
  return {
    batchSize: writer.batchSize,
    add: async (values) => writer.add(values),
    flush: async () => writer.flush(),
  };
}

const tableColumns = new Map<string, Set<string>>();

/** Bulk inserters by table and columns, per connection (each keeps its prepared statements). */
const inserters = new WeakMap<SqliteDatabase.Database, Map<string, BulkInsert>>();

function inserterOf(sqlite: SqliteDatabase.Database, table: string, columns: readonly string[]): BulkInsert {
  let cache = inserters.get(sqlite);
  if (!cache) { cache = new Map(); inserters.set(sqlite, cache); }
  const key = `${table}(${columns.join(',')})`;
  let inserter = cache.get(key);
  if (!inserter) { inserter = new BulkInsert(sqlite, table, columns); cache.set(key, inserter); }
  return inserter;
}

export function sqliteImportStore(sqlite: SqliteDatabase.Database): ImportStore {
  return {
    dialect: 'sqlite',
    all: async <T>(text: string, params: readonly unknown[] = []) => statementOf(sqlite, text).all(...bind(params)) as T[],
    get: async <T>(text: string, params: readonly unknown[] = []) => statementOf(sqlite, text).get(...bind(params)) as T | undefined,
    run: async (text, params = []) => statementOf(sqlite, text).run(...bind(params)).changes,
    insertRows: async (table, columns, rows) => inserterOf(sqlite, table, columns).insertNow(rows),
    updateRows: async (table, columns, rows) => {
      const update = statementOf(sqlite, `update ${table} set ${columns.map((c) => `${c} = ?`).join(', ')} where id = ?`);
      for (const row of rows) update.run(...row);
    },
    rowWriter: (table, columns) => asyncWriter(rowWriter(sqlite, table, columns)),
    changeWriter: () => asyncWriter(changeWriter(sqlite)),
    recordCreated: async (batchId, entity, table, ids, columns) => {
      // Rows inserted one after another in the write transaction get consecutive rowids: each run of
      // consecutive ids (in practice one) is a range the database reads the rows of.
      for (let start = 0, end = 1; start < ids.length; start = end++) {
        while (end < ids.length && ids[end] === ids[end - 1]! + 1) end++;
        recordCreated(sqlite, batchId, entity, table, ids[start]!, ids[end - 1]!, columns);
      }
    },
    keyOf: () => 'rowid',
    whereKey: (_table, key) => ({ sql: 'rowid = ?', params: [key] }),
    columnsOf: async (table) => {
      let columns = tableColumns.get(table);
      if (!columns) {
        columns = new Set((sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
        tableColumns.set(table, columns);
      }
      return columns;
    },
    isForeignKeyViolation: (error) => (error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY',
    signature: async () => dataSignature(sqlite),
  };
}
