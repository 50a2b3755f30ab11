import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract/channels';
import { registerIpc, isTrustedUrl, type IpcEventLike } from './ipc';
import { dispatch } from '../backend/dispatch';
import { createTempDb } from '../backend/testing/temp-db';
import { requireSqlite } from '../backend/db/database';

/** A stand-in for Electron's ipcMain that records handlers so a test can call them like the renderer. */
class FakeIpcMain {
  readonly handlers = new Map<string, (event: IpcEventLike, input: unknown) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcEventLike, input: unknown) => Promise<unknown>) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  invoke(channel: string, senderUrl: string | null, input: unknown) {
    return this.handlers.get(channel)!({ senderFrame: senderUrl === null ? null : { url: senderUrl }, sender: { id: 1 } }, input);
  }
}

const ORIGIN = 'app://workbench';

describe('IPC registration', () => {
  it('registers exactly one handler per contract channel', async () => {
    const ipc = new FakeIpcMain();
    registerIpc(ipc, async () => ({ ok: true, data: null }), [ORIGIN]);
    expect([...ipc.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('answers a call with bad input with a validation error, and a good call with data, through the real engine', async () => {
    const temp = await createTempDb();
    try {
      const ipc = new FakeIpcMain();
      registerIpc(ipc, (channel, input) => dispatch(temp.ctx, channel, input), [ORIGIN]);
      const bad = await ipc.invoke('people.save', `${ORIGIN}/index.html`, { person: { idNumber: 42 } });
      expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      const extra = await ipc.invoke('app.info', `${ORIGIN}/index.html`, { sneaky: true });
      expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      const good = await ipc.invoke('app.info', `${ORIGIN}/index.html`, {});
      expect(good).toMatchObject({ ok: true, data: { county: { name: '卢龙县' } } });
      const count = (requireSqlite(temp.ctx.wdb, 'test').prepare('select count(*) n from people').get() as { n: number }).n;
      expect(count).toBe(0);
    } finally {
      await temp.cleanup();
    }
  });

  it('refuses a call from an untrusted sender without running the engine', async () => {
    const ipc = new FakeIpcMain();
    let calls = 0;
    registerIpc(ipc, async () => { calls += 1; return { ok: true, data: null }; }, [ORIGIN]);
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', '', null]) {
      expect(await ipc.invoke('app.info', url, {})).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    }
    expect(calls).toBe(0);
    await ipc.invoke('app.info', `${ORIGIN}/index.html`, {});
    expect(calls).toBe(1);
  });

  it('compares origins, not prefixes', () => {
    expect(isTrustedUrl('app://workbench/index.html', [ORIGIN])).toBe(true);
    expect(isTrustedUrl('app://workbench.evil/index.html', [ORIGIN])).toBe(false);
    expect(isTrustedUrl('not a url', [ORIGIN])).toBe(false);
  });
});
