// Faults of the machine, not bugs: a full disk, a database another process holds, a port in use — each a
// coded Chinese message (exit 2 in the CLI, a 4xx/503 over HTTP), never a stack trace or a wrong diagnosis.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDb, tempDir, type TempDb } from '../backend/testing/temp-db';
import { dispatch } from '../backend/dispatch';
import { commitImport } from '../backend/import/commit';
import { BIN, buildEngine, idNumber, peopleWorkbook, workbenchSync } from './testing/processes';
import { messageFor } from '../../shared/domain/errors';
import { checkCharacter } from '../../shared/domain/id-number';
import { requireSqlite } from '../backend/db/database';

describe('faults of the machine as coded messages', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    buildEngine();
    dir = tempDir();
    db = path.join(dir, 'workbench.sqlite');
    expect(workbenchSync('init', '--db', db).status).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a port in use: exit 2 with PORT_IN_USE in Chinese, no stack trace', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const run = spawnSync(process.execPath, [BIN, 'serve', '--db', db, '--port', String(port), '--json'], { encoding: 'utf8', timeout: 30_000 });
      expect(run.status).toBe(2);
      expect(JSON.parse(run.stdout.trim().split('\n').pop()!).error).toEqual({ code: 'PORT_IN_USE', message: messageFor('PORT_IN_USE', { port }) });
      expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
    } finally {
      blocker.close();
    }
  });

  it('a database another process holds exclusively: DB_BUSY after the wait, not "这个文件不是工作台数据库"', async () => {
    const holder = spawn(process.execPath, ['-e', `
      const D = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new D(${JSON.stringify(db)}); db.pragma('locking_mode = EXCLUSIVE'); db.exec('begin exclusive; commit');
      console.log('held'); setTimeout(() => {}, 20000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    try {
      const run = spawnSync(process.execPath, [BIN, 'check', '--db', db, '--json'], { encoding: 'utf8', env: { ...process.env, WORKBENCH_BUSY_TIMEOUT_MS: '500' } });
      expect(run.status).toBe(2);
      expect(JSON.parse(run.stdout).error.code).toBe('DB_BUSY');
      expect(JSON.parse(run.stdout).error.message).toContain('数据库正被另一个窗口或程序使用');
    } finally {
      holder.kill('SIGKILL');
    }
    // Released: the same command works, and the file was never touched.
    expect(workbenchSync('check', '--db', db, '--json').json()).toMatchObject({ ok: true });
  });

  it('a CLI command waits for another process write and then succeeds', async () => {
    const holder = spawn(process.execPath, ['-e', `
      const D = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new D(${JSON.stringify(db)}); db.exec('begin immediate'); db.prepare("update meta set value = value where key = 'app'").run();
      console.log('held'); setTimeout(() => { db.exec('commit'); db.close(); }, 1500);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const run = spawnSync(process.execPath, [BIN, 'add-user', '--db', db, '--username', 'waiter', '--role', 'manager', '--password', 'Secret-2026', '--json'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    holder.kill('SIGKILL');
  });
});

describe('a full disk and a refused file, in the engine', () => {
  let temp: TempDb;
  beforeAll(async () => { temp = await createTempDb(); });
  afterAll(async () => { await temp.cleanup(); });

  it('SQLITE_FULL inside a transaction: DISK_FULL in Chinese and nothing saved (not "cannot rollback")', async () => {
    const sqlite = requireSqlite(temp.ctx.wdb, 'test');
    const township = temp.ctx.townships[0]!;
    const people = (sqlite.prepare('select count(*) n from people').get() as { n: number }).n;
    // The database may not grow by one more page: the next write that needs one fails as a full disk would.
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages}`);
    try {
      let result;
      for (let i = 0; i < 400; i++) {
        const first17 = `13032419800101${String(100 + i)}`;
        result = await dispatch(temp.ctx, 'people.save', { person: {
          idNumber: first17 + checkCharacter(first17), name: '满盘', phone: '', townshipCode: township.code, villageCode: township.villages[0]!.code,
          householdNo: '', relation: '', category: '脱贫户', labourAbility: '普通劳动力', cardNumber: '', bank: '', remark: '满'.repeat(200),
        } });
        if (!result.ok) break;
      }
      expect(result).toMatchObject({ ok: false, error: { code: 'DISK_FULL', message: messageFor('DISK_FULL') } });
      expect((sqlite.prepare('select count(*) n from people').get() as { n: number }).n).toBeGreaterThanOrEqual(people);
      expect(sqlite.inTransaction).toBe(false);
    } finally {
      sqlite.pragma('max_page_count = 1073741823');
    }
  });

  it.runIf(process.platform !== 'win32')('keeps the database readable by its user only (0600)', () => {
    for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(temp.file + suffix)) expect(fs.statSync(temp.file + suffix).mode & 0o777, suffix).toBe(0o600);
  });

  it('an import whose rows were all refused records no applied batch', async () => {
    const before = (requireSqlite(temp.ctx.wdb, 'test').prepare('select count(*) n from import_batches').get() as { n: number }).n;
    const file = peopleWorkbook(path.join(temp.dir, 'all-bad.xlsx'), ['身份证号', '姓名', '乡镇', '村'],
      [[idNumber(1).slice(0, 17) + 'X', '甲', '不存在镇', '不存在村'], ['123', '乙', '不存在镇', '不存在村']]);
    const result = await commitImport(temp.ctx, { bytes: fs.readFileSync(file), fileName: 'all-bad.xlsx', kind: 'people' });
    expect(result.analysis.counts).toMatchObject({ rows: 2, rejected: 2, created: 0, updated: 0 });
    expect(result.batchId).toBeNull();
    expect((requireSqlite(temp.ctx.wdb, 'test').prepare('select count(*) n from import_batches').get() as { n: number }).n).toBe(before);
  });
});



