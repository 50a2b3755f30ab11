// `workbench`: the command line over the same engine (SPEC §6), through its one door: every command that
// reads or changes the county's records is a dispatch of a channel as the CLI's actor (the machine's
// administrator, or --user), so roles, township scope, masking and the audit log apply as in the window.
// The CLI only reads the files it is given and writes the files dispatch returns. Exit 0 when the command
// did its job, 2 for unusable input or a refusal (message on stderr; {"error":{code,message}} with --json),
// 1 for a bug.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initCountyDatabase, DEFAULT_COUNTY } from '../backend/county-setup';
import { openDatabase, getMeta, isPostgresUrl } from '../backend/db/database';
import { displayUrl } from '../backend/db/postgres';
import { checkStore } from '../backend/db/check';
import { contextFor, createContext, grantFolder, LOCAL_ADMIN, type Actor } from '../backend/context';
import type { WorkbenchDb } from '../backend/db/database';
import { actorOf, findUserByName } from '../backend/admin/users-repository';
import { dispatch } from '../backend/dispatch';
import type { ErrorCode } from '../../shared/domain/errors';
import type { Channel } from '../../shared/contract/channels';
import type { ChannelInput, ChannelOutput } from '../../shared/contract/schemas';
import { seedDemo } from '../backend/demo/seed';
import { backupTo } from '../backend/db/backup';
import { startEngine } from '../backend/engine';
import { defaultDataDir, defaultDatabasePath } from '../backend/data-dir';
import { WorkbenchFailure, operationalFailure } from '../backend/failure';
import { ADMINS, whoCan } from '../../shared/contract/access';
import { exposureWarning, parseOrigins, startServer } from './server';
import { migrateStore, migrateText } from './migrate-store';
import { pgDumpTo, restorePostgres } from '../backend/db/pg-dump';
import { writeFileWhole } from '../backend/file-safety';
import { ERROR_SUMMARIES_EN } from '../../shared/domain/errors';
import { formatYuan } from '../../shared/domain/money';
import { isMonth } from '../../shared/domain/month';
import { resolveTypedTownship } from '../../shared/domain/division';
import type { EngineContext } from '../backend/context';
import { ROLES, isRole } from '../../shared/domain/roles';
import { IMPORT_KINDS, MAX_IMPORT_FILE_BYTES } from '../../shared/contract/schemas';
import { requireOutFolder, writeReportFile } from './write-file';
import { REPORTS, isReportId, type ReportFigures, type ReportId } from '../../shared/domain/reports/catalogue';
import type { ReportExport, WorkbenchSummary } from '../../shared/contract/reports';
import { formatRate } from '../../shared/domain/employment';
import { requireSqlite } from '../backend/db/database';

const USAGE = `usage: workbench <command> [options]

  init --db FILE [--county CODE] [--demo]   create a database for a county (default 130324 卢龙县)
  serve [--db FILE] [--port N] [--host H] [--origin URL]... [--backup-folder DIR]...
                                            serve the workbench to a browser (127.0.0.1 unless --host;
                                            --host 0.0.0.0 for the office network, warned: plain HTTP);
                                            --origin: the https:// address of a TLS reverse proxy in front;
                                            数据备份 may also use each --backup-folder
  add-user --db FILE --username U --role clerk|manager|admin --password P [--display-name N] [--townships CODE|NAME,...]
                                            townships as 12-, 9- or 6-digit codes or names
  payroll --db FILE --month YYYY-MM         computes (does not approve) the month's subsidy payroll
  check --db FILE                           integrity check
  migrate-store --from FILE.sqlite --to postgres://USER:PASSWORD@HOST/DB
                                            move a county to the office server: every table copied into an
                                            empty PostgreSQL database, then rows per table and each month's
                                            payroll compared on both sides (exit 2 when anything differs)
  backup --db FILE --out FILE               online backup (a postgres:// store: pg_dump -Fc into FILE)
  restore --db postgres://… --from FILE.dump
                                            a PostgreSQL store back to a pg_dump backup (nobody else
                                            connected; the state before is dumped first)
  report R1|R2|R3|R4|R5|PUBLIC|BANK|all --db FILE --month YYYY-MM --out DIR
                                            write report workbooks into DIR (PUBLIC: the 公示 roster,
                                            BANK: the bank's 代发清单; all: every report of the month)
  summary --db FILE [--month YYYY-MM]       the county at a glance, as 首页 shows it
  import FILE --db FILE --kind people|employment|placements|attendance [--month YYYY-MM] [--sheet NAME] [--dry-run] [--errors OUT.xlsx]
                                            one import batch (a dry run writes nothing)
  undo-import BATCH --db FILE               undo an import batch
  bank-batch --db FILE --month YYYY-MM --out DIR [--township CODE] [--retry-failed]
                                            a numbered payment batch of approved lines not yet in a live batch
                                            (with --retry-failed also failed lines whose card was corrected or
                                            that were marked 重发), and its bank file in DIR
  bank-batch --db FILE --list [--month YYYY-MM] | --sent BATCH | --void BATCH --reason TEXT | --reconcile BATCH --out DIR
                                            list batches with their 对账 figures; mark one sent to the bank;
                                            void one (its lines are released); write its 发放对账表

Every command takes --json for machine-readable output.`;

class UsageError extends Error {}

/** --db as printed: a file's absolute path, or a PostgreSQL URL with its password hidden. */
function shownDb(file: string): string {
  return isPostgresUrl(file) ? displayUrl(file) : path.resolve(file);
}

const DEFAULT_PORT = 5180;

type Values = Record<string, string | boolean | string[] | undefined>;

function requireString(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

async function commandInit(values: Values) {
  const file = requireString(values, 'db');
  const county = typeof values.county === 'string' ? values.county : DEFAULT_COUNTY;
  if (!/^\d{6}(\d{6})?$/.test(county)) throw new UsageError(`--county must be a 6- or 12-digit division code, got "${county}"`);
  if (values.demo && county.slice(0, 6) !== DEFAULT_COUNTY) throw new UsageError('--demo is only available for the reference county 130324');
  const wdb = await initCountyDatabase(file, county);
  try {
    const ctx = await createContext(wdb);
    const demo = values.demo ? await seedDemo(ctx) : { people: 0, posts: 0, placements: 0 };
    return {
      result: { db: shownDb(file), county: ctx.county.code, people: demo.people, posts: demo.posts, placements: demo.placements },
      text: `created ${shownDb(file)} for ${ctx.county.name} (${ctx.county.code}): ${ctx.townships.length} townships, ${ctx.townships.reduce((n, t) => n + t.villages.length, 0)} villages, ${demo.people} people, ${demo.posts} posts, ${demo.placements} placements`,
    };
  } finally {
    await wdb.close();
  }
}

function requireMonthOption(values: Values): string {
  const month = requireString(values, 'month');
  if (!isMonth(month)) throw new UsageError(`--month must be YYYY-MM, got "${month}"`);
  return month;
}

async function withEngine<T>(values: Values, run: (ctx: EngineContext) => Promise<T>): Promise<T> {
  const wdb = await openDatabase(requireString(values, 'db'));
  try {
    return await run(await createContext(wdb, await cliActor(wdb, values)));
  } finally {
    await wdb.close();
  }
}

/** One channel through the engine's door; a refusal stops the command with its code (exit 2), a bug with 1. */
async function call<K extends Channel>(ctx: EngineContext, channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const result = await dispatch(ctx, channel, input);
  if (result.ok) return result.data as ChannelOutput<K>;
  if (result.error.code === 'INTERNAL') throw new Error(result.error.message);
  throw new WorkbenchFailure(result.error.code as ErrorCode, {}, undefined, result.error.message);
}

/** Writes the files a channel returned into a folder; their paths. */
function writeFiles(out: string, files: readonly { fileName: string; base64: string }[]): string[] {
  fs.mkdirSync(out, { recursive: true });
  return files.map((file) => {
    const target = path.resolve(out, file.fileName);
    writeFileWhole(target, Buffer.from(file.base64, 'base64'));
    return target;
  });
}

async function commandPayroll(values: Values) {
  const month = requireMonthOption(values);
  return withEngine(values, async (ctx) => {
    const { townships, ...result } = await call(ctx, 'payroll.compute', { month });
    // Each line's payment state (代发批次与回盘), through the same channel as 考勤发放.
    const view = await call(ctx, 'payroll.month', { month });
    const byState = new Map<string, { lines: number; fen: number }>();
    const paymentLines = view.lines.map((l) => {
      const tally = byState.get(l.payment.state) ?? { lines: 0, fen: 0 };
      tally.lines += 1; tally.fen += l.netFen;
      byState.set(l.payment.state, tally);
      return { placementId: l.placementId, personId: l.personId, netFen: l.netFen, payment: l.payment };
    });
    Object.assign(result, { payments: Object.fromEntries(byState), paymentLines });
    const byCode = new Map<string, number>();
    for (const a of result.anomalies) byCode.set(a.code, (byCode.get(a.code) ?? 0) + 1);
    const text = [
      `${month}: ${result.lines} lines, total ${result.totalYuan} yuan (${result.totalInWords})`,
      ...townships.map((t) => `  ${t.name} ${t.status}: ${t.lines} lines, ${formatYuan(t.netFen)}`),
      `anomalies: ${result.anomalies.length}${[...byCode].map(([code, n]) => ` ${code}×${n}`).join('')}`,
      `payment: ${[...byState].map(([state, t]) => `${state} ${t.lines} (${formatYuan(t.fen)})`).join(', ')}`,
    ].join('\n');
    return { result, text };
  });
}

/** The CLI's name for a report: its id, or its short code (公示, 代发), any case. */
function reportIdOf(name: string): ReportId | 'all' {
  const upper = name.toUpperCase();
  if (upper === 'ALL') return 'all';
  if (isReportId(upper)) return upper;
  const byCode = REPORTS.find((r) => r.code === name);
  if (byCode) return byCode.id;
  throw new WorkbenchFailure('REPORT_UNKNOWN', { value: name, allowed: [...REPORTS.map((r) => r.id), 'all'].join('、') });
}

function figuresText(f: ReportFigures): string {
  const parts = [`${f.lines} 行`];
  if (f.totalFen !== undefined) parts.push(`合计 ${formatYuan(f.totalFen)} 元`);
  if (f.transferFen !== undefined && f.report === 'R4') parts.push(`本次代发 ${formatYuan(f.transferFen)} 元`, `暂缓发放 ${f.withheldLines ?? 0} 人 ${formatYuan(f.withheldFen ?? 0)} 元`);
  if (f.confirmedFen !== undefined) parts.push(`银行确认发放 ${formatYuan(f.confirmedFen)} 元`, `已报送未回盘 ${formatYuan(f.awaitingFen ?? 0)} 元`, `发放失败 ${formatYuan(f.failedFen ?? 0)} 元`, `未发送及暂缓 ${formatYuan(f.unsentFen ?? 0)} 元`);
  if (f.employed !== undefined) parts.push(`已就业 ${f.employed}${f.target !== undefined ? ` / 目标 ${f.target}` : ''}${f.completionRate !== undefined ? `（${formatRate(f.completionRate)}）` : ''}`);
  return parts.join('，');
}

/**
 * Writes reports of the registry into a folder, each through the engine's channel (roles, audit, the period
 * rule). A month a report makes no sense for is refused (exit 2) and nothing is written; with `all`, the
 * reports whose period rule refuses the month are skipped and named, unless every one is.
 */
async function commandReport(values: Values, positionals: string[]) {
  const wanted = reportIdOf(positionals[0] ?? '');
  const month = requireMonthOption(values);
  const out = requireString(values, 'out');
  const folder = requireOutFolder(out);
  return withEngine(values, async (ctx) => {
    const ids = wanted === 'all' ? REPORTS.map((r) => r.id) : [wanted];
    const made: ReportExport[] = [];
    const skipped: { report: ReportId; code: string; message: string }[] = [];
    for (const report of ids) {
      const result = await dispatch(ctx, 'reports.export', { report, month });
      if (result.ok) { made.push(result.data as ReportExport); continue; }
      if (wanted === 'all' && result.error.code.startsWith('REPORT_PERIOD_')) { skipped.push({ report, code: result.error.code, message: result.error.message }); continue; }
      throw new WorkbenchFailure(result.error.code as ErrorCode, {}, undefined, result.error.message);
    }
    if (made.length === 0) {
      const first = skipped[0]!;
      throw new WorkbenchFailure(first.code as ErrorCode, {}, undefined, first.message);
    }
    const files: string[] = [];
    const reports: (ReportFigures & { file: string })[] = [];
    const text: string[] = [];
    for (const file of made) {
      const target = path.join(folder, file.fileName);
      writeReportFile(target, Buffer.from(file.base64, 'base64'));
      files.push(target);
      reports.push({ ...file.figures, file: target });
      text.push(`wrote ${target}: ${figuresText(file.figures)}`);
      for (const warning of file.figures.warnings ?? []) text.push(`  注意：${warning}`);
      if (file.since && file.since.changes.count > 0) {
        text.push(`  与${file.since.exportedAt.slice(0, 10)}导出的版本相比有${file.since.changes.count}处变化：`, ...file.since.changes.lines.slice(0, 20).map((l) => `    ${l}`));
      }
    }
    for (const s of skipped) text.push(`skipped ${s.report}: ${s.code}: ${s.message}`);
    return { result: { files, reports, ...(skipped.length ? { skipped } : {}) }, text: text.join('\n') };
  });
}

/** `workbench summary`: what 首页 shows for a month, from the same channel. */
async function commandSummary(values: Values) {
  // Without --month: the month being worked on (the latest with attendance), as 首页 opens on.
  const month = typeof values.month === 'string' ? requireMonthOption(values) : undefined;
  return withEngine(values, async (ctx) => {
    const s: WorkbenchSummary = await call(ctx, 'reports.summary', month ? { month } : {});
    const text = [
      `${s.month} 公益岗位：计划 ${s.posts.planned ?? '—'}，已开发 ${s.posts.developed}，在岗 ${s.posts.filled}，空岗 ${s.posts.vacant}`,
      `补贴发放：本月实发 ${formatYuan(s.payroll.netFen)} 元 = 银行确认发放 ${s.payroll.confirmedPeople} 人 ${formatYuan(s.payroll.confirmedFen)} 元 + 已报送未回盘 ${formatYuan(s.payroll.awaitingFen)} 元 + 发放失败 ${formatYuan(s.payroll.failedFen)} 元 + 未发送及暂缓 ${formatYuan(s.payroll.unsentFen)} 元；本年累计银行确认发放 ${formatYuan(s.payroll.yearConfirmedFen)} 元`,
      `就业：脱贫劳动力 ${s.employment.labourers}，已就业 ${s.employment.employed}，目标 ${s.employment.target ?? '—'}，完成率 ${formatRate(s.employment.rate)}${s.employment.hasLedger ? '' : '（本年尚无就业台账数据）'}`,
      `“131”服务：对象 ${s.services.targets}，全部到位 ${s.services.complete}；培训 ${s.training.sessions} 期 ${s.training.trainees} 人`,
      `待处理：异常 ${s.anomalies} 条，待审核乡镇月份 ${s.toApprove} 个`,
    ].join('\n');
    return { result: s, text };
  });
}

/** `migrate-store --from FILE --to postgres://…`: the county's move to the office server, verified (exit 2 when anything differs). */
async function commandMigrateStore(values: Values) {
  const result = await migrateStore(requireString(values, 'from'), requireString(values, 'to'));
  return { result, text: migrateText(result), exitCode: result.ok ? 0 : 2 };
}

/** `restore --db postgres://… --from FILE.dump` (an administrator's): a PostgreSQL store back to a pg_dump backup. */
async function commandRestore(values: Values) {
  const url = requireString(values, 'db');
  const from = requireString(values, 'from');
  if (!isPostgresUrl(url)) throw new UsageError('restore on the command line is for a postgres:// store; a SQLite file is restored in 设置 → 数据备份 (从此备份恢复)');
  const wdb = await openDatabase(url);
  let username: string;
  try {
    const actor = await cliActor(wdb, values);
    if (actor.role !== 'admin') throw new WorkbenchFailure('FORBIDDEN', { who: whoCan(ADMINS) });
    username = actor.username;
  } finally {
    await wdb.close();
  }
  const result = await restorePostgres(url, from, path.join(defaultDataDir(), 'backups'), username);
  return { result, text: `restored ${from}; the state before it is kept in ${result.safetyBackup}` };
}

async function commandCheck(values: Values) {
  const file = requireString(values, 'db');
  const wdb = await openDatabase(file);
  try {
    const report = await checkStore(wdb);
    const count = async (table: 'people' | 'divisions') => Number((await wdb.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const counts = { people: await count('people'), divisions: await count('divisions') };
    const county = await getMeta(wdb.db, 'county_code');
    const result = { ok: report.ok, db: shownDb(file), county, store: wdb.dialect, integrity: report.integrity, foreignKeyViolations: report.foreignKeyViolations, checks: report.checks, ...counts };
    const problems = [...report.integrity.filter((line) => line !== 'ok'), ...report.checks.filter((c) => !c.ok).map((c) => c.detail)];
    const notes = report.checks.map((c) => `  ${c.ok ? 'ok' : 'FAILED'}: ${c.detail}`).join('\n');
    return { result, text: report.ok ? `ok: ${wdb.path} (${counts.people} people)\n${notes}` : `FAILED: ${problems.join('; ')}\n${notes}`, exitCode: report.ok ? 0 : 2 };
  } finally {
    await wdb.close();
  }
}

async function commandBackup(values: Values) {
  const file = requireString(values, 'db');
  const out = requireString(values, 'out');
  if (fs.existsSync(out)) throw new UsageError(`${out} already exists; choose a new file name`);
  const wdb = await openDatabase(file);
  try {
    if ((await cliActor(wdb, values)).role !== 'admin') throw new WorkbenchFailure('FORBIDDEN', { who: whoCan(ADMINS) });
    if (wdb.dialect === 'postgres') {
      // PostgreSQL's own pg_dump (-Fc), under a temporary name then renamed; restore with `workbench restore`.
      const dump = await pgDumpTo(wdb.url, out);
      return { result: { ok: true, db: wdb.path, out: path.resolve(out), bytes: dump.bytes, format: 'pg_dump -Fc' }, text: `backed up ${wdb.path} to ${out} with pg_dump (${dump.bytes} bytes)` };
    }
    // Written under a temporary name, checked, then renamed: --out is whole or absent, even if killed.
    const backup = await backupTo(requireSqlite(wdb, '备份'), out);
    return { result: { ok: backup.ok, db: path.resolve(file), out: path.resolve(out), bytes: backup.bytes }, text: `backed up to ${out} (${backup.bytes} bytes)` };
  } finally {
    await wdb.close();
  }
}

/** The actor of a CLI command: the machine's administrator, or with --user that user's role and townships. */
export async function cliActor(wdb: WorkbenchDb, values: Values): Promise<Actor> {
  if (typeof values.user !== 'string') return LOCAL_ADMIN;
  const user = await findUserByName(wdb.db, values.user);
  if (!user || user.disabled) throw new WorkbenchFailure('UNKNOWN_USER', { username: values.user });
  return actorOf(user);
}

/**
 * --townships as people type them: 12-, 9- or 6-digit codes or names, separated by commas (also ，、 and
 * spaces); each becomes its 12-digit code, or the command stops with UNKNOWN_TOWNSHIP naming what was typed.
 */
async function typedTownships(ctx: EngineContext, list: string): Promise<string[]> {
  const aliases = await ctx.wdb.db.selectFrom('division_aliases').select(['alias', 'code']).execute();
  return list.split(/[,，、;；\s]+/u).filter(Boolean).map((typed) => {
    const code = resolveTypedTownship(typed, ctx.county.code, ctx.townships, aliases);
    if (!code) throw new WorkbenchFailure('UNKNOWN_TOWNSHIP', { value: typed });
    return code;
  });
}

async function commandAddUser(values: Values) {
  const wdb = await openDatabase(requireString(values, 'db'));
  try {
    const ctx = await createContext(wdb, await cliActor(wdb, values));
    const role = requireString(values, 'role');
    if (!isRole(role)) throw new UsageError(`--role must be ${ROLES.join(', ')}`);
    const townships = typeof values.townships === 'string' ? await typedTownships(ctx, values.townships) : [];
    const user = await call(ctx, 'users.save', {
      username: requireString(values, 'username'), displayName: typeof values['display-name'] === 'string' ? values['display-name'] : requireString(values, 'username'),
      role, townships, disabled: false, password: requireString(values, 'password'),
    });
    return { result: user, text: `added user ${user.username} (${user.role})` };
  } finally {
    await wdb.close();
  }
}

/** One import batch: the file opened, then a dry run (import.preview) or the commit, as in 数据导入. */
async function commandImport(values: Values, positionals: string[]) {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('usage: workbench import FILE --db FILE --kind people|employment|placements|attendance|bank-return [--month YYYY-MM] [--sheet NAME] [--dry-run] [--errors OUT.xlsx]');
  const dbFile = requireString(values, 'db');
  const kind = requireString(values, 'kind');
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${IMPORT_KINDS.join(', ')}, got "${kind}"`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file} is not a file`);
  const size = fs.statSync(file).size;
  if (size > MAX_IMPORT_FILE_BYTES) throw new WorkbenchFailure('FILE_TOO_LARGE', { size: `${(size / 1024 / 1024).toFixed(1)} MB` });
  if (kind === 'attendance') requireMonthOption(values);
  const engine = await startEngine(dbFile);
  const ctx = contextFor(engine, await cliActor(engine.wdb, values));
  try {
    const importKind = kind as (typeof IMPORT_KINDS)[number];
    const { token } = await call(ctx, 'import.open', { fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64'), kind: importKind });
    const options = {
      token, kind: importKind, sheet: typeof values.sheet === 'string' ? values.sheet : undefined,
      month: typeof values.month === 'string' ? values.month : undefined,
    };
    // The rejected rows as a workbook, from the same analysis the commit makes (afterwards the file would
    // count as already imported).
    if (typeof values.errors === 'string') writeFiles(path.dirname(values.errors), [{ ...(await call(ctx, 'import.errorReport', options)), fileName: path.basename(values.errors) }]);
    let outcome;
    if (values['dry-run']) {
      const preview = await call(ctx, 'import.preview', options);
      if (preview.missing.length > 0) throw new WorkbenchFailure('COLUMN_MISSING', { columns: preview.missing.join('、') });
      outcome = { summary: { ...preview.summary, batchId: preview.alreadyImported?.batchId ?? null }, alreadyImported: preview.alreadyImported };
    } else {
      outcome = await call(ctx, 'import.commit', options);
    }
    const { summary, alreadyImported } = outcome;
    if (alreadyImported) console.error(`workbench: ${alreadyImported.message}`);
    const { kind: kindName, rows, created, updated, unchanged, rejected, warnings, batchId, errors } = summary;
    const result = {
      kind: kindName, rows, created, updated, unchanged, rejected, warnings, batchId, errors: errors.map(({ row, column, code, message }) => ({ row, column, code, message })),
      // A bank return file: how many lines the bank paid and how many it could not.
      ...(summary.paid !== undefined ? { paid: summary.paid, failed: summary.failed ?? 0 } : {}),
    };
    const lines = [
      `${summary.title}${values['dry-run'] ? '（试导入，未写入）' : batchId ? `（第${batchId}批）` : ''}：工作表“${summary.sheet}”共 ${rows} 行，新增 ${created}，更新 ${updated}，未变 ${unchanged}，未通过 ${rejected}，提醒 ${warnings}`,
      ...errors.slice(0, 50).map((e) => `  第${e.row}行 ${e.column}列（${e.header}）${e.code}：${e.message}`),
      ...(errors.length > 50 ? [`  …另有 ${errors.length - 50} 条`] : []),
    ];
    return { result, text: lines.join('\n') };
  } finally {
    await ctx.wdb.close();
  }
}

async function commandUndoImport(values: Values, positionals: string[]) {
  const [batch, ...extra] = positionals;
  const batchId = Number(batch);
  if (!batch || extra.length > 0 || !Number.isInteger(batchId) || batchId <= 0) throw new UsageError('usage: workbench undo-import BATCH --db FILE');
  const engine = await startEngine(requireString(values, 'db'));
  const ctx = contextFor(engine, await cliActor(engine.wdb, values));
  try {
    const result = await call(ctx, 'import.undo', { batchId });
    return { result, text: `已撤销第${batchId}批导入` };
  } finally {
    await ctx.wdb.close();
  }
}

const batchIdOption = (values: Values, name: string): number => {
  const id = Number(values[name]);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(`--${name} takes a batch id (a positive whole number)`);
  return id;
};

const yuan = (fen: number) => formatYuan(fen);

/** `bank-batch`: payment batches from the command line, through the same channels as the screen. */
async function commandBankBatch(values: Values) {
  return withEngine(values, async (ctx) => {
    if (values.list) {
      const batches = await call(ctx, 'payments.batches', typeof values.month === 'string' ? { month: requireMonthOption(values) } : {});
      return { result: { batches }, text: batches.map((b) => `${b.batchNo} ${b.month} ${b.status}: ${b.lines} lines ${yuan(b.totalFen)}; confirmed ${yuan(b.reconciliation.confirmed.fen)}, failed ${yuan(b.reconciliation.failed.fen)} (re-issued ${yuan(b.reconciliation.reissued.fen)}), awaiting ${yuan(b.reconciliation.awaiting.fen)}`).join('\n') || 'no payment batches' };
    }
    if (values.sent !== undefined) {
      const batch = await call(ctx, 'payments.markSent', { batchId: batchIdOption(values, 'sent') });
      return { result: batch, text: `${batch.batchNo}: ${batch.status}` };
    }
    if (values.void !== undefined) {
      const batch = await call(ctx, 'payments.void', { batchId: batchIdOption(values, 'void'), reason: requireString(values, 'reason') });
      return { result: batch, text: `${batch.batchNo}: ${batch.status} (${batch.voidReason ?? ''}), ${batch.lines} lines released` };
    }
    const out = requireString(values, 'out');
    if (values.reconcile !== undefined) {
      const file = await call(ctx, 'payments.report', { batchId: batchIdOption(values, 'reconcile') });
      const target = writeInto(out, file.fileName, Buffer.from(file.base64, 'base64'));
      return { result: { file: target, failedLines: file.rows }, text: `wrote ${target}` };
    }
    const month = requireMonthOption(values);
    const township = typeof values.township === 'string' ? values.township : null;
    try {
      const { batch, file } = await call(ctx, 'payments.create', { month, townshipCode: township, retryFailed: Boolean(values['retry-failed']) });
      const target = writeInto(out, file.fileName, Buffer.from(file.base64, 'base64'));
      const result = { batchId: batch.id, batchNo: batch.batchNo, month, townships: batch.townships.map((t) => t.code), lines: batch.lines, totalFen: batch.totalFen, retries: batch.reissues, file: target };
      return { result, text: `${batch.batchNo}: ${batch.lines} lines, ${yuan(batch.totalFen)} yuan (${batch.reissues} re-issued) → ${target}` };
    } catch (error) {
      // Nothing left to pay is the job done: no file, and it says so.
      if (!(error instanceof WorkbenchFailure) || error.code !== 'PAYMENT_NOTHING_TO_SEND') throw error;
      return { result: { batchId: null, month, townships: [], lines: 0, totalFen: 0, file: null, message: error.message }, text: error.message };
    }
  });
}

function writeInto(dir: string, fileName: string, bytes: Buffer): string {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.resolve(dir, fileName);
  fs.writeFileSync(target, bytes);
  return target;
}

/** `serve --backup-folder DIR` (repeatable): folders besides backups/ that 数据备份 may write to and restore from. */
function folderOptions(values: Values): string[] {
  const folders = values['backup-folder'];
  return Array.isArray(folders) ? folders.map(String) : [];
}

async function commandServe(values: Values): Promise<never> {
  const file = typeof values.db === 'string' ? values.db : defaultDatabasePath();
  const port = typeof values.port === 'string' ? Number(values.port) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${String(values.port)}"`);
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  let origins: string[];
  try { origins = parseOrigins(Array.isArray(values.origin) ? values.origin.map(String) : []); } catch (error) { throw new UsageError((error as Error).message); }
  // A PostgreSQL database is made by its administrator and filled by `init`: never created here.
  const firstRun = !isPostgresUrl(file) && !fs.existsSync(file);
  if (firstRun && typeof values.db === 'string') throw new UsageError(`${file} does not exist; create it with: workbench init --db ${file}`);
  for (const folder of folderOptions(values)) if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new UsageError(`--backup-folder ${folder} is not a folder`);
  const engine = await startEngine(file, { createIfMissing: firstRun });
  const staticDir = path.join(__dirname, 'renderer');
  // A stable address a clerk can bookmark; when another program holds it, any free port.
  const server = await startServer(engine, { port, host, staticDir, origins }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE' && typeof values.port !== 'string') return startServer(engine, { port: 0, host, staticDir, origins });
    if (error.code === 'EADDRINUSE') throw new WorkbenchFailure('PORT_IN_USE', { port });
    throw error;
  }).catch(async (error: unknown) => { await engine.wdb.close(); throw error; });
  for (const folder of folderOptions(values)) grantFolder(engine, folder);
  if (firstRun) console.log(`created a new database for ${engine.county.name}: ${shownDb(file)}`);
  const warning = exposureWarning(host, origins);
  if (warning) console.error(warning);
  if (values.json) console.log(JSON.stringify({ url: server.url, db: shownDb(file) }));
  else console.log(`工作台已启动 / workbench serving ${shownDb(file)} at ${server.url}`);
  const stop = async () => { await server.close(); await engine.wdb.close(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return new Promise<never>(() => undefined);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        db: { type: 'string' }, county: { type: 'string' }, demo: { type: 'boolean' }, port: { type: 'string' },
        out: { type: 'string' }, json: { type: 'boolean' }, user: { type: 'string' }, host: { type: 'string' },
        username: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' }, 'display-name': { type: 'string' }, townships: { type: 'string' },
        'backup-folder': { type: 'string', multiple: true }, origin: { type: 'string', multiple: true }, from: { type: 'string' }, to: { type: 'string' },
        kind: { type: 'string' }, sheet: { type: 'string' }, month: { type: 'string' }, 'dry-run': { type: 'boolean' }, errors: { type: 'string' },
        township: { type: 'string' }, 'retry-failed': { type: 'boolean' }, list: { type: 'boolean' }, sent: { type: 'string' }, void: { type: 'string' },
        reason: { type: 'string' }, reconcile: { type: 'string' },
      },
    }) as { values: Values; positionals: string[] });
  } catch (error) {
    return fail(new UsageError((error as Error).message), rest.includes('--json'));
  }
  const json = Boolean(values.json);
  try {
    // Only import, undo-import and report take a positional argument (the file, the batch, the report).
    if (positionals.length > 0 && command !== 'import' && command !== 'undo-import' && command !== 'report') throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (command === 'report' && positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    let outcome: { result: unknown; text: string; exitCode?: number };
    switch (command) {
      case 'init': outcome = await commandInit(values); break;
      case 'check': outcome = await commandCheck(values); break;
      case 'payroll': outcome = await commandPayroll(values); break;
      case 'report': outcome = await commandReport(values, positionals); break;
      case 'summary': outcome = await commandSummary(values); break;
      case 'backup': outcome = await commandBackup(values); break;
      case 'add-user': outcome = await commandAddUser(values); break;
      case 'import': outcome = await commandImport(values, positionals); break;
      case 'undo-import': outcome = await commandUndoImport(values, positionals); break;
      case 'bank-batch': outcome = await commandBankBatch(values); break;
      case 'migrate-store': outcome = await commandMigrateStore(values); break;
      case 'restore': outcome = await commandRestore(values); break;
      case 'serve': return await commandServe(values);
      case undefined: case 'help': case '--help': case '-h':
        console.log(USAGE); return command === undefined ? 2 : 0;
      default: throw new UsageError(`unknown command "${command}"\n${USAGE}`);
    }
    console.log(json ? JSON.stringify(outcome.result) : outcome.text);
    return outcome.exitCode ?? 0;
  } catch (error) {
    return fail(error, json);
  }
}

function fail(thrown: unknown, json: boolean): number {
  // A busy database, a full disk, a read-only folder: exit 2 with what to do, not a stack trace.
  const error = thrown instanceof UsageError ? thrown : operationalFailure(thrown) ?? thrown;
  if (error instanceof UsageError || error instanceof WorkbenchFailure) {
    const code = error instanceof WorkbenchFailure ? error.code : 'USAGE';
    const message = error.message;
    if (json) console.log(JSON.stringify({ error: { code, message } }));
    const english = error instanceof WorkbenchFailure ? `${ERROR_SUMMARIES_EN[error.code]} (${message})` : message;
    console.error(`workbench: ${code}: ${english}`);
    return 2;
  }
  console.error('workbench: internal error:', error);
  if (json) console.log(JSON.stringify({ error: { code: 'INTERNAL', message: (error as Error)?.message ?? String(error) } }));
  return 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error) => { console.error(error); process.exitCode = 1; });
}
