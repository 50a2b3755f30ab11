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
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract/channels';
import { DESKTOP_CHANNELS } from '../../shared/contract/desktop';
import { windowOptions } from './window-policy';

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

/** What the stand-in's dialogs answer: the path or folder "the user" picks, or null for 取消. */
interface DialogAnswers { savePath: string | null; folder: string | null }

/** A recording stand-in for the parts of 'electron' main.ts uses. */
function fakeElectron(options: { packaged: boolean; gotLock: boolean }) {
  const calls = {
    quit: 0, exit: [] as number[], paths: [] as [string, string][], switches: [] as [string, string][], schemes: [] as unknown[], windows: [] as FakeWindow[], ipc: [] as string[],
    forks: [] as { modulePath: string; options: unknown }[], opened: [] as string[], errors: [] as [string, string][], appEvents: new Map<string, Listener>(),
    handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(), dialogs: [] as { kind: string; window: unknown; options: Record<string, unknown> }[],
    printed: [] as unknown[],
  };
  const answers: DialogAnswers = { savePath: null, folder: null };
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
    webRequest: { onHeadersReceived: () => undefined, onBeforeRequest: () => undefined },
    setPermissionRequestHandler: () => undefined,
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
    },
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: (title: string, message: string) => { calls.errors.push([title, message]); },
      showSaveDialog: async (window: unknown, dialogOptions: Record<string, unknown>) => {
        calls.dialogs.push({ kind: 'save', window, options: dialogOptions });
        return answers.savePath === null ? { canceled: true } : { canceled: false, filePath: answers.savePath };
      },
      showOpenDialog: async (window: unknown, dialogOptions: Record<string, unknown>) => {
        calls.dialogs.push({ kind: 'open', window, options: dialogOptions });
        return answers.folder === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answers.folder] };
      },
    },
    ipcMain: { handle: (channel: string, listener: (event: unknown, input: unknown) => Promise<unknown>) => { calls.ipc.push(channel); calls.handlers.set(channel, listener); } },
    net: { fetch: () => undefined },
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => { calls.schemes.push(...schemes); }, handle: () => undefined },
    session: { defaultSession: session },
    shell: { openExternal: async (url: string) => { calls.opened.push(url); } },
    utilityProcess: { fork: (modulePath: string, _args: string[], forkOptions: unknown) => { calls.forks.push({ modulePath, options: forkOptions }); return child; } },
  };
  return { electron, calls, child, answers };
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

  /** main.ts started with a ready engine and its window open. */
  async function started() {
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

  it('打印: prints the window to A4 PDF and writes it only where the user chose in the save dialog', async () => {
    const { calls, answers, window, desktop } = await started();
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
    const { calls, child, answers, window, desktop } = await started();
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

describe('preload.ts as built', () => {
  it('exposes window.api, one function per contract channel, and window.desktop, one per desktop channel; each one invoke', async () => {
    const exposed: [string, Record<string, (input: unknown) => Promise<unknown>>][] = [];
    const invoked: [string, unknown][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: Record<string, (input: unknown) => Promise<unknown>>) => { exposed.push([key, value]); } },
      ipcRenderer: { invoke: async (channel: string, input: unknown) => { invoked.push([channel, input]); return { ok: true, data: null }; } },
    };
    await runBundled('electron/preload/preload.ts', electron, path.join(ROOT, 'dist'));
    expect(exposed.map(([key]) => key)).toEqual(['api', 'desktop']);
    const api = exposed[0]![1];
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) {
      expect(typeof api[channel]).toBe('function');
      await api[channel]!({ probe: channel });
    }
    expect(invoked).toEqual(CHANNELS.map((channel) => [channel, { probe: channel }]));
    // window.desktop: printing to PDF and the folder dialog, each one invoke of its desktop channel.
    const desktop = exposed[1]![1];
    expect(Object.keys(desktop).sort()).toEqual(['chooseFolder', 'printToPDF']);
    invoked.length = 0;
    await desktop.printToPDF!('R4.xlsx');
    await desktop.chooseFolder!(undefined);
    expect(invoked).toEqual([['desktop.printToPDF', 'R4.xlsx'], ['desktop.chooseFolder', null]]);
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
    for (const out of ['dist/main.cjs', 'dist/preload.cjs', 'dist/engine.cjs']) expect(build).toContain(`outfile: '${out}'`);
  });
});
