// The desktop shell: one window, the security settings Electron recommends, and a relay to the engine.
// The engine (database, rules, Excel) runs in its own utilityProcess (dist/engine.cjs), so a long import or
// report never freezes the window; this process owns no data. Decisions live in pure modules that are
// tested in plain Node: window-policy.ts (options, navigation, links, CSP), ipc.ts (sender check, channels),
// engine-relay.ts (messages to the engine), desktop.ts (打印 to PDF, the folder dialog's grant).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell, utilityProcess } from 'electron';
import { defaultDataDir } from '../backend/data-dir';
import { registerIpc } from './ipc';
import { registerDesktopIpc, type DesktopShell } from './desktop';
import { createEngineRelay, type EngineRelay } from './engine-relay';
import { APP_ORIGIN, externalUrlAllowed, navigationAllowed, rendererFileFor, requestAllowed, windowOptions, withContentSecurityPolicy } from './window-policy';
import type { FromEngine } from '../utility/protocol';

// One copy of the app per user: a second start focuses the open window instead of opening the database twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  // The same data folder as `workbench serve`, so the desktop and the browser share one database.
  app.setPath('userData', defaultDataDir());
  // Date pickers and number formats in Chinese whatever the Windows display language (年/月/日, not mm/dd/yyyy).
  app.commandLine.appendSwitch('lang', 'zh-CN');

  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Every web contents, present and future: no webviews, no leaving our pages, no new windows.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event) => { if (!navigationAllowed(event.url)) event.preventDefault(); });
    contents.on('will-redirect', (event) => { if (!navigationAllowed(event.url)) event.preventDefault(); });
    contents.setWindowOpenHandler(({ url }) => {
      if (externalUrlAllowed(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  const startEngineProcess = (): EngineRelay => {
    const child = utilityProcess.fork(path.join(__dirname, 'engine.cjs'), [], { serviceName: 'workbench-engine', stdio: 'inherit' });
    const relay = createEngineRelay({ postMessage: (message) => child.postMessage(message), onMessage: (listener) => child.on('message', (message: FromEngine) => listener(message)) });
    child.on('exit', (code) => relay.stopped(`退出代码 ${code}`));
    return relay;
  };

  const createWindow = async (relay: EngineRelay): Promise<void> => {
    const rendererDir = path.join(__dirname, 'renderer');
    protocol.handle('app', (request) => {
      const file = rendererFileFor(request.url, rendererDir);
      return file ? net.fetch(pathToFileURL(file).toString()) : new Response('forbidden', { status: 403 });
    });
    const rendererFiles = pathToFileURL(rendererDir).toString();
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }));
    // No remote content: nothing outside our own origin is fetched.
    session.defaultSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !requestAllowed(details.url, rendererFiles, app.isPackaged) }));
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);

    const window = new BrowserWindow(windowOptions({ preload: path.join(__dirname, 'preload.cjs'), packaged: app.isPackaged }));
    mainWindow = window;
    const windowId = window.webContents.id;
    window.on('closed', () => { relay.forget(windowId); mainWindow = null; });
    await window.loadURL(`${APP_ORIGIN}/index.html`);
  };

  /** Our window, when it sent the call. */
  const windowOf = (senderId: number): BrowserWindow => {
    if (!mainWindow || mainWindow.webContents.id !== senderId) throw new Error('窗口已关闭');
    return mainWindow;
  };
  const desktopShell = (relay: EngineRelay): DesktopShell => ({
    askSavePath: async (senderId, suggested) => {
      const chosen = await dialog.showSaveDialog(windowOf(senderId), {
        title: '保存为PDF', defaultPath: path.join(app.getPath('documents'), suggested), filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
      });
      return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
    },
    // A4 as the print stylesheet lays it out (@page: landscape, margins), backgrounds for the header shading.
    printToPDF: (senderId) => windowOf(senderId).webContents.printToPDF({ pageSize: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true }),
    writeFile: (file, bytes) => fs.promises.writeFile(file, bytes),
    askFolder: async (senderId) => {
      const chosen = await dialog.showOpenDialog(windowOf(senderId), { title: '选择备份文件夹', properties: ['openDirectory', 'createDirectory'] });
      return chosen.canceled ? null : chosen.filePaths[0] ?? null;
    },
    grantFolder: (folder) => relay.grant(folder),
  });

  app.whenReady().then(async () => {
    const relay = startEngineProcess();
    const started = await relay.started;
    if (!started.ok) {
      // e.g. a database written by a newer version: say why in Chinese and stop, nothing opened for writing.
      dialog.showErrorBox('县级就业帮扶工作台无法启动', started.error.message);
      app.exit(2);
      return;
    }
    registerIpc(ipcMain, (channel, input, windowId) => relay.call(channel, input, windowId), [APP_ORIGIN]);
    registerDesktopIpc(ipcMain, desktopShell(relay), [APP_ORIGIN]);
    await createWindow(relay);
    app.on('window-all-closed', () => { void relay.shutdown().finally(() => app.quit()); });
  }).catch((error: unknown) => {
    console.error('workbench failed to start:', error);
    app.exit(1);
  });
}
