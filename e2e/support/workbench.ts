// E2E support: a real workbench (`workbench init` + `workbench serve`) on a database in its own temp
// folder, and Debian's chromium driven by playwright-core.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'workbench.cjs');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('chromium not found: install it with `apt-get install -y chromium` (or set CHROMIUM_PATH)');
  return found;
}

export interface RunningWorkbench { url: string; db: string; dir: string; stop(): Promise<void> }

/**
 * WORKBENCH_E2E_DATE (an ISO instant) runs the browser tests on another day: the engine's processes under
 * libfaketime (Node is fine with it; Chromium crashes under it), the browser with Playwright's clock.
 * Both clocks start at that instant and tick on, so timers and timeouts behave as usual.
 */
const FAKE_NOW = process.env.WORKBENCH_E2E_DATE ? new Date(process.env.WORKBENCH_E2E_DATE) : null;

/** The command that runs the CLI: node itself, or node under faketime on the shifted day. */
function cliCommand(args: string[]): [string, string[]] {
  if (!FAKE_NOW) return [process.execPath, [CLI, ...args]];
  // libfaketime reads the instant in the process's zone: the tests' zone (vitest.config.mts).
  const at = FAKE_NOW.toLocaleString('sv-SE', { timeZone: process.env.TZ ?? 'Asia/Shanghai', hour12: false });
  return ['faketime', ['-f', `@${at}`, process.execPath, CLI, ...args]];
}

/** Runs the CLI like a user would and returns its parsed --json output. */
export function workbenchJson(args: string[]): unknown {
  const [command, commandArgs] = cliCommand([...args, '--json']);
  return JSON.parse(execFileSync(command, commandArgs, { encoding: 'utf8' }));
}

export interface TestUser { username: string; password: string; role: 'clerk' | 'manager' | 'admin'; displayName: string; townships?: string[] }

/** The users every e2e workbench gets unless a test asks for none (first-start setup). */
export const ADMIN: TestUser = { username: 'admin', password: 'Admin12345', role: 'admin', displayName: '王管理' };
export const MANAGER: TestUser = { username: 'shenhe', password: 'Shenhe12345', role: 'manager', displayName: '赵审核' };
export const CLERK_YANHEYING: TestUser = { username: 'yhy', password: 'Yhy12345', role: 'clerk', displayName: '李录入', townships: ['130324102000'] };

export async function startWorkbench(options: { demo?: boolean; db?: string; users?: TestUser[] } = {}): Promise<RunningWorkbench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-e2e-'));
  const db = options.db ?? path.join(dir, 'workbench.sqlite');
  if (!options.db) {
    workbenchJson(['init', '--db', db, ...(options.demo ? ['--demo'] : [])]);
    for (const user of options.users ?? [ADMIN, MANAGER, CLERK_YANHEYING]) {
      workbenchJson(['add-user', '--db', db, '--username', user.username, '--password', user.password, '--role', user.role, '--display-name', user.displayName, ...(user.townships ? ['--townships', user.townships.join(',')] : [])]);
    }
  }
  const [command, commandArgs] = cliCommand(['serve', '--db', db, '--port', '0', '--json']);
  // Under faketime, serve is faketime's child: its own process group, so stop() ends both.
  const child: ChildProcess = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'], detached: FAKE_NOW !== null });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('workbench serve did not start within 30 s')), 30_000);
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: string };
        if (parsed.url) { clearTimeout(timer); resolve(parsed.url); }
      } catch { /* not the JSON line */ }
    });
    child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`workbench serve exited with ${code ?? signal}`)); });
  });
  // A server that dies under a test shows in the page only as "Failed to fetch", and one killed by a signal
  // (the kernel's OOM killer, a crash in native code) writes nothing to stderr: said here, and stop() fails.
  let stopping = false;
  let died: string | null = null;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    died = `workbench serve (pid ${child.pid}) exited unexpectedly: ${signal ? `signal ${signal}` : `exit code ${code}`}`;
    console.error(`[e2e] ${died} at ${new Date().toISOString()}`);
  });
  return {
    url, db, dir,
    stop: async () => {
      stopping = true;
      if (died) { fs.rmSync(dir, { recursive: true, force: true }); throw new Error(died); }
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        if (FAKE_NOW && child.pid) process.kill(-child.pid, 'SIGTERM');
        else child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // zh-CN like the desktop app (electron/main sets the same switch): date pickers read 年/月/日.
    args: ['--lang=zh-CN', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A page that fails the test on any uncaught error in the renderer. */
export async function newPage(browser: Browser, errors: string[], options: { width?: number; height?: number; clipboard?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1400, height: options.height ?? 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true,
    permissions: options.clipboard ? ['clipboard-read', 'clipboard-write'] : [],
  });
  if (FAKE_NOW) await context.clock.setSystemTime(FAKE_NOW);
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

/** Logs in through the login screen, as a clerk would. */
export async function login(page: Page, url: string, user: TestUser): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-form').waitFor();
  await page.getByTestId('login-username').fill(user.username);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-form').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
