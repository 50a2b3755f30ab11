// The desktop shell: one window, the IPC contract, and the security settings Electron recommends.
// All data and rules live in the engine (electron/backend); this file only wires them to a window.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, net, session, shell } from 'electron';
import { pathToFileURL } from 'node:url';
import { startEngine } from '../backend/engine';
import { handleRequest } from '../backend/dispatch';
import { defaultDatabasePath, defaultDataDir } from '../backend/data-dir';
import { registerIpc } from './ipc';
import { registerPrintToPdf } from './print';
import { CONTENT_SECURITY_POLICY } from '../cli/server';

const APP_ORIGIN = 'app://workbench';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

async function createWindow(): Promise<void> {
  const rendererDir = path.join(__dirname, 'renderer');
  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(rendererDir, relative);
    if (!file.startsWith(rendererDir + path.sep)) return new Response('forbidden', { status: 403 });
    return net.fetch(pathToFileURL(file).toString());
  });

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // No remote content: nothing outside our own origin is fetched.
  const rendererFiles = pathToFileURL(rendererDir).toString();
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    // Our own page and the renderer's files behind it (the app:// handler reads them with net.fetch).
    const allowed = [`${APP_ORIGIN}/`, `${rendererFiles}/`, 'blob:', 'data:', 'devtools:'].some((prefix) => details.url.startsWith(prefix));
    callback({ cancel: !allowed });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: '县级就业帮扶工作台',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => { if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault(); });
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

// The same data folder as `workbench serve`, so the desktop and the browser share one database.
app.setPath('userData', defaultDataDir());

app.whenReady().then(async () => {
  const file = process.env.WORKBENCH_DB ?? defaultDatabasePath();
  const engine = await startEngine(file, { createIfMissing: true });
  // Each window keeps its own login session, held here in the main process (never in the page).
  const sessions = new Map<number, string>();
  registerIpc(ipcMain, (channel, input, windowId) => handleRequest(engine, {
    token: () => sessions.get(windowId),
    setToken: (token) => { if (token) sessions.set(windowId, token); else sessions.delete(windowId); },
  }, channel, input), [APP_ORIGIN]);
  registerPrintToPdf(ipcMain, dialog, (contents) => BrowserWindow.fromWebContents(contents), [APP_ORIGIN]);
  await createWindow();
  app.on('window-all-closed', async () => { await engine.wdb.close(); app.quit(); });
}).catch((error) => {
  console.error('workbench failed to start:', error);
  app.exit(1);
});
