// Entry of the engine process (dist/engine.cjs). In the desktop app Electron starts it with
// utilityProcess.fork and talks over process.parentPort; a plain Node child started with fork() talks over
// process.send — the same engine either way. The database is WORKBENCH_DB or the default data folder's.
import { defaultDatabasePath } from '../backend/data-dir';
import { serveDatabase } from './engine-host';
import type { FromEngine, MessageEnd, ToEngine } from './protocol';

interface ParentPort {
  on(event: 'message', listener: (event: { data: ToEngine }) => void): void;
  postMessage(message: FromEngine): void;
}

function parentEnd(): MessageEnd<ToEngine, FromEngine> {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) return { postMessage: (m) => parentPort.postMessage(m), onMessage: (l) => parentPort.on('message', (event) => l(event.data)) };
  if (process.send) return { postMessage: (m) => process.send!(m), onMessage: (l) => process.on('message', (m) => l(m as ToEngine)) };
  throw new Error('the engine process needs a parent to talk to (Electron utilityProcess or a forked Node child)');
}

const file = process.env.WORKBENCH_DB ?? defaultDatabasePath();
serveDatabase(parentEnd(), file)
  .then(() => process.exit(0))
  .catch((error: unknown) => { console.error('[engine] stopped:', error); process.exit(1); });
