// The desktop shell: one window, the security settings Electron recommends, and one of three modes, read
// from the seat's saved connection at start (connection.ts):
// - 本机数据库 (local): the engine (database, rules, Excel) runs in its own utilityProcess (dist/engine.cjs),
//   so a long import or report never freezes the window; this process owns no data; the window shows our
//   app:// pages and talks to the engine over IPC.
// - 连接单位服务器 (office): no engine is started; the window loads the office's `workbench serve` at the one
//   configured origin and may go nowhere else; the page talks to its server over HTTP with the server's
//   session and CSRF checks, as in any browser; window.desktop offers printing only.
// - not chosen yet (first start, an unusable setting, or 连接 → 更改连接方式…): our app:// page asks.
// Changing the mode saves it and restarts the app. Decisions live in pure modules that are tested in plain
// Node: window-policy.ts (options, navigation, links, CSP), connection.ts (the setting, the office origin's
// rules, the menu), ipc.ts (sender check, channels), engine-relay.ts (messages to the engine), desktop.ts
// (打印 to PDF, the folder dialog's grant, the connection channels).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell, utilityProcess, type MenuItemConstructorOptions } from 'electron';
import { defaultDataDir } from '../backend/data-dir';
import { registerIpc } from './ipc';
import { registerDesktopIpc, type DesktopShell } from './desktop';
import { createEngineRelay, type EngineRelay } from './engine-relay';
import { APP_ORIGIN, externalUrlAllowed, navigationAllowed, rendererFileFor, requestAllowed, windowOptions, withContentSecurityPolicy } from './window-policy';
import { CHOOSE_SWITCH, isOfficeUrl, loadFailureMessage, menuTemplate, officeRequestAllowed, readConnection, writeConnection, type ConnectionSetting } from './connection';
import { OFFICE_DESKTOP_CHANNELS, type DesktopConnection } from '../../shared/contract/desktop';
import { messageFor } from '../../shared/domain/errors';
import type { FromEngine } from '../utility/protocol';

// One copy of the app per user: a second start focuses the open window instead of opening the database twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  // The same data folder as `workbench serve`, so the desktop and the browser share one database.
  const dataDir = defaultDataDir();
  app.setPath('userData', dataDir);
  // Date pickers and number formats in Chinese whatever the Windows display language (年/月/日, not mm/dd/yyyy).
  app.commandLine.appendSwitch('lang', 'zh-CN');

  const saved = readConnection(dataDir);
  // 更改连接方式… restarts with CHOOSE_SWITCH: the page asks again, showing what is saved now.
  const connection: DesktopConnection = process.argv.includes(CHOOSE_SWITCH) && saved.mode !== null
    ? { mode: null, ...(saved.mode === 'office' ? { origin: saved.origin } : {}) }
    : saved;
  const office = connection.mode === 'office' ? connection.origin : null;

  let mainWindow: BrowserWindow | null = null;
  let relay: EngineRelay | null = null;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Every web contents, present and future: no webviews, no leaving our pages (or the office origin), no new
  // windows. A link outside opens in the system browser only when allowed: the official policy sites from our
  // own pages; nothing but the office origin itself from the office's pages.
  const pageAllowed = (url: string) => (office ? isOfficeUrl(url, office) : navigationAllowed(url));
  const externalAllowed = (url: string) => (office ? isOfficeUrl(url, office) : externalUrlAllowed(url));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event) => { if (!pageAllowed(event.url)) event.preventDefault(); });
    contents.on('will-redirect', (event) => { if (!pageAllowed(event.url)) event.preventDefault(); });
    contents.setWindowOpenHandler(({ url }) => {
      if (externalAllowed(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  // No 'certificate-error' handler: Chromium refuses a certificate the system does not trust, and the load
  // fails with the message below (the office installs its certificate in the system store instead).

  /** Restarts the app (after the engine has closed its database), optionally to ask for the connection again. */
  const restart = (choose: boolean): void => {
    const args = process.argv.slice(1).filter((arg) => arg !== CHOOSE_SWITCH);
    void (relay ? relay.shutdown() : Promise.resolve()).finally(() => {
      app.relaunch({ args: choose ? [...args, CHOOSE_SWITCH] : args });
      app.exit(0);
    });
  };

  const confirm = async (message: string, yes: string): Promise<boolean> => {
    const options = { type: 'question' as const, title: '连接方式', message, buttons: [yes, '取消'], defaultId: 0, cancelId: 1, noLink: true };
    const answer = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
    return answer.response === 0;
  };
  const menuActions = {
    chooseAgain: () => { void confirm('重新选择本机使用本机数据库还是连接单位服务器。工作台将重新启动，未保存的输入会丢失。', '重新选择').then((yes) => { if (yes) restart(true); }); },
    useLocal: () => {
      void confirm('改用本机数据库：本机的工作台将不再连接单位服务器，只使用本机上的数据。工作台将重新启动。', '改用本机数据库').then((yes) => {
        if (!yes) return;
        writeConnection(dataDir, { mode: 'local' });
        restart(false);
      });
    },
  };

  const startEngineProcess = (): EngineRelay => {
    const child = utilityProcess.fork(path.join(__dirname, 'engine.cjs'), [], { serviceName: 'workbench-engine', stdio: 'inherit' });
    const started = createEngineRelay({ postMessage: (message) => child.postMessage(message), onMessage: (listener) => child.on('message', (message: FromEngine) => listener(message)) });
    child.on('exit', (code) => started.stopped(`退出代码 ${code}`));
    return started;
  };

  /** The session's guards: our CSP, requests only to our pages (or the office origin), every permission refused. */
  const guardSession = (): void => {
    const rendererDir = path.join(__dirname, 'renderer');
    const rendererFiles = pathToFileURL(rendererDir).toString();
    if (!office) {
      protocol.handle('app', (request) => {
        const file = rendererFileFor(request.url, rendererDir);
        return file ? net.fetch(pathToFileURL(file).toString()) : new Response('forbidden', { status: 403 });
      });
    }
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }));
    // No remote content: nothing outside our own origin (or the office's) is fetched.
    session.defaultSession.webRequest.onBeforeRequest((details, callback) => callback({
      cancel: !(office ? officeRequestAllowed(details.url, office, app.isPackaged) : requestAllowed(details.url, rendererFiles, app.isPackaged)),
    }));
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  };

  const openWindow = (preload: string, onClosed: (windowId: number) => void): BrowserWindow => {
    const window = new BrowserWindow(windowOptions({ preload: path.join(__dirname, preload), packaged: app.isPackaged }));
    mainWindow = window;
    const windowId = window.webContents.id;
    window.on('closed', () => { onClosed(windowId); mainWindow = null; });
    return window;
  };

  /** The office page did not load (certificate, network): say why in Chinese; 重试, 更改连接方式 or 退出. */
  const showLoadFailure = async (window: BrowserWindow, origin: string, errorCode: number, description: string): Promise<void> => {
    const { title, message } = loadFailureMessage(errorCode, description, origin);
    const answer = await dialog.showMessageBox(window, { type: 'error', title, message, buttons: ['重试', '更改连接方式…', '退出'], defaultId: 0, cancelId: 2, noLink: true });
    if (answer.response === 0) void window.loadURL(origin).catch(() => undefined);
    else if (answer.response === 1) restart(true);
    else app.quit();
  };

  /** Windows of our own: the first start's question, or the local workbench. */
  const askSavePath = async (senderId: number, suggested: string) => {
    const chosen = await dialog.showSaveDialog(windowOf(senderId), {
      title: '保存为PDF', defaultPath: path.join(app.getPath('documents'), suggested), filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
    });
    return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
  };
  /** Our window, when it sent the call. */
  const windowOf = (senderId: number): BrowserWindow => {
    if (!mainWindow || mainWindow.webContents.id !== senderId) throw new Error('窗口已关闭');
    return mainWindow;
  };
  const desktopShell: DesktopShell = {
    askSavePath,
    // A4 as the print stylesheet lays it out (@page: landscape, margins), backgrounds for the header shading.
    printToPDF: (senderId) => windowOf(senderId).webContents.printToPDF({ pageSize: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true }),
    writeFile: (file, bytes) => fs.promises.writeFile(file, bytes),
    askFolder: async (senderId) => {
      const chosen = await dialog.showOpenDialog(windowOf(senderId), { title: '选择备份文件夹', properties: ['openDirectory', 'createDirectory'] });
      return chosen.canceled ? null : chosen.filePaths[0] ?? null;
    },
    grantFolder: (folder) => (relay ? relay.grant(folder) : Promise.resolve({ ok: false, error: { code: 'ENGINE_STOPPED', message: messageFor('ENGINE_STOPPED', { detail: '本机数据库未启动' }) } })),
    connection: () => connection,
    saveConnection: (setting: ConnectionSetting) => writeConnection(dataDir, setting),
    restart: () => restart(false),
  };

  app.whenReady().then(async () => {
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(connection, menuActions, app.isPackaged) as MenuItemConstructorOptions[]));
    guardSession();

    if (office) {
      // 连接单位服务器: no engine here; the window is a browser onto that one origin.
      registerDesktopIpc(ipcMain, desktopShell, [office], OFFICE_DESKTOP_CHANNELS);
      const window = openWindow('preload-office.cjs', () => undefined);
      window.webContents.on('did-fail-load', (_event, errorCode: number, description: string, _url: string, isMainFrame: boolean) => {
        // -3 (ERR_ABORTED) is a navigation we refused ourselves, not a failure to report.
        if (isMainFrame && errorCode !== -3) void showLoadFailure(window, office, errorCode, description);
      });
      // A failed load rejects here too; did-fail-load has said why.
      await window.loadURL(office).catch(() => undefined);
      app.on('window-all-closed', () => app.quit());
      return;
    }

    if (connection.mode === null) {
      // The first start (or a setting that cannot be used): our page asks, nothing else runs.
      registerDesktopIpc(ipcMain, desktopShell, [APP_ORIGIN], ['desktop.connection', 'desktop.connect']);
      await openWindow('preload.cjs', () => undefined).loadURL(`${APP_ORIGIN}/index.html`);
      app.on('window-all-closed', () => app.quit());
      return;
    }

    const engine = startEngineProcess();
    relay = engine;
    const started = await engine.started;
    if (!started.ok) {
      // e.g. a database written by a newer version: say why in Chinese and stop, nothing opened for writing.
      dialog.showErrorBox('县级就业帮扶工作台无法启动', started.error.message);
      app.exit(2);
      return;
    }
    registerIpc(ipcMain, (channel, input, windowId) => engine.call(channel, input, windowId), [APP_ORIGIN]);
    registerDesktopIpc(ipcMain, desktopShell, [APP_ORIGIN]);
    await openWindow('preload.cjs', (windowId) => engine.forget(windowId)).loadURL(`${APP_ORIGIN}/index.html`);
    app.on('window-all-closed', () => { void engine.shutdown().finally(() => app.quit()); });
  }).catch((error: unknown) => {
    console.error('workbench failed to start:', error);
    app.exit(1);
  });
}
