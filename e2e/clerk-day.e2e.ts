// A clerk's day at 1366×768, on the demo county: dialogs that Esc closes and that keep their refusals
// inside; 调整计划 and 重置密码 without window.prompt; a clerk needs a township; everyone changes their own
// password with the old one; refusals that say who can act, in Chinese; the audit log in Chinese; the
// route survives F5; a clerk's screens say their township, never 全县; a screenshot of every main screen.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, CLERK_YANHEYING, launchBrowser, login, logout, newPage, screenshot, startWorkbench, type RunningWorkbench } from './support/workbench';
import { SettingsPage } from './pages/settings-page';
import { PostsPage } from './pages/posts-page';

const SCREENS = ['people', 'employment', 'posts', 'placements', 'payroll', 'training', 'reports', 'import', 'settings'] as const;

async function apiCall(page: Page, channel: string, input: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  return page.evaluate(async ([c, i]) => (await fetch(`/api/${c as string}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(i) })).json(), [channel, input] as const);
}

describe('a clerk’s day at 1366×768', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  let page: Page;
  let settings: SettingsPage;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await startWorkbench({ demo: true });
    browser = await launchBrowser();
    page = await newPage(browser, pageErrors, { width: 1366, height: 768 });
    settings = new SettingsPage(page);
    await login(page, workbench.url, ADMIN);
  }, 180_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) await screenshot(page, `failed-${context.task.name.slice(0, 40)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await workbench?.stop();
    expect(pageErrors).toEqual([]);
  });

  it('keeps the page in the address: F5 returns to it', async () => {
    await page.getByTestId('nav-posts').click();
    await page.getByTestId('posts-summary').waitFor();
    expect(new URL(page.url()).hash).toBe('#/posts');
    await page.reload();
    await page.getByTestId('posts-summary').waitFor();
    await expect(page.locator('.nav-item.active').textContent()).resolves.toBe('公益岗位');
  });

  it('searches the posts and says what to do when nothing matches', async () => {
    const posts = new PostsPage(page);
    await posts.open();
    await page.locator('[data-testid=posts-grid] .ag-row').first().waitFor();
    await page.getByTestId('posts-search').fill('没有这样的村');
    await page.getByText('没有符合搜索条件的岗位：请换个关键词，或清空搜索框').waitFor();
    await page.getByTestId('posts-search').fill('');
    await page.locator('[data-testid=posts-grid] .ag-row').first().waitFor();
    // Thousands separators in the county line.
    await expect(page.getByTestId('summary-county').textContent()).resolves.toContain('2,434');
    await screenshot(page, 'screen-1366-posts');
  });

  it('adjusts a township plan in the app’s own dialog; a refusal stays inside it and names who can act; Esc closes it', async () => {
    const row = page.locator('[data-testid^=summary-]').first();
    const name = ((await row.locator('td').first().textContent()) ?? '').trim();
    await page.getByTestId(`plan-${name}`).click();
    await page.getByTestId('plan-dialog').waitFor();
    await page.getByTestId('plan-input').fill('99999');
    await page.getByTestId('plan-save').click();
    const failure = page.getByTestId('plan-failure');
    await failure.waitFor();
    await expect(failure.textContent()).resolves.toContain('只有管理员能在“设置 → 本县与年度政策”中提高');
    await screenshot(page, 'dialog-1366-plan-refused');
    await page.keyboard.press('Escape');
    await page.getByTestId('plan-dialog').waitFor({ state: 'detached' });
  });

  it('refuses a clerk without a township and a weak password inside the user dialog', async () => {
    await settings.open('users');
    await settings.openNewUser();
    await settings.fillUser({ username: 'lr2', displayName: '孙录入', role: 'clerk', password: 'Lr2abcdef1' });
    await expect(settings.saveUser()).resolves.toContain('录入员至少要负责一个乡镇');
    await settings.fillUser({ username: 'lr2', displayName: '孙录入', role: 'clerk', password: 'short', townships: ['燕河营镇'] });
    await expect(settings.saveUser()).resolves.toContain('密码不符合要求');
    // The engine refuses a township-less clerk too, whatever the screen does.
    const direct = await apiCall(page, 'users.save', { username: 'lr3', displayName: '周录入', role: 'clerk', townships: [], disabled: false, password: 'Lr3abcdef1' });
    expect(direct.error?.code).toBe('CLERK_NO_TOWNSHIP');
    await screenshot(page, 'dialog-1366-user-refused');
    await settings.fillUser({ username: 'lr2', displayName: '孙录入', role: 'clerk', password: 'Lr2abcdef1' });
    await expect(settings.saveUser()).resolves.toBeNull();
    await expect(page.getByTestId('users-message').textContent()).resolves.toContain('已保存用户 lr2');
  });

  it('resets a password in a dialog (no window.prompt): weak refused inside, strong saved', async () => {
    await page.getByTestId('user-reset-lr2').click();
    await page.getByTestId('password-dialog').waitFor();
    await expect(settings.submitPassword('abc')).resolves.toContain('密码不符合要求');
    await screenshot(page, 'dialog-1366-reset-password');
    await expect(settings.submitPassword('Lr2newpass9')).resolves.toBeNull();
    await expect(page.getByTestId('users-message').textContent()).resolves.toContain('已重置 孙录入 的密码');
  });

  it('answers invalid input in Chinese with the field’s label', async () => {
    const answer = await apiCall(page, 'users.save', { username: '', displayName: '某', role: 'clerk', townships: ['130324102000'], disabled: false });
    expect(answer.error?.code).toBe('VALIDATION');
    expect(answer.error?.message).toContain('用户名');
    expect(answer.error?.message).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('shows the audit log in Chinese: 登录 once, changed fields only, Chinese labels', async () => {
    await settings.open('audit');
    const entries = await settings.auditEntries();
    expect(entries.some((e) => e.summary === '登录')).toBe(true);
    expect(entries.some((e) => e.summary.includes('登录登录'))).toBe(false);
    expect(entries.some((e) => e.summary === '重置密码：lr2')).toBe(true);
    const created = entries.find((e) => e.summary === '新增用户：孙录入');
    expect(created?.changes).toContain('负责乡镇：燕河营镇');
    expect(created?.changes).toContain('角色：录入员');
    expect(created?.changes).not.toContain('已停用');
    for (const e of entries) expect(e.changes).not.toMatch(/display_name|id_number|labour_ability|townships|"/);
    await screenshot(page, 'screen-1366-audit');
  });

  it('takes a screenshot of every main screen at 1366×768', async () => {
    for (const screen of SCREENS) {
      await page.getByTestId(`nav-${screen}`).click();
      await page.waitForFunction(() => !document.querySelector('.loading'));
      await page.locator('.app-main h1').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('.ag-overlay-loading-center'), undefined, { timeout: 30_000 });
      await screenshot(page, `screen-1366-${screen}`);
    }
  });

  it('lets a clerk change their own password with the old one; their screens say their township', async () => {
    await logout(page);
    await login(page, workbench.url, CLERK_YANHEYING);
    // Refused, and who can act is named.
    const refused = await apiCall(page, 'users.list', {});
    expect(refused.error?.message).toContain('只有管理员可以进行此操作');
    await page.getByTestId('change-password').click();
    await expect(settings.submitPassword('Yhy98765new', 'wrong-old')).resolves.toContain('原密码不正确');
    await screenshot(page, 'dialog-1366-change-own-password');
    await expect(settings.submitPassword('Yhy98765new', CLERK_YANHEYING.password)).resolves.toBeNull();
    await expect(page.getByTestId('app-notice').textContent()).resolves.toContain('密码已修改');
    await logout(page);
    await login(page, workbench.url, { ...CLERK_YANHEYING, password: 'Yhy98765new' });
    await settings.open('county');
    await expect(page.getByTestId('county-scope').textContent()).resolves.toContain('您负责：燕河营镇');
    await page.getByTestId('nav-payroll').click();
    await page.locator('[data-testid=payroll-grid] .ag-row').first().waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('payroll-totals').textContent()).resolves.toMatch(/^燕河营镇合计：[\d,]+ 人/);
    await expect(page.getByTestId('payroll-totals').textContent()).resolves.not.toContain('全县');
    await screenshot(page, 'screen-1366-payroll-clerk');
  });
});
