// Relay benchmark (issue 10): the desktop app's engine runs in its own process and every call crosses a
// message channel. The cost of that hop for the largest answer the UI asks for (人员台账, people.list on
// the demo county) and a small one (app.info): the same call through handleRequest in-process (baseline),
// through the relay over a Node MessageChannel, and through the relay to the real engine entry in a forked
// child (structured clone across processes, as Electron's utilityProcess). Printed, never asserted.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { initCountyDatabase } from '../electron/backend/county-setup';
import { createContext, createEngine } from '../electron/backend/context';
import { seedDemo } from '../electron/backend/demo/seed';
import { handleRequest } from '../electron/backend/dispatch';
import { createEngineRelay, type EngineRelay } from '../electron/main/engine-relay';
import { serveEngine } from '../electron/utility/engine-host';
import type { FromEngine, MessageEnd, ToEngine } from '../electron/utility/protocol';
import { openDatabase } from '../electron/backend/db/database';
import type { BenchRow } from './payroll';

const ADMIN = { username: 'bench', displayName: '基准', password: 'Bench-12345!' };

async function median(runs: number, task: () => Promise<unknown>): Promise<number> {
  await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await task();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const portEnd = <In, Out>(port: MessagePort): MessageEnd<In, Out> => ({ postMessage: (m) => port.postMessage(m), onMessage: (l) => port.on('message', l) });

async function ok(relay: EngineRelay, channel: string, input: unknown): Promise<unknown> {
  const result = await relay.call(channel, input, 1);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

export async function benchRelay(): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-bench-'));
  const file = path.join(dir, 'bench.sqlite');
  const wdb = await initCountyDatabase(file);
  await seedDemo(await createContext(wdb));
  await wdb.close();
  try {
    // Baseline: the engine in this process, one session.
    const engine = await createEngine(await openDatabase(file));
    let token: string | undefined;
    const door = { token: () => token, setToken: (t: string | undefined) => { token = t; } };
    await handleRequest(engine, door, 'auth.setup', ADMIN);
    const direct = (channel: string) => () => handleRequest(engine, door, channel, {});
    const people = await handleRequest(engine, door, 'people.list', {});
    const rows = people.ok ? (people.data as { rows: unknown[] }).rows.length : 0;
    const directList = await median(9, direct('people.list'));
    const directInfo = await median(50, direct('app.info'));

    // The relay over a MessageChannel, the same engine behind it.
    const { port1, port2 } = new MessageChannel();
    const served = serveEngine(portEnd<ToEngine, FromEngine>(port1), async () => engine);
    const relay = createEngineRelay(portEnd<FromEngine, ToEngine>(port2));
    await relay.started;
    await ok(relay, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const channelList = await median(9, () => ok(relay, 'people.list', {}));
    const channelInfo = await median(50, () => ok(relay, 'app.info', {}));
    // The baseline again after the relay's runs, so warm-up and a busy machine favour neither side.
    const directListAgain = await median(9, direct('people.list'));
    await relay.shutdown();
    await served;
    port1.close();

    // The real engine entry in a forked child.
    const child = fork(path.join(__dirname, '..', 'electron', 'utility', 'engine-process.ts'), [], {
      execArgv: ['--import', 'tsx'], env: { ...process.env, WORKBENCH_DB: file }, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const childRelay = createEngineRelay({ postMessage: (m) => child.send(m), onMessage: (l) => child.on('message', (m) => l(m as FromEngine)) });
    child.on('exit', (code) => childRelay.stopped(`exit ${code}`));
    await childRelay.started;
    await ok(childRelay, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const childList = await median(9, () => ok(childRelay, 'people.list', {}));
    const childInfo = await median(50, () => ok(childRelay, 'app.info', {}));
    await childRelay.shutdown();

    return [
      { name: 'people.list, MessageChannel', ms: channelList, budgetMs: null, baseline: 'in-process', baselineMs: Math.min(directList, directListAgain), detail: `${rows} people (in-process before/after: ${directList.toFixed(1)} / ${directListAgain.toFixed(1)} ms)` },
      { name: 'people.list, forked child', ms: childList, budgetMs: null, baseline: 'in-process', baselineMs: Math.min(directList, directListAgain), detail: `${rows} people, structured clone across processes` },
      { name: 'app.info, MessageChannel', ms: channelInfo, budgetMs: null, baseline: 'in-process', baselineMs: directInfo, detail: '' },
      { name: 'app.info, forked child', ms: childInfo, budgetMs: null, baseline: 'in-process', baselineMs: directInfo, detail: '' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
