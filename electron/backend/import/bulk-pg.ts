// The import's bulk write on PostgreSQL: bulk.ts's twin, behind the same store (store.ts). Everything runs
// through kysely's executor — inside the commit's (or undo's) transaction it is that transaction's
// connection — as raw statements with numbered parameters:
//   insertRows    multi-row INSERT … VALUES … RETURNING id (PostgreSQL gives the target column's type to
//                 every VALUES parameter, and returns the rows in VALUES order);
//   updateRows    one UPDATE … FROM (VALUES …) per batch, not one round trip per row;
//   rowWriter     multi-row INSERTs as batches fill;
//   recordCreated the undo records built by the database from the rows (json_build_object), by id list:
//                 ids of one INSERT need not be consecutive here (another seat's import takes from the same
//                 sequence at the same time).
// A multi-row INSERT was measured against COPY in bench/stores.ts (the COPY baseline): COPY cannot return
// the new ids, which the undo records need.
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { ImportStore, ImportWriter } from './store';

/** Bound parameters per statement: under PostgreSQL's 65,535, and a statement small enough to parse fast. */
const PARAMETERS_PER_STATEMENT = 16_000;
/** Rows per statement at most, whatever their width. */
const MAX_ROWS = 2_000;

/** Attendance rows have no id (their key is placement and month): the key recorded is placement·10⁶ + YYYYMM. */
const ATTENDANCE_KEY = "(placement_id * 1000000 + replace(month, '-', '')::bigint)";

type Executor = Kysely<Database> | Transaction<Database>;

/** `?` → $1, $2…; `in list(?)` → `= any($n)` (the list bound as an array). */
export function numbered(text: string): string {
  let n = 0;
  return text.replace(/in list\(\?\)/g, '= any(?)').replace(/\?/g, () => `$${++n}`);
}

function batchSizeOf(columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS, Math.floor(PARAMETERS_PER_STATEMENT / columns)));
}

function tuples(rows: number, width: number, first = 1, casts?: readonly string[]): string {
  const out: string[] = new Array(rows);
  let n = first;
  for (let r = 0; r < rows; r++) {
    const cells: string[] = new Array(width);
    for (let c = 0; c < width; c++) cells[c] = casts ? `$${n++}::${casts[c]}` : `$${n++}`;
    out[r] = `(${cells.join(', ')})`;
  }
  return out.join(', ');
}

function flat(rows: readonly (readonly unknown[])[], start: number, count: number, width: number): unknown[] {
  const values: unknown[] = new Array(count * width);
  for (let i = 0; i < count; i++) {
    const row = rows[start + i]!;
    for (let c = 0; c < width; c++) values[i * width + c] = row[c];
  }
  return values;
}

const typesByTable = new Map<string, Map<string, string>>();

export function postgresImportStore(db: Executor): ImportStore {
  const query = async <T>(text: string, params: readonly unknown[] = []): Promise<{ rows: T[]; changed: number }> => {
    const result = await db.executeQuery<T>(CompiledQuery.raw(text, [...params]));
    return { rows: result.rows as T[], changed: Number(result.numAffectedRows ?? 0) };
  };
  const columnTypes = async (table: string): Promise<Map<string, string>> => {
    let types = typesByTable.get(table);
    if (!types) {
      const { rows } = await query<{ name: string; type: string }>(`select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
        where attrelid = $1::regclass and attnum > 0 and not attisdropped`, [table]);
      types = new Map(rows.map((r) => [r.name, r.type]));
      typesByTable.set(table, types);
    }
    return types;
  };
  const writer = (table: string, columns: readonly string[]): ImportWriter => {
    const batchSize = batchSizeOf(columns.length);
    let pending: unknown[] = [];
    let pendingRows = 0;
    const flush = async () => {
      if (pendingRows === 0) return;
      const values = pending;
      const rows = pendingRows;
      pending = [];
      pendingRows = 0;
      await query(`insert into ${table} (${columns.join(', ')}) values ${tuples(rows, columns.length)}`, values);
    };
    return {
      batchSize,
      add: async (values) => {
        for (const v of values) pending.push(v);
        pendingRows += 1;
        if (pendingRows === batchSize) await flush();
      },
      flush,
    };
  };
  return {
    dialect: 'postgres',
    all: async <T>(text: string, params: readonly unknown[] = []) => (await query<T>(numbered(text), params)).rows,
    get: async <T>(text: string, params: readonly unknown[] = []) => (await query<T>(numbered(text), params)).rows[0],
    run: async (text, params = []) => (await query(numbered(text), params)).changed,
    insertRows: async (table, columns, rows) => {
      const ids: number[] = [];
      const width = columns.length;
      const size = batchSizeOf(width);
      for (let start = 0; start < rows.length; start += size) {
        const count = Math.min(size, rows.length - start);
        const { rows: inserted } = await query<{ id: number }>(`insert into ${table} (${columns.join(', ')}) values ${tuples(count, width)} returning id`, flat(rows, start, count, width));
        for (const r of inserted) ids.push(r.id);
      }
      return ids;
    },
    updateRows: async (table, columns, rows) => {
      // VALUES in FROM has no target column to type its parameters: each is cast to its column's type.
      const types = await columnTypes(table);
      const casts = [...columns.map((c) => types.get(c) ?? 'text'), 'bigint'];
      const width = columns.length + 1;
      const size = batchSizeOf(width);
      const names = [...columns.map((_, i) => `c${i}`), 'id'];
      for (let start = 0; start < rows.length; start += size) {
        const count = Math.min(size, rows.length - start);
        await query(`update ${table} set ${columns.map((c, i) => `${c} = v.c${i}`).join(', ')}
          from (values ${tuples(count, width, 1, casts)}) as v(${names.join(', ')}) where ${table}.id = v.id`, flat(rows, start, count, width));
      }
    },
    rowWriter: writer,
    changeWriter: () => writer('import_changes', ['batch_id', 'entity', 'entity_id', 'action', 'before_json', 'after_json']),
    recordCreated: async (batchId, entity, table, ids, columns) => {
      if (ids.length === 0) return;
      const fields = ['id', ...columns].map((c) => `'${c}', ${c}`).join(', ');
      await query(`insert into import_changes (batch_id, entity, entity_id, action, before_json, after_json)
        select $1::bigint, $2::text, id, 'create', null, json_build_object(${fields})::text from ${table} where id = any($3::bigint[]) order by id`, [batchId, entity, ids]);
    },
    keyOf: (table) => (table === 'attendance' ? ATTENDANCE_KEY : 'id'),
    whereKey: (table, key) => {
      if (table !== 'attendance') return { sql: 'id = ?', params: [key] };
      const yyyymm = String(key % 1_000_000);
      return { sql: 'placement_id = ? and month = ?', params: [Math.floor(key / 1_000_000), `${yyyymm.slice(0, 4)}-${yyyymm.slice(4)}`] };
    },
    columnsOf: async (table) => new Set((await columnTypes(table)).keys()),
    isForeignKeyViolation: (error) => (error as { code?: string }).code === '23503',
    // The transaction snapshot (xmin:xmax:in-progress xids): equal ⇔ no transaction that writes was given an
    // xid or ended in between, so every read between the two saw the same committed rows. (Cluster-wide: a
    // write to another database also changes it, which costs only a judging again.)
    signature: async () => (await query<{ s: string }>('select pg_current_snapshot()::text as s')).rows[0]!.s,
  };
}
