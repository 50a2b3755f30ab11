// Every main screen and dialog at 1366×768, as a clerk (one township), a manager and an administrator would
// open them, on the demo county: a screenshot of each into test-results/screenshots/walk-*.png (looked at by
// a person), and on each the checks a machine can make — nothing wider than the window, every dialog inside
// it, no English words a user reads, a clerk's totals named after their township. Then dates in Chinese
// in a browser whose language is English.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { ADMIN, CLERK_YANHEYING, MANAGER, chromiumPath, login, logout, newPage, screenshot, startWorkbench, launchBrowser, type RunningWorkbench } from './support/workbench';
import { PlacementsPage } from './pages/placements-page';
import { PayrollPage } from './pages/payroll-page';
import { SettingsPage } from './pages/settings-page';
import { layout } from './support/layout';

async function shot(page: Page, name: string): Promise<void> {
  await screenshot(page, `walk-${name}`);
  const seen = await layout(page);
  // Soft: one walk reports every screen's faults, not only the first.
  expect.soft({ name, ...seen }).toEqual({ name, overflowX: 0, dialogsOutside: [], latin: [], nativeDateInputs: 0 });
}

async function openArea(page: Page, area: string, ready: string): Promise<void> {
  await page.getByTestId(`nav-${area}`).click();
  await page.locator(ready).first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => !document.querySelector('.loading, .ag-overlay-loading-center'), undefined, { timeout: 30_000 });
}

describe('every screen and dialog at 1366×768', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await startWorkbench({ demo: true });
    browser = await launchBrowser();
  }, 180_000);

  // Each role in a browser context of its own: one role's failure leaves the next logged out.
  const freshPage = async () => {
    await page?.context().close();
    page = await newPage(browser, pageErrors, { width: 1366, height: 768 });
  };

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) await screenshot(page, `failed-${context.task.name.slice(0, 40)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await workbench?.stop();
    expect(pageErrors).toEqual([]);
  });

  it('as a clerk of one township', async () => {
    await freshPage();
    await login(page, workbench.url, CLERK_YANHEYING);
    await openArea(page, 'home', '[data-testid=home-page]');
    await shot(page, 'clerk-home');

    await openArea(page, 'people', '[data-testid=people-grid] .ag-row');
    await shot(page, 'clerk-people');
    await page.getByTestId('person-add').click();
    await page.getByTestId('person-dialog').waitFor();
    await shot(page, 'clerk-person-dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('person-dialog').waitFor({ state: 'detached' });

    await openArea(page, 'employment', '[data-testid=employment-grid] .ag-row');
    await shot(page, 'clerk-employment');
    await page.getByTestId('show-targets').click();
    // The clerk's total row is their township, never 全县.
    await expect(page.getByTestId('targets-scope').textContent()).resolves.toBe('燕河营镇合计');
    await shot(page, 'clerk-employment-targets');
    await page.getByTestId('show-checks').click();
    await page.getByTestId('checks-panel').waitFor();
    await shot(page, 'clerk-employment-checks');

    await openArea(page, 'posts', '[data-testid=posts-grid] .ag-row');
    // The clerk's total is their township's; the county's line below says it is the county's.
    await expect(page.getByTestId('summary-scope').locator('td').first().textContent()).resolves.toBe('燕河营镇合计');
    await expect(page.getByTestId('summary-county').locator('td').first().textContent()).resolves.toBe('卢龙县合计（全县，供参考）');
    await shot(page, 'clerk-posts');

    await openArea(page, 'placements', '[data-testid=placements-grid] .ag-row');
    await shot(page, 'clerk-placements');
    await page.getByTestId('place-open').click();
    const place = page.getByTestId('place-dialog');
    await place.waitFor();
    await shot(page, 'clerk-place-dialog');
    // The calendar opens in Chinese; Esc closes the calendar first, then the dialog.
    await place.getByTestId('date-picker-button').first().click();
    await expect(page.getByTestId('date-popup-title').textContent()).resolves.toMatch(/^\d{4}年\d{1,2}月$/);
    await shot(page, 'clerk-place-dialog-calendar');
    await page.keyboard.press('Escape');
    await page.getByTestId('date-popup').waitFor({ state: 'detached' });
    expect(await place.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await place.waitFor({ state: 'detached' });

    const payroll = new PayrollPage(page);
    await payroll.open();
    await shot(page, 'clerk-payroll');
    await page.locator('[data-testid=payroll-grid] .ag-row[row-id^="p-"] .ag-cell[col-id="name"]').first().click();
    await page.getByTestId('payroll-adjust').click();
    await page.getByTestId('adjustment-dialog').waitFor();
    await shot(page, 'clerk-adjustment-dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('adjustment-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('tab-board').click();
    await page.locator('.lock-board').waitFor();
    await shot(page, 'clerk-payroll-board');
    await page.getByTestId('tab-lines').click();

    await openArea(page, 'training', '[data-testid=service-summary]');
    await page.locator('[data-testid=gap-list] tbody tr').first().waitFor();
    await shot(page, 'clerk-services');
    await page.locator('[data-testid=gap-list] tbody tr').first().click();
    await page.locator('[data-testid=person-services][data-loaded=true]').waitFor();
    await shot(page, 'clerk-services-person');
    await page.getByTestId('tab-trainings').click();
    await page.locator('[data-testid=training-list] tbody tr').first().waitFor();
    await page.getByTestId('training-new').click();
    await page.getByTestId('training-form').waitFor();
    await shot(page, 'clerk-trainings-new');

    await openArea(page, 'reports', '[data-testid=report-month]');
    await shot(page, 'clerk-reports');
    await page.locator('.date-field').filter({ has: page.getByTestId('report-month') }).getByTestId('date-picker-button').click();
    await shot(page, 'clerk-reports-month-picker');
    await page.keyboard.press('Escape');

    await openArea(page, 'import', '[data-testid=import-kind]');
    await page.getByTestId('import-kind').selectOption({ label: '月度考勤' });
    await page.getByTestId('import-month').waitFor();
    await shot(page, 'clerk-import');

    await openArea(page, 'settings', '[data-testid=county-scope]');
    await shot(page, 'clerk-settings');
    await page.getByTestId('change-password').click();
    await page.getByTestId('password-dialog').waitFor();
    await shot(page, 'clerk-password-dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('password-dialog').waitFor({ state: 'detached' });

    // Submit the township's open month, for the manager's 退回 below.
    await payroll.open();
    await payroll.chooseTownship('燕河营镇');
    if (await page.getByTestId('payroll-submit').isVisible()) {
      await payroll.act('submit');
      await page.waitForFunction(() => document.querySelector('[data-testid=township-status]')?.textContent === '已提交', undefined, { timeout: 30_000 });
    }
    await logout(page);
  });

  it('as a manager', async () => {
    await freshPage();
    await login(page, workbench.url, MANAGER);
    await openArea(page, 'home', '[data-testid=home-page]');
    await shot(page, 'manager-home');
    const payroll = new PayrollPage(page);
    await payroll.open();
    await payroll.chooseTownship('燕河营镇');
    await shot(page, 'manager-payroll');
    await page.getByTestId('payroll-return').click();
    await page.getByTestId('reason-dialog').waitFor();
    await page.getByTestId('reason-input').fill('3月上岗的两人出勤天数与村里报的考勤表不一致，请核对后重新提交');
    await shot(page, 'manager-return-dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('reason-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('payroll-approve').click();
    await page.getByTestId('approve-confirm').waitFor();
    await shot(page, 'manager-approve-confirm');
    await page.keyboard.press('Escape');
    await page.getByTestId('approve-confirm').waitFor({ state: 'detached' });

    await openArea(page, 'bank', '[data-testid=batch-table]');
    await shot(page, 'manager-bank');
    await openArea(page, 'reports', '[data-testid=report-month]');
    await shot(page, 'manager-reports');
    await openArea(page, 'import', '[data-testid=import-kind]');
    await shot(page, 'manager-import');
    await logout(page);
  });

  it('as an administrator', async () => {
    await freshPage();
    await login(page, workbench.url, ADMIN);
    const settings = new SettingsPage(page);
    await settings.open('county');
    await page.getByTestId('policy-editor').waitFor();
    await shot(page, 'admin-settings-county');
    await settings.open('users');
    await page.getByTestId('users-panel').waitFor();
    await shot(page, 'admin-users');
    await settings.openNewUser();
    await shot(page, 'admin-user-dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('user-dialog').waitFor({ state: 'detached' });

    await settings.open('backups');
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-message').waitFor({ timeout: 60_000 });
    await page.getByTestId('backup-restore').first().waitFor();
    await shot(page, 'admin-backups');
    // Restoring asks in the app's own dialog (not window.confirm): what will happen; Esc leaves all as it was.
    await page.getByTestId('backup-restore').first().click();
    const confirm = page.getByTestId('restore-confirm');
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toContain('恢复前会先自动备份当前数据');
    await shot(page, 'admin-restore-confirm');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });

    await settings.open('audit');
    await page.getByTestId('audit-entry').first().waitFor();
    await page.locator('.date-field').filter({ has: page.getByTestId('audit-from') }).getByTestId('date-picker-button').click();
    await page.getByTestId('date-popup').waitFor();
    await shot(page, 'admin-audit-calendar');
    await page.keyboard.press('Escape');
    await settings.open('reports');
    await shot(page, 'admin-settings-reports');
    await settings.open('bank');
    await shot(page, 'admin-settings-bank');

    const placements = new PlacementsPage(page);
    await placements.open();
    await page.locator('[data-testid=placements-grid] .ag-row').first().waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=placements-grid] .ag-row[row-index="0"] .ag-cell').first().click();
    await page.getByTestId('selected-placement').waitFor();
    await page.getByTestId('exit-open').click();
    await page.getByTestId('exit-dialog').waitFor();
    await shot(page, 'admin-exit-dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('exit-dialog').waitFor({ state: 'detached' });

    const payroll = new PayrollPage(page);
    await payroll.open();
    await payroll.chooseMonth('2022-06');
    await payroll.chooseTownship('燕河营镇');
    await page.getByTestId('payroll-reopen').click();
    await page.getByTestId('reason-dialog').waitFor();
    await shot(page, 'admin-reopen-dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('reason-dialog').waitFor({ state: 'detached' });
  });
});

describe('dates in Chinese in an English browser', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await startWorkbench();
    // An office PC whose browser speaks English: <input type="date"> would read "07/15/2022" and "July 2022".
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--lang=en-US', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await workbench?.stop();
    expect(pageErrors).toEqual([]);
  });

  it('reads and shows 年-月-日 and a Chinese calendar, and takes dates as clerks write them', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await login(page, workbench.url, ADMIN);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-audit').click();
    const from = page.getByTestId('audit-from');
    await from.waitFor();
    expect(await from.getAttribute('placeholder')).toBe('年-月-日');
    // Written the way clerks write dates, read as one date.
    await from.fill('2022年7月5日');
    await expect.poll(() => from.getAttribute('data-value')).toBe('2022-07-05');
    await from.blur();
    await expect.poll(() => from.inputValue()).toBe('2022-07-05');
    await from.fill('2022-02-30');
    await expect.poll(() => from.getAttribute('aria-invalid')).toBe('true');
    await from.fill('2022/7/15');
    await expect.poll(() => from.getAttribute('data-value')).toBe('2022-07-15');
    await page.locator('.date-field').filter({ has: from }).getByTestId('date-picker-button').click();
    const popup = page.getByTestId('date-popup');
    await expect.poll(() => popup.getByTestId('date-popup-title').textContent(), { timeout: 10_000 }).toBe('2022年7月');
    const text = (await popup.textContent()) ?? '';
    expect(text).toContain('日一二三四五六');
    expect(text).toContain('今天');
    expect(text).not.toMatch(/July|Jul|Sun|Mon|Today/);
    await screenshot(page, 'date-field-en-US-calendar');
    await popup.locator('[data-date="2022-07-20"]').click();
    await expect.poll(() => from.inputValue()).toBe('2022-07-20');
    await context.close();
  });
});
