// The same migrations on PostgreSQL. The shipped files are frozen (their SHA-256 is pinned) and were written
// for SQLite; rather than keep a second copy of the schema, each one runs here through a plugin that turns
// its SQLite-only pieces into PostgreSQL's, and what has no translation (SQLite triggers) is replaced by the
// PL/pgSQL below, keyed by the migration's name. The SQLite path never sees any of this.
//
// The translation, column by column:
//   integer                 → bigint (fen, counts and ids are JS numbers on both stores; int8 is parsed as Number)
//   integer … autoincrement → bigserial (SQLite's rowid alias)
//   text                    → text collate "C" (byte order, as SQLite compares and sorts text)
//   blob                    → bytea
//   strftime('%Y-%m-%dT%H:%M:%fZ','now') default → the same ISO text from now() in UTC
//   CREATE TRIGGER (SQLite) → `select 1`; the PL/pgSQL twin comes from AFTER[name]
import {
  ColumnDefinitionNode, DataTypeNode, DefaultValueNode, OperationNodeTransformer, RawNode, sql,
  type Kysely, type KyselyPlugin, type Migration, type PluginTransformQueryArgs, type PluginTransformResultArgs,
  type QueryResult, type RootOperationNode, type UnknownRow,
} from 'kysely';

import { VERSIONED_TABLES } from './202611300845_row_versions';
const ISO_NOW = `(to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

/** Foreign keys to a table a migration creates later in the same file (SQLite allows them, PostgreSQL does not): added after. */
const FORWARD_REFERENCES: Record<string, { table: string; column: string; references: string }> = {
  retry_of_return_id: { table: 'payment_lines', column: 'retry_of_return_id', references: 'payment_returns(id)' },
};

function rawText(node: unknown): string | null {
  const raw = node as { kind?: string; sqlFragments?: readonly string[] };
  return raw?.kind === 'RawNode' && raw.sqlFragments ? raw.sqlFragments.join('?') : null;
}

class SqliteToPostgres extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const base = super.transformColumnDefinition(node);
    const type = (base.dataType as { kind?: string; dataType?: string }).dataType;
    let dataType = base.dataType;
    if (base.autoIncrement) dataType = DataTypeNode.create('bigserial');
    else if (type === 'integer') dataType = DataTypeNode.create('bigint');
    else if (type === 'blob') dataType = DataTypeNode.create('bytea');
    else if (type === 'text') dataType = RawNode.createWithSql('text collate "C"');
    let defaultTo = base.defaultTo;
    if (defaultTo && rawText(defaultTo.defaultValue)?.includes('strftime(')) defaultTo = DefaultValueNode.create(RawNode.createWithSql(ISO_NOW));
    const forward = FORWARD_REFERENCES[base.column.column.name];
    return ColumnDefinitionNode.cloneWith(base, {
      dataType, defaultTo, autoIncrement: undefined,
      ...(forward ? { references: undefined } : {}),
    } as Partial<ColumnDefinitionNode>);
  }
}

/** Runs a SQLite migration's schema statements as PostgreSQL's; its SQLite triggers become no-ops. */
export class PostgresDdlPlugin implements KyselyPlugin {
  private readonly transformer = new SqliteToPostgres();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const text = rawText(args.node);
    if (text !== null && /^\s*create\s+trigger\b/i.test(text)) return RawNode.createWithSql('select 1');
    return this.transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** A trigger function that refuses with its first argument as the message (what the engine matches on). */
const REFUSE = sql`create function workbench_refuse() returns trigger language plpgsql as $$
  begin raise exception '%', tg_argv[0]; end $$`;

/**
 * Whether the placement's township-month is approved (已审核): the same condition as 002_payroll's SQLite
 * triggers. PostgreSQL's trigger WHEN clause cannot hold a subquery, so it lives in a function.
 */
const MONTH_LOCKED = sql`create function workbench_month_locked(placement bigint, in_month text) returns boolean language sql stable as $$
  select exists (select 1 from placements pl join posts po on po.id = pl.post_id
    join payroll_months pm on pm.township_code = po.township_code and pm.month = in_month
    where pl.id = placement and pm.status = '已审核') $$`;

const GUARD_LOCKED_MONTH = sql`create function workbench_guard_locked_month() returns trigger language plpgsql as $$
  begin
    if tg_op <> 'INSERT' then
      if workbench_month_locked(old.placement_id, old.month) then raise exception 'MONTH_LOCKED'; end if;
    end if;
    if tg_op <> 'DELETE' then
      if workbench_month_locked(new.placement_id, new.month) then raise exception 'MONTH_LOCKED'; end if;
      return new;
    end if;
    return old;
  end $$`;

const PAYMENT_LINES_ONCE = sql`create function workbench_payment_lines_once() returns trigger language plpgsql as $$
  begin
    if exists (select 1 from payment_lines l join payment_batches b on b.id = l.batch_id
        left join payment_returns r on r.line_id = l.id
        where l.month = new.month and l.placement_id = new.placement_id and b.status <> '作废' and (r.result is null or r.result <> '失败'))
    then raise exception 'PAYMENT_TWICE'; end if;
    return new;
  end $$`;

const PAYROLL_LINES_IN_BATCH = sql`create function workbench_payroll_lines_in_batch() returns trigger language plpgsql as $$
  begin
    if exists (select 1 from payment_lines l join payment_batches b on b.id = l.batch_id
        where l.month = old.month and l.placement_id = old.placement_id and b.status <> '作废')
    then raise exception 'PAYMENT_BATCH_LIVE'; end if;
    return old;
  end $$`;

const PAYMENT_RETURNS_LIVE = sql`create function workbench_payment_returns_live() returns trigger language plpgsql as $$
  begin
    if (select status from payment_batches where id = new.batch_id) = '作废'
      or (select batch_id from payment_lines where id = new.line_id) <> new.batch_id
    then raise exception 'RETURN_BATCH_VOIDED'; end if;
    return new;
  end $$`;

// Row versions (202611300845_row_versions): every update raises the row's version unless it set one itself.
const RAISE_ROW_VERSION = sql`create function workbench_raise_row_version() returns trigger language plpgsql as $$
  begin
    if new.version = old.version then new.version := old.version + 1; end if;
    return new;
  end $$`;

/** What each migration needs on PostgreSQL after its translated statements: the twins of its SQLite triggers. */
const AFTER: Record<string, (db: Kysely<any>) => Promise<void>> = {
  '001_init': async (db) => {
    await REFUSE.execute(db);
    // Append-only for everyone, administrators included (TRUNCATE too, which row triggers do not see).
    await sql`create trigger audit_log_no_update before update on audit_log for each row execute function workbench_refuse('audit log is append-only')`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log for each row execute function workbench_refuse('audit log is append-only')`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function workbench_refuse('audit log is append-only')`.execute(db);
  },
  '002_payroll': async (db) => {
    await MONTH_LOCKED.execute(db);
    await GUARD_LOCKED_MONTH.execute(db);
    for (const table of ['attendance', 'adjustments']) {
      await sql.raw(`create trigger ${table}_locked before insert or update or delete on ${table} for each row execute function workbench_guard_locked_month()`).execute(db);
    }
    await sql`create trigger payroll_lines_no_update before update on payroll_lines for each row execute function workbench_refuse('payroll lines are frozen')`.execute(db);
  },
  '202611300547_payment_batches': async (db) => {
    for (const forward of Object.values(FORWARD_REFERENCES)) {
      await sql.raw(`alter table ${forward.table} add foreign key (${forward.column}) references ${forward.references}`).execute(db);
    }
    await PAYMENT_LINES_ONCE.execute(db);
    await sql`create trigger payment_lines_once before insert on payment_lines for each row execute function workbench_payment_lines_once()`.execute(db);
    await PAYROLL_LINES_IN_BATCH.execute(db);
    await sql`create trigger payroll_lines_in_batch before delete on payroll_lines for each row execute function workbench_payroll_lines_in_batch()`.execute(db);
    await PAYMENT_RETURNS_LIVE.execute(db);
    await sql`create trigger payment_returns_live before insert on payment_returns for each row execute function workbench_payment_returns_live()`.execute(db);
  },
  '202611300845_row_versions': async (db) => {
    await RAISE_ROW_VERSION.execute(db);
    for (const table of VERSIONED_TABLES) {
      await sql.raw(`create trigger ${table}_version before update on ${table} for each row execute function workbench_raise_row_version()`).execute(db);
    }
  },
};

/** This build's migrations as they run on PostgreSQL (same names, so both stores share one history). */
export function postgresMigrations(migrations: Record<string, Migration>): Record<string, Migration> {
  const plugin = new PostgresDdlPlugin();
  return Object.fromEntries(Object.entries(migrations).map(([name, migration]) => [name, {
    up: async (db: Kysely<any>) => {
      await migration.up(db.withPlugin(plugin));
      await AFTER[name]?.(db);
    },
  }]));
}

/** The PL/pgSQL triggers a PostgreSQL store has (for `check`: a missing one means the locks are off). */
export const POSTGRES_TRIGGERS = [
  'audit_log_no_update', 'audit_log_no_delete', 'audit_log_no_truncate', 'attendance_locked', 'adjustments_locked',
  'payroll_lines_no_update', 'payment_lines_once', 'payroll_lines_in_batch', 'payment_returns_live',
  ...VERSIONED_TABLES.map((table) => `${table}_version`),
];
