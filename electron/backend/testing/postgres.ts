// Test harness: a throwaway PostgreSQL cluster in a temp folder (initdb + pg_ctl on a loopback port, as the
// unprivileged `postgres` user when the tests run as root), a fresh database per test file or per test, and
// everything stopped and removed after. A test never needs a server it did not start.
//
// Debian's server binaries are not on PATH (only wrappers are): they are looked up in
// /usr/lib/postgresql/<version>/bin, the newest version first, or in WORKBENCH_PG_BIN. When none are found
// the harness throws: a PostgreSQL test fails (CI installs the binaries), it never skips.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PostgresCluster {
  /** The server's version, e.g. "PostgreSQL 15.18 (Debian 15.18-0+deb12u1)…". */
  version: string;
  port: number;
  /** URL of a database in this cluster. */
  url(database: string): string;
  /** Creates an empty database (UTF-8) and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): void;
}

const USER = 'workbench';

/** The folder with initdb and pg_ctl: WORKBENCH_PG_BIN, else Debian's newest /usr/lib/postgresql/N/bin. */
export function postgresBinDir(): string {
  const configured = process.env.WORKBENCH_PG_BIN;
  if (configured) return configured;
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = path.join(base, version, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  throw new Error('PostgreSQL server binaries not found (initdb, pg_ctl in /usr/lib/postgresql/N/bin): install Debian\'s postgresql (scripts/system-deps.sh does as root) or set WORKBENCH_PG_BIN');
}

/** Root runs the server as `postgres` (the server refuses to run as root); anyone else as themselves. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function run(command: string, args: string[]): void {
  const [cmd, argv] = asServerUser(command, args);
  const result = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a cluster in a new temp folder; stop() stops it and removes the folder. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  run(path.join(bin, 'initdb'), ['-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  let port = 0;
  // Another process may take the port between choosing it and the server binding it: try a few.
  for (let attempt = 1; ; attempt += 1) {
    port = await freePort();
    try {
      // fsync off: a throwaway cluster needs no durability, and the tests share two cores.
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start',
        '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`]);
      break;
    } catch (error) {
      if (attempt >= 3) {
        const log = fs.existsSync(path.join(dir, 'server.log')) ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8') : '';
        fs.rmSync(dir, { recursive: true, force: true });
        throw new Error(`${(error as Error).message}\n${log}`);
      }
    }
  }
  const url = (database: string) => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url('postgres') });
    await client.connect();
    try { return await work(client); } finally { await client.end(); }
  };
  const version = await admin(async (client) => (await client.query<{ version: string }>('select version()')).rows[0]!.version);
  let stopped = false;
  return {
    version,
    port,
    url,
    createDatabase: async (name = `wb_${crypto.randomBytes(6).toString('hex')}`) => {
      await admin((client) => client.query(`create database "${name}" encoding 'UTF8' template template0`));
      return url(name);
    },
    dropDatabase: async (name) => {
      await admin((client) => client.query(`drop database if exists "${name}" with (force)`));
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The database name of a URL made by the harness. */
export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}
