// `workbench`: the command line over the same engine (SPEC §6). Exit 0 when the command did its job,
// 2 for unusable input (message on stderr; {"error":{code,message}} with --json), 1 for a bug.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initCountyDatabase, DEFAULT_COUNTY } from '../backend/county-setup';
import { openDatabase, integrityReport, getMeta } from '../backend/db/database';
import { createContext, LOCAL_ADMIN, type Actor } from '../backend/context';
import type { WorkbenchDb } from '../backend/db/database';
import { actorOf, findUserByName } from '../backend/repositories/users';
import { dispatch } from '../backend/dispatch';
import type { ErrorCode } from '../../shared/domain/errors';
import { seedDemo } from '../backend/demo/seed';
import { backupTo } from '../backend/backup';
import { startEngine } from '../backend/engine';
import { defaultDatabasePath } from '../backend/data-dir';
import { WorkbenchFailure } from '../backend/failure';
import { startServer } from './server';
import { ERROR_SUMMARIES_EN } from '../../shared/domain/errors';

const USAGE = `usage: workbench <command> [options]

  init --db FILE [--county CODE] [--demo]   create a database for a county (default 130324 卢龙县)
  serve [--db FILE] [--port N] [--host H]   serve the workbench to a browser (127.0.0.1 unless --host)
  add-user --db FILE --username U --role clerk|manager|admin --password P [--display-name N] [--townships CODE,...]
  check --db FILE                           integrity check
  backup --db FILE --out FILE               online backup

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
    const demo = values.demo ? await seedDemo(ctx) : { people: 0 };
    return {
      result: { db: path.resolve(file), county: ctx.county.code, people: demo.people, posts: 0, placements: 0 },
      text: `created ${path.resolve(file)} for ${ctx.county.name} (${ctx.county.code}): ${ctx.townships.length} townships, ${ctx.townships.reduce((n, t) => n + t.villages.length, 0)} villages, ${demo.people} people`,
    };
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
  try {
    ({ values } = parseArgs({
      args: rest,
      allowPositionals: false,
      options: {
        db: { type: 'string' }, county: { type: 'string' }, demo: { type: 'boolean' }, port: { type: 'string' },
        out: { type: 'string' }, json: { type: 'boolean' }, user: { type: 'string' }, host: { type: 'string' },
        username: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' }, 'display-name': { type: 'string' }, townships: { type: 'string' },
      },
    }) as { values: Values });
  } catch (error) {
    return fail(new UsageError((error as Error).message), rest.includes('--json'));
  }
  const json = Boolean(values.json);
  try {
    let outcome: { result: unknown; text: string; exitCode?: number };
    switch (command) {
      case 'init': outcome = await commandInit(values); break;
      case 'check': outcome = await commandCheck(values); break;
      case 'backup': outcome = await commandBackup(values); break;
      case 'add-user': outcome = await commandAddUser(values); break;
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
