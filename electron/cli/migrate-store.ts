// `workbench migrate-store --from FILE.sqlite --to postgres://…` (issue 16): a county moves from its laptop
// file to the office server. The laptop file is never changed: an online copy of it is taken first (WAL
// included) and brought up to this version's schema. The PostgreSQL database must be empty; its tables are
// made by the same migrations, then every table is copied in foreign-key order with its ids kept and its
// sequences set after them (copy-store.ts, one transaction). Then both sides are compared: rows per table,
// and each month's payroll as the engine computes it (lines, net fen, per township). Any difference is a
// coded refusal, and the target is not to be used.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { createDatabase, isPostgresUrl, openDatabase, type WorkbenchDb } from '../backend/db/database';
import { replacePostgresContents } from '../backend/db/copy-store';
import { createContext, LOCAL_ADMIN } from '../backend/context';
import { dispatch } from '../backend/dispatch';
import { WorkbenchFailure } from '../backend/failure';
import type { ChannelOutput } from '../../shared/contract/schemas';

export interface TableCount { table: string; from: number; to: number }
export interface MonthTotals { lines: number; totalFen: number; townships: { code: string; status: string; lines: number; netFen: number }[] }
export interface MonthCheck { month: string; from: MonthTotals; to: MonthTotals; same: boolean }
export interface MigrateResult { from: string; to: string; tables: TableCount[]; months: MonthCheck[]; ok: boolean }

async function tableNames(wdb: WorkbenchDb): Promise<string[]> {
  if (wdb.dialect !== 'sqlite') throw new Error('source must be SQLite');
  return (wdb.sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by rowid").all() as { name: string }[])
    .map((t) => t.name);
}

async function countRows(wdb: WorkbenchDb, table: string): Promise<number> {
  const result = await wdb.db.executeQuery<{ n: number | string }>(CompiledQuery.raw(`select count(*) as n from "${table}"`));
  return Number(result.rows[0]!.n);
}

/** The months that have a payroll to compare: any attendance, adjustment, township-month state or frozen line. */
async function payrollMonths(wdb: WorkbenchDb): Promise<string[]> {
  const result = await wdb.db.executeQuery<{ month: string }>(CompiledQuery.raw(`select month from attendance union select month from adjustments
    union select month from payroll_months union select month from payroll_lines order by month`));
  return result.rows.map((r) => r.month);
}

async function monthTotals(wdb: WorkbenchDb, months: readonly string[]): Promise<Map<string, MonthTotals>> {
  const ctx = await createContext(wdb, LOCAL_ADMIN);
  const totals = new Map<string, MonthTotals>();
  for (const month of months) {
    const answer = await dispatch(ctx, 'payroll.compute', { month });
    if (!answer.ok) throw new WorkbenchFailure('MIGRATE_MISMATCH', { detail: `${month}：${answer.error.message}` });
    const data = answer.data as ChannelOutput<'payroll.compute'>;
    totals.set(month, { lines: data.lines, totalFen: data.totalFen, townships: data.townships.map((t) => ({ code: t.code, status: t.status, lines: t.lines, netFen: t.netFen })) });
  }
  return totals;
}

/** An online copy of the laptop file (its WAL included), so the original stays exactly as it was. */
async function copyOfSource(file: string, dir: string): Promise<string> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new WorkbenchFailure('DB_NOT_FOUND', { path: file });
  requireSqliteHeader(file);
  const copy = path.join(dir, 'source.sqlite');
  const source = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try { await source.backup(copy); } finally { source.close(); }
  return copy;
}

/** Not even a SQLite file: refused before a copy is attempted (the copy is then checked as ours by openDatabase). */
function requireSqliteHeader(file: string): void {
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try { fs.readSync(fd, header, 0, 16, 0); } finally { fs.closeSync(fd); }
  if (header.toString('latin1') !== 'SQLite format 3\0') throw new WorkbenchFailure('DB_NOT_WORKBENCH', { path: file });
}

export async function migrateStore(from: string, to: string): Promise<MigrateResult> {
  if (isPostgresUrl(from)) throw new WorkbenchFailure('VALIDATION', { detail: '--from 应为本机的 SQLite 数据库文件' });
  if (!isPostgresUrl(to)) throw new WorkbenchFailure('VALIDATION', { detail: '--to 应为 postgres:// 开头的 PostgreSQL 连接地址' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-migrate-'));
  let source: WorkbenchDb | undefined;
  let target: WorkbenchDb | undefined;
  try {
    // The copy is checked (ours, intact, not newer) and brought up to this version by the usual opening.
    source = await openDatabase(await copyOfSource(from, dir));
    if (source.dialect !== 'sqlite') throw new Error('source must be SQLite');
    // An empty database only: PG_NOT_EMPTY for one that has any table, so nothing there is ever overwritten.
    target = await createDatabase(to);
    if (target.dialect !== 'postgres') throw new Error('target must be PostgreSQL');
    await replacePostgresContents(source, target);

    const tables: TableCount[] = [];
    for (const table of await tableNames(source)) tables.push({ table, from: await countRows(source, table), to: await countRows(target, table) });
    const months = await payrollMonths(source);
    const [fromTotals, toTotals] = [await monthTotals(source, months), await monthTotals(target, months)];
    const checks = months.map((month) => {
      const a = fromTotals.get(month)!;
      const b = toTotals.get(month)!;
      return { month, from: a, to: b, same: JSON.stringify(a) === JSON.stringify(b) };
    });
    const ok = tables.every((t) => t.from === t.to) && checks.every((c) => c.same);
    return { from: path.resolve(from), to: target.path, tables, months: checks, ok };
  } finally {
    await source?.close();
    await target?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The comparison as the command prints it: one line per table and per month. */
export function migrateText(result: MigrateResult): string {
  const lines = [`${result.from} → ${result.to}`, '表                         SQLite     PostgreSQL'];
  for (const t of result.tables) lines.push(`${t.table.padEnd(24)} ${String(t.from).padStart(8)} ${String(t.to).padStart(12)}${t.from === t.to ? '' : '   不一致'}`);
  lines.push('月份      人数(SQLite/PG)      实发合计(分, SQLite/PG)');
  for (const m of result.months) {
    lines.push(`${m.month}   ${String(m.from.lines).padStart(6)} / ${String(m.to.lines).padEnd(6)}   ${String(m.from.totalFen).padStart(12)} / ${String(m.to.totalFen).padEnd(12)}${m.same ? '' : '   不一致'}`);
  }
  lines.push(result.ok ? '核对一致：每张表的行数和每个月的发放合计两边相同。' : '核对不一致，目标数据库不能使用。');
  return lines.join('\n');
}
