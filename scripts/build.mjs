// Builds what runs: the CLI/engine bundle, the Electron main and preload bundles (esbuild, CommonJS for
// Node 20 and Electron), and the renderer (vite). Runs on `npm install` (prepare) and `npm run build`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const external = [...Object.keys(pkg.dependencies), 'electron'];
const only = process.argv[2];

fs.mkdirSync(dist, { recursive: true });
const started = Date.now();

if (!only || only === 'engine') {
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', external, sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root };
  await Promise.all([
    esbuild({ ...common, entryPoints: ['electron/cli/cli.ts'], outfile: 'dist/cli.cjs' }),
    esbuild({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/main.cjs' }),
    // The desktop app's engine process (Electron utilityProcess): the database and every rule run there.
    esbuild({ ...common, entryPoints: ['electron/utility/engine-process.ts'], outfile: 'dist/engine.cjs' }),
    // A large import sheet is read on a worker thread (electron/backend/import/xlsx/scan-aside.ts): its script.
    esbuild({ ...common, entryPoints: ['electron/backend/import/xlsx/scan-worker.ts'], outfile: 'dist/xlsx-scan.cjs' }),
    esbuild({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/preload.cjs', sourcemap: false }),
    // The window onto the office server (连接单位服务器): printing only, no window.api.
    esbuild({ ...common, entryPoints: ['electron/preload/preload-office.ts'], outfile: 'dist/preload-office.cjs', sourcemap: false }),
  ]);
  fs.copyFileSync(path.join(root, 'electron/backend/divisions/divisions.txt.gz'), path.join(dist, 'divisions.txt.gz'));
}

if (!only || only === 'renderer') {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'vite.config.mts'), logLevel: 'warn' });
}
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
