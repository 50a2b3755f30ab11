// The desktop app's engine process and the main process's relay, without Electron: first over a Node
// MessageChannel, then with the real entry (engine-process.ts) in a forked Node child, as utilityProcess runs it.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngineRelay } from './engine-relay';
import { registerIpc, type IpcEventLike } from './ipc';
import { serveDatabase } from '../utility/engine-host';
import { tempDir } from '../backend/testing/temp-db';
import { initCountyDatabase } from '../backend/county-setup';
import type { FromEngine, MessageEnd, ToEngine } from '../utility/protocol';

const ROOT = path.resolve(__dirname, '..', '..');
const ADMIN = { username: 'admin', displayName: '管理员', password: 'Workbench-2026!' };

function portEnd<In, Out>(port: MessagePort): MessageEnd<In, Out> {
  return { postMessage: (m) => port.postMessage(m), onMessage: (l) => port.on('message', l) };
}

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function scratch(): string { const dir = tempDir(); dirs.push(dir); return dir; }

describe('engine host and relay over a MessageChannel', () => {
  it('creates the database on first run, keeps each window its own session, and closes on shutdown', async () => {
    const file = path.join(scratch(), 'workbench.sqlite');
    const { port1, port2 } = new MessageChannel();
    const served = serveDatabase(portEnd<ToEngine, FromEngine>(port1), file);
    const relay = createEngineRelay(portEnd<FromEngine, ToEngine>(port2));
    expect(await relay.started).toEqual({ ok: true, db: file });

    expect(await relay.call('app.info', {}, 1)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await relay.call('auth.setup', ADMIN, 1)).toMatchObject({ ok: true, data: { user: { username: 'admin', role: 'admin' } } });
    // Calls run side by side and each answer finds its caller.
    const [info, other, bad] = await Promise.all([
      relay.call('app.info', {}, 1),
      relay.call('app.info', {}, 2),
      relay.call('people.save', { person: { idNumber: 42 } }, 1),
    ]);
    expect(info).toMatchObject({ ok: true, data: { county: { name: '卢龙县' } } });
    expect(other).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    relay.forget(1);
    expect(await relay.call('app.info', {}, 1)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await relay.shutdown();
    await served;
    port1.close();
    // Closed cleanly: the WAL was checkpointed away and the file opens elsewhere.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const sqlite = new Database(file, { readonly: true });
    expect((sqlite.prepare('select count(*) n from users').get() as { n: number }).n).toBe(1);
    sqlite.close();
  });

  it('answers ENGINE_STOPPED to waiting and later calls when the engine process ends', async () => {
    const { port1, port2 } = new MessageChannel();
    const relay = createEngineRelay(portEnd<FromEngine, ToEngine>(port2));
    const silent = new Promise<void>((resolve) => port1.once('message', () => resolve()));
    const waiting = relay.call('app.info', {}, 1);
    await silent; // the call reached the "engine", which never answers
    relay.stopped('退出代码 9');
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'ENGINE_STOPPED' } });
    expect(await relay.call('app.info', {}, 1)).toMatchObject({ ok: false, error: { code: 'ENGINE_STOPPED', message: expect.stringContaining('重新打开') } });
    expect(await relay.started).toMatchObject({ ok: false });
    port1.close();
  });
});

describe('the desktop folder dialog\'s grant: main → relay → engine', () => {
  it('lets a backup go to a folder only once it is granted; a missing folder is refused with its code', async () => {
    const file = path.join(scratch(), 'workbench.sqlite');
    const usb = scratch();
    const { port1, port2 } = new MessageChannel();
    const served = serveDatabase(portEnd<ToEngine, FromEngine>(port1), file);
    const relay = createEngineRelay(portEnd<FromEngine, ToEngine>(port2));
    expect(await relay.started).toMatchObject({ ok: true });
    expect(await relay.call('auth.setup', ADMIN, 1)).toMatchObject({ ok: true });
    expect(await relay.call('backups.create', { directory: usb }, 1)).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(fs.readdirSync(usb)).toEqual([]);
    expect(await relay.grant(usb)).toEqual({ ok: true, data: { folder: fs.realpathSync(usb) } });
    const made = await relay.call('backups.create', { directory: usb }, 1);
    expect(made).toMatchObject({ ok: true });
    expect(fs.readdirSync(usb)).toHaveLength(1);
    expect(path.dirname((made as { data: { file: string } }).data.file)).toBe(fs.realpathSync(usb));
    // Only that folder: its parent stays refused.
    expect(await relay.call('backups.create', { directory: path.dirname(usb) }, 1)).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(await relay.grant(path.join(usb, 'missing'))).toMatchObject({ ok: false, error: { code: 'FOLDER_UNAVAILABLE', message: expect.stringContaining('文件夹不存在') } });
    await relay.shutdown();
    await served;
    port1.close();
  });
});

describe('a window call end to end: ipcMain → sender check → relay → engine host', () => {
  it('answers our page through the engine and refuses another sender before anything reaches the engine', async () => {
    const file = path.join(scratch(), 'workbench.sqlite');
    const { port1, port2 } = new MessageChannel();
    const reached: string[] = [];
    port1.on('message', (message: ToEngine) => { if (message.type === 'call') reached.push(message.channel); });
    const served = serveDatabase(portEnd<ToEngine, FromEngine>(port1), file);
    const relay = createEngineRelay(portEnd<FromEngine, ToEngine>(port2));
    const handlers = new Map<string, (event: IpcEventLike, input: unknown) => Promise<unknown>>();
    registerIpc({ handle: (channel, listener) => { handlers.set(channel, listener); } }, (channel, input, windowId) => relay.call(channel, input, windowId), ['app://workbench']);
    const invoke = (url: string, windowId: number, channel: string, input: unknown) => handlers.get(channel)!({ senderFrame: { url }, sender: { id: windowId } }, input);

    expect(await invoke('app://workbench/index.html', 3, 'auth.setup', ADMIN)).toMatchObject({ ok: true });
    expect(await invoke('app://workbench/index.html', 3, 'app.info', {})).toMatchObject({ ok: true, data: { county: { name: '卢龙县' } } });
    expect(await invoke('https://evil.example/', 3, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(reached).toEqual(['auth.setup', 'app.info']);
    await relay.shutdown();
    await served;
    port1.close();
  });
});

describe('the engine process entry in a forked child', () => {
  function startChild(file: string) {
    const child = fork(path.join(ROOT, 'electron', 'utility', 'engine-process.ts'), [], {
      execArgv: ['--import', 'tsx'], env: { ...process.env, WORKBENCH_DB: file }, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    children.push(child);
    const relay = createEngineRelay({ postMessage: (m) => child.send(m), onMessage: (l) => child.on('message', (m) => l(m as FromEngine)) });
    child.on('exit', (code) => relay.stopped(`退出代码 ${code}`));
    return { child, relay };
  }

  it('serves the contract from another process and exits after shutdown', async () => {
    const file = path.join(scratch(), 'workbench.sqlite');
    const { child, relay } = startChild(file);
    expect(await relay.started).toEqual({ ok: true, db: file });
    expect(child.pid).not.toBe(process.pid);
    expect(await relay.call('auth.setup', ADMIN, 7)).toMatchObject({ ok: true });
    expect(await relay.call('app.info', {}, 7)).toMatchObject({ ok: true, data: { county: { code: '130324000000' } } });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await relay.shutdown();
    expect(await exited).toBe(0);
  }, 60_000);

  it('reports a database from a newer version as a coded start failure and never writes it', async () => {
    const file = path.join(scratch(), 'workbench.sqlite');
    await (await initCountyDatabase(file)).close();
    const sqlite = new Database(file);
    sqlite.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('209912312359_from_a_newer_version', '2099-12-31T23:59:00.000Z');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
    const before = fs.readFileSync(file);
    const { relay } = startChild(file);
    expect(await relay.started).toMatchObject({ ok: false, error: { code: 'DB_SCHEMA_NEWER' } });
    expect(await relay.call('auth.status', {}, 1)).toMatchObject({ ok: false, error: { code: 'DB_SCHEMA_NEWER' } });
    await relay.shutdown();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  }, 60_000);

  it('answers ENGINE_STOPPED when the engine process is killed', async () => {
    const file = path.join(scratch(), 'workbench.sqlite');
    const { child, relay } = startChild(file);
    expect(await relay.started).toMatchObject({ ok: true });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(await relay.call('auth.status', {}, 1)).toMatchObject({ ok: false, error: { code: 'ENGINE_STOPPED' } });
  }, 60_000);
});
