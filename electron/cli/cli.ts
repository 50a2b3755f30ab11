// `workbench`: the command line over the same engine (SPEC §6). Exit 0 when the command did its job,
// 2 for unusable input (message on stderr; {"error":{code,message}} with --json), 1 for a bug.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initCountyDatabase, DEFAULT_COUNTY } from '../backend/county-setup';
import { openDatabase, integrityReport, getMeta } from '../backend/db/database';
import { createContext } from '../backend/context';
import { seedDemo } from '../backend/demo/seed';
import { backupTo } from '../backend/backup';
import { startEngine } from '../backend/engine';
import { defaultDatabasePath } from '../backend/data-dir';
import { WorkbenchFailure } from '../backend/failure';
import { startServer } from './server';
import { exportReport, r3Model } from '../backend/handlers/reports';
import { isMonth } from '../../shared/domain/month';

const USAGE = `usage: workbench <command> [options]

  init --db FILE [--county CODE] [--demo]   create a database for a county (default 130324 卢龙县)
  serve [--db FILE] [--port N]              serve the workbench to a browser on 127.0.0.1
  report R3 --db FILE --month YYYY-MM --out DIR
                                            write a city report (R3 and its 公示 version; R1, R2, R4, R5 to come)
  check --db FILE                           integrity check
  backup --db FILE --out FILE               online backup

Every command takes --json for machine-readable output.`;

class UsageError extends Error {}

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

const REPORT_IDS = ['R1', 'R2', 'R3', 'R4', 'R5', 'all'];

async function commandReport(values: Values, positionals: string[]) {
  const report = positionals[0] ?? '';
  if (!REPORT_IDS.includes(report)) throw new UsageError(`report must be one of ${REPORT_IDS.join(', ')}, got "${report}"`);
  const file = requireString(values, 'db');
  const month = requireString(values, 'month');
  if (!isMonth(month)) throw new UsageError(`--month must be YYYY-MM, got "${month}"`);
  const out = requireString(values, 'out');
  if (report !== 'R3' && report !== 'all') throw new WorkbenchFailure('REPORT_UNAVAILABLE', { report });
  const wdb = await openDatabase(file);
  try {
    const ctx = await createContext(wdb);
    fs.mkdirSync(out, { recursive: true });
    const files: string[] = [];
    // R3 comes as the bureau's roster and its 公示 version for the village notice boards.
    for (const version of ['full', 'public'] as const) {
      const written = await exportReport(ctx, 'R3', await r3Model(ctx, month, version), { month, version });
      const target = path.resolve(out, written.fileName);
      fs.writeFileSync(target, written.buffer);
      files.push(target);
    }
    return { result: { files }, text: files.join('\n') };
  } finally {
    await wdb.close();
  }
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
    const backup = await backupTo(wdb.sqlite, out);
    const check = await openDatabase(out);
    const report = integrityReport(check.sqlite);
    await check.close();
    return { result: { ok: report.ok, db: path.resolve(file), out: path.resolve(out), bytes: backup.bytes }, text: `backed up to ${out} (${backup.bytes} bytes)` };
  } finally {
    await wdb.close();
  }
}

async function commandServe(values: Values): Promise<never> {
  const file = typeof values.db === 'string' ? values.db : defaultDatabasePath();
  const port = typeof values.port === 'string' ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${String(values.port)}"`);
  const firstRun = !fs.existsSync(file);
  const ctx = await startEngine(file, { createIfMissing: typeof values.db !== 'string' || firstRun });
  const server = await startServer(ctx, { port, staticDir: path.join(__dirname, 'renderer') });
  if (firstRun) console.log(`created a new database for ${ctx.county.name}: ${path.resolve(file)}`);
  if (values.json) console.log(JSON.stringify({ url: server.url, db: path.resolve(file) }));
  else console.log(`工作台已启动 / workbench serving ${path.resolve(file)} at ${server.url}`);
  const stop = async () => { await server.close(); await ctx.wdb.close(); process.exit(0); };
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
      allowPositionals: command === 'report',
      options: {
        db: { type: 'string' }, county: { type: 'string' }, demo: { type: 'boolean' }, port: { type: 'string' },
        out: { type: 'string' }, json: { type: 'boolean' }, user: { type: 'string' }, month: { type: 'string' },
      },
    }) as { values: Values; positionals: string[] });
  } catch (error) {
    return fail(new UsageError((error as Error).message), rest.includes('--json'));
  }
  const json = Boolean(values.json);
  try {
    let outcome: { result: unknown; text: string; exitCode?: number };
    switch (command) {
      case 'init': outcome = await commandInit(values); break;
      case 'check': outcome = await commandCheck(values); break;
      case 'report': outcome = await commandReport(values, positionals); break;
      case 'backup': outcome = await commandBackup(values); break;
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
    console.error(`workbench: ${code}: ${message}`);
    return 2;
  }
  console.error('workbench: internal error:', error);
  if (json) console.log(JSON.stringify({ error: { code: 'INTERNAL', message: (error as Error)?.message ?? String(error) } }));
  return 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error) => { console.error(error); process.exitCode = 1; });
}
