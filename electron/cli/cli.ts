// `workbench`: the command line over the same engine (SPEC §6). Exit 0 when the command did its job,
// 2 for unusable input (message on stderr; {"error":{code,message}} with --json), 1 for a bug.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initCountyDatabase, DEFAULT_COUNTY } from '../backend/county-setup';
import { openDatabase, integrityReport, getMeta } from '../backend/db/database';
import { contextFor, createContext, LOCAL_ADMIN, type Actor } from '../backend/context';
import type { WorkbenchDb } from '../backend/db/database';
import { actorOf, findUserByName } from '../backend/admin/users-repository';
import { dispatch } from '../backend/dispatch';
import type { ErrorCode } from '../../shared/domain/errors';
import { seedDemo } from '../backend/demo/seed';
import { backupTo } from '../backend/db/backup';
import { startEngine } from '../backend/engine';
import { defaultDatabasePath } from '../backend/data-dir';
import { WorkbenchFailure } from '../backend/failure';
import { startServer } from './server';
import { ERROR_SUMMARIES_EN } from '../../shared/domain/errors';
import { formatYuan, yuanInWords } from '../../shared/domain/money';
import { isMonth } from '../../shared/domain/month';
import { payrollMonth } from '../backend/payroll/payroll';
import { writePayrollReports } from '../backend/payroll/export';
import { linePayments } from '../backend/payments/line-state';
import type { EngineContext } from '../backend/context';
import type { Channel } from '../../shared/contract/channels';
import type { ChannelInput, ChannelOutput } from '../../shared/contract/schemas';
import { IMPORT_KINDS, type ImportKindName } from '../backend/import/kind';
import { commitImport } from '../backend/import/commit';
import { analyse } from '../backend/import/analyse';
import { errorWorkbook } from '../backend/import/error-report';
import { alreadyImportedNotice, importSummary } from '../backend/import/summary';
import { undoBatch } from '../backend/import/batches';
import { MAX_FILE_BYTES } from '../backend/import/xlsx/workbook';
import { exportReport, r3Model } from '../backend/reports/r3';

const USAGE = `usage: workbench <command> [options]

  init --db FILE [--county CODE] [--demo]   create a database for a county (default 130324 卢龙县)
  serve [--db FILE] [--port N] [--host H]   serve the workbench to a browser (127.0.0.1 unless --host)
  add-user --db FILE --username U --role clerk|manager|admin --password P [--display-name N] [--townships CODE,...]
  payroll --db FILE --month YYYY-MM         computes (does not approve) the month's subsidy payroll
  check --db FILE                           integrity check
  backup --db FILE --out FILE               online backup
  report R1|R2|R3|R4|R5|all --db FILE --month YYYY-MM --out DIR
                                            write the city report workbooks into DIR (R3 with its 公示
                                            version, R4 with the bank transfer list)
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

const DEFAULT_PORT = 5180;

type Values = Record<string, string | boolean | undefined>;

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
      result: { db: path.resolve(file), county: ctx.county.code, people: demo.people, posts: demo.posts, placements: demo.placements },
      text: `created ${path.resolve(file)} for ${ctx.county.name} (${ctx.county.code}): ${ctx.townships.length} townships, ${ctx.townships.reduce((n, t) => n + t.villages.length, 0)} villages, ${demo.people} people, ${demo.posts} posts, ${demo.placements} placements`,
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

async function commandPayroll(values: Values) {
  const month = requireMonthOption(values);
  return withEngine(values, async (ctx) => {
    const payroll = await payrollMonth(ctx, month);
    const payments = await linePayments(ctx.wdb.db, month, payroll.lines, new Set(payroll.townships.filter((t) => t.status === '已审核').map((t) => t.townshipCode)));
    const byState = new Map<string, { lines: number; fen: number }>();
    const paymentLines = payroll.lines.map((l) => {
      const p = payments.get(l.placementId)!;
      const tally = byState.get(p.state) ?? { lines: 0, fen: 0 };
      tally.lines += 1; tally.fen += p.state === '已发放' ? p.paidFen : l.netFen;
      byState.set(p.state, tally);
      return { placementId: l.placementId, personId: l.personId, netFen: l.netFen, payment: { state: p.state, reason: p.reason, batchNo: p.batchNo, paidFen: p.paidFen } };
    });
    const result = {
      month, lines: payroll.lines.length, totalFen: payroll.totals.netFen, totalYuan: formatYuan(payroll.totals.netFen),
      totalInWords: yuanInWords(Math.abs(payroll.totals.netFen)),
      anomalies: payroll.anomalies.map((a) => ({ code: a.code, personId: a.personId, message: a.message })),
      payments: Object.fromEntries(byState),
      paymentLines,
    };
    const byCode = new Map<string, number>();
    for (const a of payroll.anomalies) byCode.set(a.code, (byCode.get(a.code) ?? 0) + 1);
    const text = [
      `${month}: ${result.lines} lines, total ${result.totalYuan} yuan (${result.totalInWords})`,
      ...payroll.townships.map((t) => `  ${t.name} ${t.status}: ${t.totals.lines} lines, ${formatYuan(t.totals.netFen)}`),
      `anomalies: ${payroll.anomalies.length}${[...byCode].map(([code, n]) => ` ${code}×${n}`).join('')}`,
      `payment: ${[...byState].map(([state, t]) => `${state} ${t.lines} (${formatYuan(t.fen)})`).join(', ')}`,
    ].join('\n');
    return { result, text };
  });
}

const REPORT_IDS = ['R1', 'R2', 'R3', 'R4', 'R5', 'all'];

/** Writes one report (or all five) into a folder: R3 with its 公示 version, R4 with the bank list beside it. */
async function commandReport(values: Values, positionals: string[]) {
  const report = (positionals[0] ?? '').toUpperCase().replace('ALL', 'all');
  if (!REPORT_IDS.includes(report)) throw new UsageError(`report must be one of ${REPORT_IDS.join(', ')}, got "${positionals[0] ?? ''}"`);
  const month = requireMonthOption(values);
  const out = requireString(values, 'out');
  return withEngine(values, async (ctx) => {
    fs.mkdirSync(out, { recursive: true });
    const files: string[] = [];
    const wanted = (id: string) => report === id || report === 'all';
    const writeEmploymentReport = async (id: 'R1' | 'R5') => {
      const result = await dispatch(ctx, 'reports.employment', { report: id, month });
      if (!result.ok) throw new WorkbenchFailure(result.error.code as ErrorCode, {}, undefined, result.error.message);
      const file = result.data as { fileName: string; base64: string };
      const target = path.resolve(out, file.fileName);
      fs.writeFileSync(target, Buffer.from(file.base64, 'base64'));
      files.push(target);
    };
    if (wanted('R1')) await writeEmploymentReport('R1');
    if (wanted('R2')) files.push(...await writePayrollReports(ctx, month, out, 'R2'));
    if (wanted('R3')) {
      // R3 comes as the bureau's roster and its 公示 version for the village notice boards.
      for (const version of ['full', 'public'] as const) {
        const written = await exportReport(ctx, 'R3', await r3Model(ctx, month, version), { month, version });
        const target = path.resolve(out, written.fileName);
        fs.writeFileSync(target, written.buffer);
        files.push(target);
      }
    }
    // R4 comes with the bank's transfer list beside it.
    if (wanted('R4')) files.push(...await writePayrollReports(ctx, month, out, 'R4'));
    if (wanted('R5')) await writeEmploymentReport('R5');
    return { result: { files }, text: files.map((f) => `wrote ${f}`).join('\n') };
  });
}

async function commandCheck(values: Values) {
  const file = requireString(values, 'db');
  const wdb = await openDatabase(file);
  try {
    const report = integrityReport(wdb.sqlite);
    const counts = {
      people: (wdb.sqlite.prepare('select count(*) n from people').get() as { n: number }).n,
      divisions: (wdb.sqlite.prepare('select count(*) n from divisions').get() as { n: number }).n,
    };
    const county = await getMeta(wdb.db, 'county_code');
    const result = { ok: report.ok, db: path.resolve(file), county, integrity: report.integrity, foreignKeyViolations: report.foreignKeyViolations, ...counts };
    return { result, text: report.ok ? `ok: ${file} (${counts.people} people)` : `FAILED: ${report.integrity.join('; ')}`, exitCode: report.ok ? 0 : 2 };
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
    if ((await cliActor(wdb, values)).role !== 'admin') throw new WorkbenchFailure('FORBIDDEN');
    const backup = await backupTo(wdb.sqlite, out);
    const check = await openDatabase(out);
    const report = integrityReport(check.sqlite);
    await check.close();
    return { result: { ok: report.ok, db: path.resolve(file), out: path.resolve(out), bytes: backup.bytes }, text: `backed up to ${out} (${backup.bytes} bytes)` };
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

async function commandAddUser(values: Values) {
  const wdb = await openDatabase(requireString(values, 'db'));
  try {
    const ctx = await createContext(wdb, await cliActor(wdb, values));
    const role = requireString(values, 'role');
    if (!['clerk', 'manager', 'admin'].includes(role)) throw new UsageError('--role must be clerk, manager or admin');
    const townships = typeof values.townships === 'string' ? values.townships.split(',').map((t) => t.trim()).filter(Boolean) : [];
    const result = await dispatch(ctx, 'users.save', {
      username: requireString(values, 'username'), displayName: typeof values['display-name'] === 'string' ? values['display-name'] : requireString(values, 'username'),
      role, townships, disabled: false, password: requireString(values, 'password'),
    });
    if (!result.ok) throw new WorkbenchFailure(result.error.code as ErrorCode, {}, undefined, result.error.message);
    const user = result.data as { id: number; username: string; role: string; townships: string[] };
    return { result: user, text: `added user ${user.username} (${user.role})` };
  } finally {
    await wdb.close();
  }
}

/** The reports the CLI can write, each through its engine channel (so roles and the audit log apply). */
async function commandImport(values: Values, positionals: string[]) {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('usage: workbench import FILE --db FILE --kind people|employment|placements|attendance [--month YYYY-MM] [--sheet NAME] [--dry-run] [--errors OUT.xlsx]');
  const dbFile = requireString(values, 'db');
  const kind = requireString(values, 'kind');
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${IMPORT_KINDS.join(', ')}, got "${kind}"`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file} is not a file`);
  const size = fs.statSync(file).size;
  if (size > MAX_FILE_BYTES) throw new WorkbenchFailure('FILE_TOO_LARGE', { size: `${(size / 1024 / 1024).toFixed(1)} MB` });
  const request = {
    bytes: fs.readFileSync(file), fileName: path.basename(file), kind: kind as ImportKindName,
    sheet: typeof values.sheet === 'string' ? values.sheet : undefined,
    month: typeof values.month === 'string' ? values.month : undefined,
  };
  if (kind === 'attendance') requireMonthOption(values);
  const engine = await startEngine(dbFile);
  const ctx = contextFor(engine, await cliActor(engine.wdb, values));
  try {
    let outcome;
    if (values['dry-run']) {
      const analysis = await analyse(ctx, request);
      if (analysis.missing.length > 0) throw new WorkbenchFailure('COLUMN_MISSING', { columns: analysis.missing.join('、') });
      outcome = { analysis, batchId: analysis.alreadyImported?.batchId ?? null };
    } else {
      outcome = await commitImport(ctx, request);
    }
    const { analysis, batchId } = outcome;
    if (typeof values.errors === 'string') fs.writeFileSync(values.errors, await errorWorkbook(analysis));
    const notice = alreadyImportedNotice(analysis);
    if (notice) console.error(`workbench: ${notice.message}`);
    const summary = importSummary(analysis, batchId);
    const result = { ...summary, errors: summary.errors.map(({ row, column, code, message }) => ({ row, column, code, message })) };
    const c = analysis.counts;
    const lines = [
      `${analysis.kind.title}${values['dry-run'] ? '（试导入，未写入）' : batchId ? `（第${batchId}批）` : ''}：工作表“${analysis.sheet.name}”共 ${c.rows} 行，新增 ${c.created}，更新 ${c.updated}，未变 ${c.unchanged}，未通过 ${c.rejected}，提醒 ${c.warnings}`,
      ...analysis.errors.slice(0, 50).map((e) => `  第${e.row}行 ${e.column}列（${e.header}）${e.code}：${e.message}`),
      ...(analysis.errors.length > 50 ? [`  …另有 ${analysis.errors.length - 50} 条`] : []),
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
    const result = await undoBatch(ctx, batchId);
    return { result, text: `已撤销第${batchId}批导入` };
  } finally {
    await ctx.wdb.close();
  }
}

/** Runs a channel as the CLI's actor, a refusal becoming the command's coded failure. */
async function call<K extends Channel>(ctx: EngineContext, channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const result = await dispatch(ctx, channel, input);
  if (!result.ok) throw new WorkbenchFailure(result.error.code as ErrorCode, {}, undefined, result.error.message);
  return result.data as ChannelOutput<K>;
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

async function commandServe(values: Values): Promise<never> {
  const file = typeof values.db === 'string' ? values.db : defaultDatabasePath();
  const port = typeof values.port === 'string' ? Number(values.port) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${String(values.port)}"`);
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  const firstRun = !fs.existsSync(file);
  if (firstRun && typeof values.db === 'string') throw new UsageError(`${file} does not exist; create it with: workbench init --db ${file}`);
  const engine = await startEngine(file, { createIfMissing: firstRun });
  const staticDir = path.join(__dirname, 'renderer');
  // A stable address a clerk can bookmark; when another program holds it, any free port.
  const server = await startServer(engine, { port, host, staticDir }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE' && typeof values.port !== 'string') return startServer(engine, { port: 0, host, staticDir });
    throw error;
  });
  if (firstRun) console.log(`created a new database for ${engine.county.name}: ${path.resolve(file)}`);
  if (host !== '127.0.0.1' && host !== 'localhost') console.log(`WARNING: --host ${host}: the workbench data is now reachable from the network (数据现在可从网络访问，请确认网络安全).`);
  if (values.json) console.log(JSON.stringify({ url: server.url, db: path.resolve(file) }));
  else console.log(`工作台已启动 / workbench serving ${path.resolve(file)} at ${server.url}`);
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
      case 'backup': outcome = await commandBackup(values); break;
      case 'add-user': outcome = await commandAddUser(values); break;
      case 'import': outcome = await commandImport(values, positionals); break;
      case 'undo-import': outcome = await commandUndoImport(values, positionals); break;
      case 'bank-batch': outcome = await commandBankBatch(values); break;
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

function fail(error: unknown, json: boolean): number {
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
