// The desktop shell as built, without the Electron binary (it cannot be downloaded here): main.ts and
// preload.ts are bundled the way scripts/build.mjs bundles them and run against a recording stand-in for the
// 'electron' module. What they hand to Electron — window options, guards, IPC channels, the engine process,
// the single-instance lock, window.api — is asserted here; the policies themselves in window-policy.test.ts.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { load } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract/channels';
import { DESKTOP_CHANNELS } from '../../shared/contract/desktop';
import { windowOptions } from './window-policy';
import { CONNECTION_FILE, type ConnectionSetting, type MenuItem } from './connection';

const ROOT = path.resolve(__dirname, '..', '..');
const nodeRequire = createRequire(__filename);

/** Bundles an Electron entry like scripts/build.mjs (CommonJS, 'electron' external) and runs it with `electron` standing in. */
async function bundle(entry: string): Promise<string> {
  const result = await build({ entryPoints: [path.join(ROOT, entry)], bundle: true, platform: 'node', target: 'node20', format: 'cjs', write: false, external: ['electron', 'better-sqlite3', 'kysely', 'exceljs'], logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

async function runBundled(entry: string, electron: unknown, dirname: string): Promise<void> {
  const code = await bundle(entry);
  const module = { exports: {} };
  const requireStandIn = (id: string) => (id === 'electron' ? electron : nodeRequire(id));
  new Function('require', 'module', 'exports', '__dirname', '__filename', code)(requireStandIn, module, module.exports, dirname, path.join(dirname, 'main.cjs'));
}

type Listener = (...args: unknown[]) => unknown;

/** What the stand-in's dialogs answer: the path or folder "the user" picks, or null for 取消; the button of a message box. */
interface DialogAnswers { savePath: string | null; folder: string | null; button: number }

/** A recording stand-in for the parts of 'electron' main.ts uses. */
function fakeElectron(options: { packaged: boolean; gotLock: boolean }) {
  const calls = {
    quit: 0, exit: [] as number[], paths: [] as [string, string][], switches: [] as [string, string][], schemes: [] as unknown[], windows: [] as FakeWindow[], ipc: [] as string[],
    forks: [] as { modulePath: string; options: unknown }[], opened: [] as string[], errors: [] as [string, string][], appEvents: new Map<string, Listener>(),
    handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(), dialogs: [] as { kind: string; window: unknown; options: Record<string, unknown> }[],
    printed: [] as unknown[], messages: [] as Record<string, unknown>[], relaunched: [] as unknown[], menu: null as MenuItem[] | null, protocolHandled: 0,
    beforeRequest: null as ((details: { url: string }, callback: (answer: { cancel: boolean }) => void) => void) | null,
    permissionRequest: null as ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  };
  const answers: DialogAnswers = { savePath: null, folder: null, button: 0 };
  class FakeContents extends EventEmitter {
    static nextId = 1;
    id = FakeContents.nextId++;
    openHandler: ((details: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) { this.openHandler = handler; }
    async printToPDF(printOptions: unknown) { calls.printed.push(printOptions); return Buffer.from('%PDF-1.7 stand-in'); }
  }
  class FakeWindow extends EventEmitter {
    webContents = new FakeContents();
    loaded: string | null = null;
    constructor(readonly options: unknown) {
      super();
      calls.windows.push(this);
      calls.appEvents.get('web-contents-created')?.({}, this.webContents);
    }
    async loadURL(url: string) { this.loaded = url; }
    isMinimized() { return false; }
    restore() {}
    focus() {}
  }
  const child = new EventEmitter() as EventEmitter & { postMessage(message: unknown): void; sent: unknown[] };
  child.sent = [];
  child.postMessage = (message) => child.sent.push(message);
  const session = {
    webRequest: { onHeadersReceived: () => undefined, onBeforeRequest: (listener: typeof calls.beforeRequest) => { calls.beforeRequest = listener; } },
    setPermissionRequestHandler: (handler: typeof calls.permissionRequest) => { calls.permissionRequest = handler; },
    setPermissionCheckHandler: () => undefined,
  };
  const electron = {
    app: {
      isPackaged: options.packaged,
      requestSingleInstanceLock: () => options.gotLock,
      quit: () => { calls.quit += 1; },
      exit: (code: number) => { calls.exit.push(code); },
      setPath: (name: string, value: string) => { calls.paths.push([name, value]); },
      commandLine: { appendSwitch: (name: string, value: string) => { calls.switches.push([name, value]); } },
      on: (event: string, listener: Listener) => { calls.appEvents.set(event, listener); },
      whenReady: () => Promise.resolve(),
      getPath: (name: string) => `/home/clerk/${name}`,
      relaunch: (relaunchOptions: unknown) => { calls.relaunched.push(relaunchOptions); },
    },
    Menu: { buildFromTemplate: (template: MenuItem[]) => template, setApplicationMenu: (menu: MenuItem[]) => { calls.menu = menu; } },
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: (title: string, message: string) => { calls.errors.push([title, message]); },
      showSaveDialog: async (window: unknown, dialogOptions: Record<string, unknown>) => {
        calls.dialogs.push({ kind: 'save', window, options: dialogOptions });
        return answers.savePath === null ? { canceled: true } : { canceled: false, filePath: answers.savePath };
      },
      showMessageBox: async (...args: unknown[]) => {
        calls.messages.push(args.at(-1) as Record<string, unknown>);
        return { response: answers.button };
      },
      showOpenDialog: async (window: unknown, dialogOptions: Record<string, unknown>) => {
        calls.dialogs.push({ kind: 'open', window, options: dialogOptions });
        return answers.folder === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answers.folder] };
      },
    },
    ipcMain: { handle: (channel: string, listener: (event: unknown, input: unknown) => Promise<unknown>) => { calls.ipc.push(channel); calls.handlers.set(channel, listener); } },
    net: { fetch: () => undefined },
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => { calls.schemes.push(...schemes); }, handle: () => { calls.protocolHandled += 1; } },
    session: { defaultSession: session },
    shell: { openExternal: async (url: string) => { calls.opened.push(url); } },
    utilityProcess: { fork: (modulePath: string, _args: string[], forkOptions: unknown) => { calls.forks.push({ modulePath, options: forkOptions }); return child; } },
  };
  return { electron, calls, child, answers };
}

/** The data folder main.ts reads the seat's connection from (WORKBENCH_DATA_DIR): this test's own, local unless a test says otherwise. */
let dataDir: string;
const runDataDir = process.env.WORKBENCH_DATA_DIR;
function saveSetting(setting: ConnectionSetting | string): void {
  fs.writeFileSync(path.join(dataDir, CONNECTION_FILE), typeof setting === 'string' ? setting : JSON.stringify(setting));
}
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-data-'));
  process.env.WORKBENCH_DATA_DIR = dataDir;
  saveSetting({ mode: 'local' });
});
afterEach(() => {
  // Back to the file's own data folder (the run's setup, electron/backend/testing/data-dir.ts), never unset.
  if (runDataDir === undefined) delete process.env.WORKBENCH_DATA_DIR;
  else process.env.WORKBENCH_DATA_DIR = runDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** main.ts (built in `dist`) started in local mode with a ready engine and its window open. */
async function started(dist: string) {
  const fake = fakeElectron({ packaged: true, gotLock: true });
  await runBundled('electron/main/main.ts', fake.electron, dist);
  await expect.poll(() => fake.calls.forks.length).toBe(1);
  fake.child.emit('message', { type: 'ready', db: '/data/workbench.sqlite' });
  await expect.poll(() => fake.calls.windows[0]?.loaded ?? null).toBe('app://workbench/index.html');
  const window = fake.calls.windows[0]!;
  const fromPage = { senderFrame: { url: 'app://workbench/index.html' }, sender: { id: window.webContents.id } };
  const desktop = (channel: string, input: unknown, event: unknown = fromPage) => fake.calls.handlers.get(channel)!(event, input);
  return { ...fake, window, desktop };
}

describe('main.ts as built', () => {
  const dist = path.join(ROOT, 'dist');

  it('forks the engine, opens the window with the policy options, and guards navigation, redirects and new windows', async () => {
    const { electron, calls, child } = fakeElectron({ packaged: true, gotLock: true });
    await runBundled('electron/main/main.ts', electron, dist);
    await expect.poll(() => calls.forks.length).toBe(1);
    expect(calls.forks[0]!.modulePath).toBe(path.join(dist, 'engine.cjs'));
    expect(calls.windows).toHaveLength(0); // the window waits for the engine
    child.emit('message', { type: 'ready', db: '/data/workbench.sqlite' });
    await expect.poll(() => calls.windows[0]?.loaded ?? null).toBe('app://workbench/index.html');

    const window = calls.windows[0]!;
    expect(window.options).toEqual(windowOptions({ preload: path.join(dist, 'preload.cjs'), packaged: true }));
    expect([...calls.ipc].sort()).toEqual([...CHANNELS, ...DESKTOP_CHANNELS].sort());
    expect(calls.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(calls.switches).toEqual([['lang', 'zh-CN']]);

    const prevented = (event: string, url: string) => {
      let stopped = false;
      window.webContents.emit(event, { url, preventDefault: () => { stopped = true; } }, url);
      return stopped;
    };
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(prevented(event, 'https://evil.example/'), event).toBe(true);
      expect(prevented(event, 'file:///etc/passwd'), event).toBe(true);
      expect(prevented(event, 'app://workbench/index.html'), event).toBe(false);
    }
    expect(window.webContents.listenerCount('will-attach-webview')).toBe(1);
    expect(window.webContents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(window.webContents.openHandler!({ url: 'https://www.mohrss.gov.cn/policy.html' })).toEqual({ action: 'deny' });
    expect(calls.opened).toEqual(['https://www.mohrss.gov.cn/policy.html']);

    // Closing the window forgets its session in the engine; closing the app shuts the engine down first.
    window.emit('closed');
    expect(child.sent).toContainEqual({ type: 'forget', windowId: window.webContents.id });
    calls.appEvents.get('window-all-closed')!();
    expect(child.sent.at(-1)).toEqual({ type: 'shutdown' });
    expect(calls.quit).toBe(0);
    child.emit('message', { type: 'closed' });
    await expect.poll(() => calls.quit).toBe(1);
  });

  it('打印: prints the window to A4 PDF and writes it only where the user chose in the save dialog', async () => {
    const { calls, answers, window, desktop } = await started(dist);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'print-'));
    try {
      const chosen = path.join(folder, '六月R4.pdf');
      answers.savePath = chosen;
      const saved = await desktop('desktop.printToPDF', '卢龙县_R4_乡村公益性岗位补贴发放明细表_2022年6月.xlsx');
      expect(saved).toEqual({ ok: true, data: { saved: chosen } });
      expect(fs.readFileSync(chosen, 'utf8')).toBe('%PDF-1.7 stand-in');
      expect(calls.printed).toEqual([{ pageSize: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true }]);
      // The dialog belongs to the window and suggests the report's name as a PDF in 文档; the page chose no folder.
      expect(calls.dialogs[0]).toMatchObject({ kind: 'save', window, options: { defaultPath: path.join('/home/clerk/documents', '卢龙县_R4_乡村公益性岗位补贴发放明细表_2022年6月.pdf') } });
      // A name that tries to leave the folder is only a suggestion, reduced to its last part.
      answers.savePath = path.join(folder, 'chosen');
      expect(await desktop('desktop.printToPDF', '../../../etc/passwd')).toEqual({ ok: true, data: { saved: path.join(folder, 'chosen.pdf') } });
      expect(calls.dialogs[1]!.options.defaultPath).toBe(path.join('/home/clerk/documents', 'passwd.pdf'));
      expect(fs.readdirSync(folder).sort()).toEqual(['chosen.pdf', '六月R4.pdf']);
      // 取消: nothing printed, nothing written.
      answers.savePath = null;
      expect(await desktop('desktop.printToPDF', 'R2.xlsx')).toEqual({ ok: true, data: { saved: null } });
      expect(calls.printed).toHaveLength(2);
      // Another page is refused before any dialog opens.
      const before = calls.dialogs.length;
      expect(await desktop('desktop.printToPDF', 'x', { senderFrame: { url: 'https://evil.example/' }, sender: { id: window.webContents.id } })).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
      expect(calls.dialogs).toHaveLength(before);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('选择文件夹: the folder picked in the dialog is granted to the engine process, and only that one', async () => {
    const { calls, child, answers, window, desktop } = await started(dist);
    answers.folder = 'E:\\备份';
    const answer = desktop('desktop.chooseFolder', null);
    await expect.poll(() => child.sent.find((m) => (m as { type: string }).type === 'grant') ?? null).toMatchObject({ type: 'grant', folder: 'E:\\备份' });
    expect(calls.dialogs[0]).toMatchObject({ kind: 'open', window, options: { properties: ['openDirectory', 'createDirectory'] } });
    const grant = child.sent.find((m) => (m as { type: string }).type === 'grant') as { id: number };
    child.emit('message', { type: 'result', id: grant.id, result: { ok: true, data: { folder: 'E:\\备份' } } });
    expect(await answer).toEqual({ ok: true, data: { folder: 'E:\\备份' } });
    // 取消: nothing granted.
    answers.folder = null;
    expect(await desktop('desktop.chooseFolder', null)).toEqual({ ok: true, data: { folder: null } });
    expect(child.sent.filter((m) => (m as { type: string }).type === 'grant')).toHaveLength(1);
  });

  it('shows the engine\'s coded refusal in a dialog and opens no window', async () => {
    const { electron, calls, child } = fakeElectron({ packaged: true, gotLock: true });
    await runBundled('electron/main/main.ts', electron, dist);
    await expect.poll(() => calls.forks.length).toBe(1);
    child.emit('message', { type: 'failed', error: { code: 'DB_SCHEMA_NEWER', message: '这个数据库由更新版本的工作台写入' } });
    await expect.poll(() => calls.exit).toEqual([2]);
    expect(calls.errors).toEqual([['县级就业帮扶工作台无法启动', '这个数据库由更新版本的工作台写入']]);
    expect(calls.windows).toHaveLength(0);
  });

  it('holds no engine: neither the database nor Excel is loaded in the main process', async () => {
    const code = await bundle('electron/main/main.ts');
    for (const module of ['better-sqlite3', 'kysely', 'exceljs']) expect(code).not.toContain(`require("${module}")`);
    const engine = await bundle('electron/utility/engine-process.ts');
    expect(engine).toContain('require("better-sqlite3")');
  });

  it('a second copy of the app quits at once and leaves the first its database', async () => {
    const { electron, calls } = fakeElectron({ packaged: true, gotLock: false });
    await runBundled('electron/main/main.ts', electron, dist);
    expect(calls.quit).toBe(1);
    expect(calls.forks).toHaveLength(0);
    expect(calls.appEvents.size).toBe(0);
  });
});

describe('main.ts as built: 连接单位服务器 (office mode) and the first start', () => {
  const dist = path.join(ROOT, 'dist');
  const ORIGIN = 'https://192.168.1.10:8443';

  /** Runs main.ts with the seat's connection as saved (or not) and returns the stand-in once a window has loaded. */
  async function startedWith(setting: ConnectionSetting | string | null) {
    if (setting === null) fs.rmSync(path.join(dataDir, CONNECTION_FILE));
    else saveSetting(setting);
    const fake = fakeElectron({ packaged: true, gotLock: true });
    await runBundled('electron/main/main.ts', fake.electron, dist);
    await expect.poll(() => fake.calls.windows[0]?.loaded ?? null).not.toBeNull();
    const window = fake.calls.windows[0]!;
    const from = (url: string) => ({ senderFrame: { url }, sender: { id: window.webContents.id } });
    const desktop = (channel: string, input: unknown, event: unknown = from('app://workbench/index.html')) => fake.calls.handlers.get(channel)!(event, input);
    const prevented = (event: string, url: string) => {
      let stopped = false;
      window.webContents.emit(event, { url, preventDefault: () => { stopped = true; } }, url);
      return stopped;
    };
    const requestCancelled = (url: string) => {
      let cancel: boolean | null = null;
      fake.calls.beforeRequest!({ url }, (answer) => { cancel = answer.cancel; });
      return cancel;
    };
    return { ...fake, window, from, desktop, prevented, requestCancelled };
  }

  it('loads only the configured origin, starts no engine, and keeps the window there', async () => {
    const { calls, window, prevented, requestCancelled } = await startedWith({ mode: 'office', origin: ORIGIN });
    expect(window.loaded).toBe(ORIGIN);
    expect(calls.forks).toHaveLength(0);
    expect(calls.protocolHandled).toBe(0);
    // The same isolated, sandboxed window; its preload gives printing only.
    expect(window.options).toEqual(windowOptions({ preload: path.join(dist, 'preload-office.cjs'), packaged: true }));
    // No contract channel over IPC (the page talks HTTP to its server), no folder grant, no connection change.
    expect(calls.ipc).toEqual(['desktop.printToPDF']);

    for (const event of ['will-navigate', 'will-redirect']) {
      expect(prevented(event, `${ORIGIN}/`), event).toBe(false);
      expect(prevented(event, `${ORIGIN}/index.html#/people`), event).toBe(false);
      for (const elsewhere of ['https://evil.example/', 'http://192.168.1.10:8443/', 'https://192.168.1.10:8444/', 'https://192.168.1.10/', `https://user:pw@192.168.1.10:8443/`, 'app://workbench/index.html', 'file:///etc/passwd']) {
        expect(prevented(event, elsewhere), `${event} ${elsewhere}`).toBe(true);
      }
    }
    expect(requestCancelled(`${ORIGIN}/api/people.list`)).toBe(false);
    expect(requestCancelled(`${ORIGIN}/assets/index.js`)).toBe(false);
    expect(requestCancelled('https://evil.example/steal')).toBe(true);
    expect(requestCancelled('app://workbench/index.html')).toBe(true);
    // New windows are denied; only the office origin itself may open in the system browser (not even the policy sites).
    expect(window.webContents.openHandler!({ url: 'https://www.mohrss.gov.cn/policy.html' })).toEqual({ action: 'deny' });
    expect(window.webContents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(window.webContents.openHandler!({ url: `${ORIGIN}/help` })).toEqual({ action: 'deny' });
    expect(calls.opened).toEqual([`${ORIGIN}/help`]);
    // Permissions (camera, notifications, …) refused; no certificate-error handler that could let a bad certificate through.
    let granted: boolean | null = null;
    calls.permissionRequest!(window.webContents, 'media', (answer) => { granted = answer; });
    expect(granted).toBe(false);
    expect(calls.appEvents.has('certificate-error')).toBe(false);
  });

  it('a certificate error stops with a Chinese message (no bypass); 重试 loads the same origin again', async () => {
    const { calls, window, answers } = await startedWith({ mode: 'office', origin: ORIGIN });
    answers.button = 0; // 重试
    window.loaded = null;
    window.webContents.emit('did-fail-load', {}, -202, 'ERR_CERT_AUTHORITY_INVALID', `${ORIGIN}/`, true);
    await expect.poll(() => calls.messages.length).toBe(1);
    expect(calls.messages[0]).toMatchObject({ type: 'error', title: '单位服务器的证书不可信', buttons: ['重试', '更改连接方式…', '退出'] });
    expect(String(calls.messages[0]!.message)).toContain(`无法验证单位服务器 ${ORIGIN} 的证书（ERR_CERT_AUTHORITY_INVALID，代码 -202）`);
    await expect.poll(() => window.loaded).toBe(ORIGIN);
    // A server out of reach says so; a navigation we refused ourselves (-3) and a sub-frame say nothing.
    answers.button = 2; // 退出
    window.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'https://evil.example/', true);
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', `${ORIGIN}/frame`, false);
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', `${ORIGIN}/`, true);
    await expect.poll(() => calls.messages.length).toBe(2);
    expect(calls.messages[1]).toMatchObject({ title: '无法连接单位服务器' });
    await expect.poll(() => calls.quit).toBe(1);
  });

  it('prints the office page to PDF for that origin only', async () => {
    const { answers, desktop, from } = await startedWith({ mode: 'office', origin: ORIGIN });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'print-office-'));
    try {
      answers.savePath = path.join(folder, 'R4.pdf');
      expect(await desktop('desktop.printToPDF', 'R4.xlsx', from(`${ORIGIN}/`))).toEqual({ ok: true, data: { saved: path.join(folder, 'R4.pdf') } });
      expect(await desktop('desktop.printToPDF', 'R4.xlsx', from('https://evil.example/'))).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
      expect(await desktop('desktop.printToPDF', 'R4.xlsx', from('app://workbench/index.html'))).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('菜单 连接 → 改用本机数据库: after the confirmation, the setting is local and the app restarts', async () => {
    const { calls, answers } = await startedWith({ mode: 'office', origin: ORIGIN });
    const connectionMenu = calls.menu![0]!;
    expect(connectionMenu.label).toBe('连接');
    expect(connectionMenu.submenu!.map((item) => item.label)).toContain(`当前：单位服务器 ${ORIGIN}`);
    answers.button = 1; // 取消: nothing changes
    connectionMenu.submenu!.find((item) => item.label === '改用本机数据库')!.click!();
    await expect.poll(() => calls.messages.length).toBe(1);
    expect(calls.relaunched).toHaveLength(0);
    answers.button = 0;
    connectionMenu.submenu!.find((item) => item.label === '改用本机数据库')!.click!();
    await expect.poll(() => calls.exit).toEqual([0]);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, CONNECTION_FILE), 'utf8'))).toEqual({ mode: 'local' });
    expect(calls.relaunched).toHaveLength(1);
  });

  it('the first start asks on our own page: no engine, only the connection channels; a bad address is refused, a good one saved and the app restarted', async () => {
    const { calls, window, desktop, from } = await startedWith(null);
    expect(window.loaded).toBe('app://workbench/index.html');
    expect(calls.forks).toHaveLength(0);
    expect([...calls.ipc].sort()).toEqual(['desktop.connect', 'desktop.connection']);
    expect(await desktop('desktop.connection', null)).toEqual({ ok: true, data: { mode: null } });
    const refused = await desktop('desktop.connect', { mode: 'office', address: 'https://192.168.1.10:8443/workbench' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SERVER_ADDRESS_INVALID' } });
    expect(fs.existsSync(path.join(dataDir, CONNECTION_FILE))).toBe(false);
    // Only our own page may change where this seat connects.
    expect(await desktop('desktop.connect', { mode: 'office', address: 'https://evil.example' }, from('https://evil.example/'))).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(await desktop('desktop.connect', { mode: 'office', address: 'https://192.168.1.10:8443/' })).toEqual({ ok: true, data: { origin: ORIGIN } });
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, CONNECTION_FILE), 'utf8'))).toEqual({ mode: 'office', origin: ORIGIN });
    await expect.poll(() => calls.exit).toEqual([0]);
    expect(calls.relaunched).toHaveLength(1);
  });

  it('a saved setting it cannot use (a path in the address, a damaged file) opens nothing remote and asks again with a Chinese message', async () => {
    for (const setting of ['{"mode":"office","origin":"https://192.168.1.10:8443/evil"}', '{"mode":"office"', '{"mode":"office","origin":"javascript:alert(1)"}']) {
      const { calls, window, desktop } = await startedWith(setting);
      expect(window.loaded, setting).toBe('app://workbench/index.html');
      expect(calls.forks).toHaveLength(0);
      const answer = await desktop('desktop.connection', null) as { data: { mode: null; problem: string } };
      expect(answer.data.mode).toBeNull();
      expect(answer.data.problem, setting).toMatch(/^本机保存的连接设置无法使用（.+），请重新选择连接方式$/);
    }
  });

  it('in local mode, 设置 → 连接方式 saves the office origin, the engine closes its database, then the app restarts', async () => {
    const { calls, child, desktop } = await started(dist);
    expect(await desktop('desktop.connection', null)).toEqual({ ok: true, data: { mode: 'local' } });
    expect(await desktop('desktop.connect', { mode: 'office', address: 'http://192.168.1.10:5180' })).toEqual({ ok: true, data: { origin: 'http://192.168.1.10:5180' } });
    await expect.poll(() => child.sent.at(-1)).toEqual({ type: 'shutdown' });
    expect(calls.relaunched).toHaveLength(0); // not before the database is closed
    child.emit('message', { type: 'closed' });
    await expect.poll(() => calls.exit).toEqual([0]);
    expect(calls.relaunched).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, CONNECTION_FILE), 'utf8'))).toEqual({ mode: 'office', origin: 'http://192.168.1.10:5180' });
  });
});

/** A stand-in for what a preload reaches of Electron: what it exposes to the page and every invoke it makes. */
function recordingPreloadElectron() {
  const exposed: [string, Record<string, (input: unknown) => Promise<unknown>>][] = [];
  const invoked: [string, unknown][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: Record<string, (input: unknown) => Promise<unknown>>) => { exposed.push([key, value]); } },
    ipcRenderer: { invoke: async (channel: string, input: unknown) => { invoked.push([channel, input]); return { ok: true, data: null }; } },
  };
  return { exposed, invoked, electron };
}

describe('preload.ts as built', () => {
  it('exposes window.api, one function per contract channel, and window.desktop, one per desktop channel; each one invoke', async () => {
    const { exposed, invoked, electron } = recordingPreloadElectron();
    await runBundled('electron/preload/preload.ts', electron, path.join(ROOT, 'dist'));
    expect(exposed.map(([key]) => key)).toEqual(['api', 'desktop']);
    const api = exposed[0]![1];
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) {
      expect(typeof api[channel]).toBe('function');
      await api[channel]!({ probe: channel });
    }
    expect(invoked).toEqual(CHANNELS.map((channel) => [channel, { probe: channel }]));
    // window.desktop: printing to PDF, the folder dialog and the connection, each one invoke of its desktop channel.
    const desktop = exposed[1]![1];
    expect(Object.keys(desktop).sort()).toEqual(['chooseFolder', 'connect', 'connection', 'printToPDF']);
    invoked.length = 0;
    await desktop.printToPDF!('R4.xlsx');
    await desktop.chooseFolder!(undefined);
    await desktop.connection!(undefined);
    await desktop.connect!({ mode: 'office', address: 'https://192.168.1.10:8443' });
    expect(invoked).toEqual([['desktop.printToPDF', 'R4.xlsx'], ['desktop.chooseFolder', null], ['desktop.connection', null], ['desktop.connect', { mode: 'office', address: 'https://192.168.1.10:8443' }]]);
  });

  it('preload-office.ts: a window onto the office server gets window.desktop with printing only, and no window.api', async () => {
    const { exposed, invoked, electron } = recordingPreloadElectron();
    await runBundled('electron/preload/preload-office.ts', electron, path.join(ROOT, 'dist'));
    expect(exposed.map(([key]) => key)).toEqual(['desktop']);
    expect(Object.keys(exposed[0]![1])).toEqual(['printToPDF']);
    await exposed[0]![1].printToPDF!('R4.xlsx');
    expect(invoked).toEqual([['desktop.printToPDF', 'R4.xlsx']]);
  });
});

describe('electron-builder configuration', () => {
  const config = load(fs.readFileSync(path.join(ROOT, 'build', 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, boolean>; files: string[] };
  it('sets the Electron fuses: no RunAsNode, no NODE_OPTIONS, no --inspect, only the asar, encrypted cookies', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });
  it('packages the engine process bundle beside main and preload', () => {
    expect(config.files).toContain('dist/**/*');
    const build = fs.readFileSync(path.join(ROOT, 'scripts', 'build.mjs'), 'utf8');
    for (const out of ['dist/main.cjs', 'dist/preload.cjs', 'dist/preload-office.cjs', 'dist/engine.cjs']) expect(build).toContain(`outfile: '${out}'`);
  });
});
