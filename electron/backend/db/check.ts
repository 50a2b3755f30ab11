// `workbench check` on either store: the store's own consistency checks (SQLite's integrity_check and
// foreign_key_check; PostgreSQL's amcheck over every index when the extension is installed, and no foreign
// key left unvalidated) plus ours, the same on both: the database's guards are all there (locked months,
// append-only audit log, frozen payroll lines, payments sent once) and every payment batch's count and
// total equal its lines.
import { sql } from 'kysely';
import { integrityReport, type WorkbenchDb } from './database';
import { POSTGRES_TRIGGERS } from './migrations/postgres';

/** The guard triggers of a SQLite file (migrations 001_init, 002_payroll, 202611300547_payment_batches). */
const SQLITE_TRIGGERS = [
  'audit_log_no_update', 'audit_log_no_delete',
  ...['attendance', 'adjustments'].flatMap((t) => ['insert', 'update', 'delete'].map((op) => `${t}_locked_${op}`)),
  'payroll_lines_no_update', 'payment_lines_once', 'payroll_lines_in_batch', 'payment_returns_live',
];

export interface CheckItem { name: string; ok: boolean; detail: string }

export interface StoreCheck {
  ok: boolean;
  dialect: WorkbenchDb['dialect'];
  /** The store's own verdict lines ('ok' when whole). */
  integrity: string[];
  foreignKeyViolations: number;
  checks: CheckItem[];
}

async function guardsPresent(wdb: WorkbenchDb): Promise<CheckItem> {
  const expected = wdb.dialect === 'sqlite' ? SQLITE_TRIGGERS : POSTGRES_TRIGGERS;
  const present = new Set(wdb.dialect === 'sqlite'
    ? (wdb.sqlite.prepare("select name from sqlite_master where type = 'trigger'").all() as { name: string }[]).map((r) => r.name)
    : (await sql<{ name: string }>`select tgname as name from pg_trigger where not tgisinternal`.execute(wdb.db)).rows.map((r) => r.name));
  const missing = expected.filter((name) => !present.has(name));
  return { name: 'guards', ok: missing.length === 0, detail: missing.length ? `缺少数据库保护：${missing.join('、')}` : `${expected.length} 个数据库保护齐全` };
}

async function batchSums(wdb: WorkbenchDb): Promise<CheckItem> {
  const wrong = await wdb.db.selectFrom('payment_batches as b')
    .leftJoin('payment_lines as l', 'l.batch_id', 'b.id')
    .select(['b.batch_no', 'b.line_count', 'b.total_fen', (eb) => eb.fn.count<number>('l.id').as('lines'), (eb) => eb.fn.coalesce(eb.fn.sum<number>('l.amount_fen'), sql<number>`0`).as('fen')])
    .groupBy(['b.id', 'b.batch_no', 'b.line_count', 'b.total_fen'])
    .execute();
  const off = wrong.filter((b) => Number(b.lines) !== b.line_count || Number(b.fen) !== b.total_fen);
  return { name: 'batch sums', ok: off.length === 0, detail: off.length ? `批次笔数或金额与明细不符：${off.map((b) => b.batch_no).join('、')}` : `${wrong.length} 个代发批次的笔数、金额与明细相符` };
}

async function postgresOwn(wdb: WorkbenchDb): Promise<{ integrity: string[]; foreignKeyViolations: number; checks: CheckItem[] }> {
  const checks: CheckItem[] = [];
  const integrity: string[] = [];
  const unvalidated = (await sql<{ name: string }>`select conname as name from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where n.nspname = current_schema() and c.contype = 'f' and not c.convalidated`.execute(wdb.db)).rows;
  for (const c of unvalidated) integrity.push(`foreign key not validated: ${c.name}`);
  const amcheck = (await sql<{ n: number }>`select count(*) as n from pg_extension where extname = 'amcheck'`.execute(wdb.db)).rows[0]?.n ?? 0;
  if (Number(amcheck) > 0) {
    const indexes = (await sql<{ name: string }>`select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid
      join pg_namespace n on n.oid = c.relnamespace join pg_am am on am.oid = c.relam
      where n.nspname = current_schema() and am.amname = 'btree' order by 1`.execute(wdb.db)).rows;
    for (const index of indexes) {
      try {
        await sql`select bt_index_check(${index.name}::regclass, true)`.execute(wdb.db);
      } catch (error) {
        integrity.push(`${index.name}: ${(error as Error).message}`);
      }
    }
    checks.push({ name: 'amcheck', ok: integrity.length === 0, detail: `amcheck 检查了 ${indexes.length} 个索引（含表中每一行）` });
  } else {
    // Installing it needs a superuser (CREATE EXTENSION amcheck): check says so rather than change the database.
    checks.push({ name: 'amcheck', ok: true, detail: '未检查索引：数据库未安装 amcheck 扩展（数据库管理员可执行 CREATE EXTENSION amcheck）' });
  }
  return { integrity: integrity.length ? integrity : ['ok'], foreignKeyViolations: 0, checks };
}

export async function checkStore(wdb: WorkbenchDb): Promise<StoreCheck> {
  const own = wdb.dialect === 'sqlite'
    ? { ...integrityReport(wdb.sqlite), checks: [] as CheckItem[] }
    : await postgresOwn(wdb);
  const checks = [...own.checks, await guardsPresent(wdb), await batchSums(wdb)];
  const ok = own.integrity.length === 1 && own.integrity[0] === 'ok' && own.foreignKeyViolations === 0 && checks.every((c) => c.ok);
  return { ok, dialect: wdb.dialect, integrity: own.integrity, foreignKeyViolations: own.foreignKeyViolations, checks };
}
