// 连接方式, the desktop app's choice between 本机数据库 and 连接单位服务器, as the page shows it: on the first
// start, in 设置, and what a window onto the office server leaves out. The Electron binary cannot run here,
// so window.desktop is a stand-in for the desktop's main process (answers connection(), records connect());
// the page is the real renderer from `workbench serve` in Debian's chromium. Main's side — the saved file,
// the one origin, the restart — is tested in electron/main/connection.test.ts and shell.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DesktopConnection } from '../shared/contract/desktop';
import { ADMIN, launchBrowser, login, newPage, screenshot, startWorkbench, type RunningWorkbench } from './support/workbench';
import { layout } from './support/layout';
import { SettingsPage } from './pages/settings-page';

describe('连接方式 in the page (desktop app, main stood in)', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await startWorkbench();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await workbench?.stop();
    expect(pageErrors).toEqual([]);
  });

  /** A page whose window.desktop is the local app's (connection known) or an office window's (printing only). */
  async function desktopPage(desktop: { connection: DesktopConnection } | 'office'): Promise<Page> {
    const page = await newPage(browser, pageErrors, { width: 1366, height: 768 });
    await page.addInitScript((given) => {
      const sent: unknown[] = [];
      const printToPDF = async () => ({ ok: true, data: { saved: null } });
      Object.assign(window, {
        connectSent: sent,
        desktop: given === 'office' ? { printToPDF } : {
          printToPDF,
          chooseFolder: async () => ({ ok: true, data: { folder: null } }),
          connection: async () => ({ ok: true, data: given.connection }),
          connect: async (choice: unknown) => { sent.push(choice); return { ok: true, data: { origin: null } }; },
        },
      });
    }, desktop);
    return page;
  }
  const sent = (page: Page) => page.evaluate(() => (window as unknown as { connectSent: unknown[] }).connectSent);
  const noEnglish = async (page: Page) => expect(await layout(page)).toEqual({ overflowX: 0, dialogsOutside: [], latin: [], nativeDateInputs: 0 });

  it('the first start asks how this seat works before anything else; the address is checked as typed, plain HTTP warned', async () => {
    const page = await desktopPage({ connection: { mode: null } });
    await page.goto(workbench.url);
    await page.getByTestId('connection-start').waitFor();
    expect(await page.getByTestId('login-form').count()).toBe(0);
    await noEnglish(page);
    await page.getByTestId('connection-office').check();
    const address = page.getByTestId('connection-address');
    await address.fill('https://192.168.1.10:8443/workbench');
    await expect(page.getByTestId('connection-address-problem').textContent()).resolves.toContain('不要带 / 之后的路径');
    expect(await page.getByTestId('connection-save').isDisabled()).toBe(true);
    await address.fill('http://192.168.1.10:5180');
    await expect(page.getByTestId('connection-http-warning').textContent()).resolves.toContain('明文');
    await noEnglish(page);
    await screenshot(page, 'desktop-first-start');
    await address.fill('https://192.168.1.10:8443');
    expect(await page.getByTestId('connection-http-warning').count()).toBe(0);
    await page.getByTestId('connection-save').click();
    await page.getByTestId('connection-restarting').waitFor();
    expect(await sent(page)).toEqual([{ mode: 'office', address: 'https://192.168.1.10:8443' }]);
    await page.context().close();
  });

  it('a saved setting main cannot use is shown with its reason, and 本机数据库 can be chosen', async () => {
    const page = await desktopPage({ connection: { mode: null, problem: '本机保存的连接设置无法使用（文件内容不是有效的 JSON），请重新选择连接方式', origin: undefined } });
    await page.goto(workbench.url);
    await expect(page.getByTestId('connection-problem').textContent()).resolves.toContain('文件内容不是有效的 JSON');
    await page.getByTestId('connection-local').check();
    await page.getByTestId('connection-save').click();
    await page.getByTestId('connection-restarting').waitFor();
    expect(await sent(page)).toEqual([{ mode: 'local' }]);
    await page.context().close();
  });

  it('设置 → 连接方式 on the local app: the current mode, and 保存并重新启动 with the office address', async () => {
    const page = await desktopPage({ connection: { mode: 'local' } });
    await login(page, workbench.url, ADMIN);
    await new SettingsPage(page).open('connection');
    await expect(page.getByTestId('connection-current').textContent()).resolves.toBe('本机当前：本机数据库');
    expect(await page.getByTestId('connection-save').isDisabled()).toBe(true); // nothing changed yet
    await page.getByTestId('connection-office').check();
    await page.getByTestId('connection-address').fill('https://workbench.office.lan');
    await noEnglish(page);
    await screenshot(page, 'desktop-settings-connection');
    await page.getByTestId('connection-save').click();
    await page.getByTestId('connection-restarting').waitFor();
    expect(await sent(page)).toEqual([{ mode: 'office', address: 'https://workbench.office.lan' }]);
    await page.context().close();
  });

  it('a window onto the office server: no 连接方式 in 设置 (the server\'s page may not change it), no folder dialog for backups', async () => {
    const page = await desktopPage('office');
    await login(page, workbench.url, ADMIN);
    const settings = new SettingsPage(page);
    await settings.open('backups');
    await page.getByTestId('backup-now').waitFor();
    expect(await page.getByTestId('settings-tab-connection').count()).toBe(0);
    expect(await page.getByTestId('backup-choose-folder').count()).toBe(0);
    await page.context().close();
  });
});
