// `npm start`: the desktop window when the Electron binary is here (or can be fetched); otherwise one line
// saying so, and the same workbench served on 127.0.0.1 for a browser.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

/** The binary's path when it is installed — read the way electron/index.js does, without requiring it
 * (requiring it starts a download that hangs on a machine without internet). */
export function installedElectronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const file = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return fs.existsSync(file) ? file : null;
  }
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const file = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(file) ? file : null;
}

/** Can the Electron download site be reached at all? A short probe, so no download is started that hangs. */
function downloadSiteReachable(timeoutMs = 3000) {
  return new Promise((resolve) => {
    const request = https.request({ host: 'github.com', method: 'HEAD', path: '/', timeout: timeoutMs }, () => { request.destroy(); resolve(true); });
    request.on('timeout', () => { request.destroy(); resolve(false); });
    request.on('error', () => resolve(false));
    request.end();
  });
}

function serveInstead(reason) {
  console.log(`${reason}: serving the workbench in the browser instead (桌面程序不可用，改为浏览器访问).`);
  const child = spawn(process.execPath, [path.join(root, 'bin', 'workbench.cjs'), 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function main() {
  if (!fs.existsSync(path.join(root, 'dist', 'main.cjs'))) {
    if (spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status !== 0) process.exit(1);
  }
  let binary = installedElectronBinary();
  if (!binary && fs.existsSync(electronDir) && (await downloadSiteReachable())) {
    console.log('Downloading the Electron binary (first start)…');
    const installed = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'inherit', timeout: 10 * 60_000 });
    if (installed.status === 0) binary = installedElectronBinary();
  }
  if (!binary) return serveInstead('The Electron binary is not installed and cannot be downloaded here');
  // The desktop loads better-sqlite3 inside Electron: rebuild it for Electron's ABI (npm test rebuilds it for Node).
  const rebuilt = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-builder', 'cli.js'), 'install-app-deps'], { stdio: 'inherit', cwd: root });
  if (rebuilt.status !== 0) return serveInstead('better-sqlite3 could not be rebuilt for Electron');
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
