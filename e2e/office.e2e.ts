// The office layer end to end: first-start setup, a clerk's township scope, a manager's logged reveal,
// and backup → change → restore, in Debian's chromium against `workbench serve`.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN, CLERK_YANHEYING, MANAGER, launchBrowser, login, logout, newPage, screenshot, startWorkbench, type RunningWorkbench } from './support/workbench';
import { PeoplePage } from './pages/people-page';

const YANHEYING = '130324102000';

describe('login, roles, audit and backups in the browser', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await startWorkbench({ demo: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await workbench?.stop();
    expect(pageErrors).toEqual([]);
  });

  const count = (sql: string, ...params: unknown[]) => {
    const db = new Database(workbench.db, { readonly: true });
    try { return (db.prepare(sql).get(...params) as { n: number }).n; } finally { db.close(); }
  };

  it('asks for the first administrator on a fresh database, then starts at the login screen', async () => {
    const fresh = await startWorkbench({ users: [] });
    try {
      const page = await newPage(browser, pageErrors);
      await page.goto(fresh.url);
      await page.getByTestId('setup-display-name').waitFor();
      await screenshot(page, 'first-start-setup');
      await page.getByTestId('login-username').fill('admin');
      await page.getByTestId('setup-display-name').fill('张主任');
      await page.getByTestId('login-password').fill('Start12345');
      await page.getByTestId('setup-confirm').fill('Start12345');
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('current-user').textContent()).resolves.toContain('张主任（管理员）');
      await logout(page);
      await expect.poll(() => page.getByTestId('setup-display-name').count(), { timeout: 10_000 }).toBe(0);
      // Data calls without a session get 401 and touch nothing.
      const status = await page.evaluate(async () => (await fetch('/api/people.list', { method: 'POST', body: '{}' })).status);
      expect(status).toBe(401);
      await page.getByTestId('login-username').fill('admin');
      await page.getByTestId('login-password').fill('wrong-password1');
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码不正确');
      await screenshot(page, 'login-failed');
      await page.context().close();
    } finally {
      await fresh.stop();
    }
  });

  it("shows a clerk of 燕河营镇 only that township's people, IDs masked in the grid, and refuses the rest", async () => {
    const page = await newPage(browser, pageErrors);
    await login(page, workbench.url, CLERK_YANHEYING);
    const people = new PeoplePage(page);
    await people.open();
    const expected = count('select count(*) n from people where township_code = ?', YANHEYING);
    expect(await people.counts()).toEqual({ total: expected, shown: expected });
    expect(new Set(await people.columnValues('townshipName'))).toEqual(new Set(['燕河营镇']));
    for (const id of await people.columnValues('idMasked')) expect(id).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    await expect(page.getByTestId('reveal-id').count()).resolves.toBe(0); // the list is complete (people.open waited)
    await screenshot(page, 'clerk-yanheying');
    // The edit form shows the numbers masked too; the clerk changes the phone and saves, and the stored ID stays.
    const firstName = (await people.columnValues('name'))[0]!;
    await page.locator('.ag-row[row-index="0"] .ag-cell[col-id="name"]').first().dblclick();
    await page.getByTestId('person-dialog').waitFor();
    // The person's record is filled in after the dialog opens: wait for it.
    await expect.poll(() => page.getByTestId('field-idNumber').inputValue(), { timeout: 10_000 }).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    await expect.poll(() => page.getByTestId('derived').textContent(), { timeout: 10_000 }).toMatch(/\d{4}-\d{2}-\d{2}/);
    await page.getByTestId('field-phone').fill('13900002222');
    await screenshot(page, 'clerk-edits-masked');
    await page.getByTestId('person-save').click();
    await page.getByTestId('person-dialog').waitFor({ state: 'detached' });
    const saved = new Database(workbench.db, { readonly: true });
    const row = saved.prepare('select id_number, card_number, household_no, phone from people where name = ? and township_code = ?').get(firstName, YANHEYING) as Record<string, string>;
    saved.close();
    expect(row).toMatchObject({ phone: '13900002222' });
    expect(row.id_number).toMatch(/^\d{17}[\dX]$/);
    // What the form showed masked came back unchanged: nothing was saved masked.
    expect([row.card_number, row.household_no].join()).not.toContain('*');
    // The engine, not the page, enforces the scope: a direct call for another township's person is refused.
    const db = new Database(workbench.db, { readonly: true });
    const other = db.prepare('select id from people where township_code != ? limit 1').get(YANHEYING) as { id: number };
    db.close();
    const answer = await page.evaluate(async (id) => (await fetch('/api/people.get', { method: 'POST', body: JSON.stringify({ id }) })).json(), other.id);
    expect(answer).toMatchObject({ ok: false, error: { code: 'OUT_OF_SCOPE' } });
    const users = await page.evaluate(async () => (await fetch('/api/users.list', { method: 'POST', body: '{}' })).json());
    expect(users).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await page.context().close();
  });

  it('lets a manager reveal one ID, and the reveal is in the audit log', async () => {
    const page = await newPage(browser, pageErrors);
    await login(page, workbench.url, MANAGER);
    const people = new PeoplePage(page);
    await people.open();
    expect((await people.counts()).total).toBe(9236);
    const firstName = (await people.columnValues('name'))[0]!;
    await page.getByTestId('reveal-id').first().click();
    await page.waitForFunction(() => /^\d{17}[\dX]$/.test(document.querySelector('[data-testid=id-cell]')?.textContent ?? ''));
    const full = await page.getByTestId('id-cell').first().textContent();
    const db = new Database(workbench.db, { readonly: true });
    expect(db.prepare('select name from people where id_number = ?').get(full)).toEqual({ name: firstName });
    db.close();
    await screenshot(page, 'manager-reveal');

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-audit').click();
    await page.getByTestId('audit-action').selectOption('reveal');
    await page.getByTestId('audit-user').fill(MANAGER.username);
    await page.getByTestId('audit-search').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=audit-list] tbody tr').length === 1);
    await expect(page.getByTestId('audit-list').locator('tbody tr').first().textContent()).resolves.toContain(`查看完整号码人员：${firstName}`);
    await screenshot(page, 'manager-audit-log');
    await page.context().close();
  });

  it('takes a backup, and a restore brings back the data as it was', async () => {
    const page = await newPage(browser, pageErrors);
    await login(page, workbench.url, ADMIN);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-backups').click();
    await page.getByTestId('backup-now').click();
    await expect.poll(() => page.getByTestId('backup-message').textContent(), { timeout: 60_000 }).toContain('备份完成');
    await screenshot(page, 'backups');

    // Change a person through the people grid.
    const people = new PeoplePage(page);
    await people.open();
    const before = (await people.columnValues('name'))[0]!;
    await page.locator('.ag-row[row-index="0"] .ag-cell[col-id="name"]').first().dblclick();
    await page.getByTestId('field-name').fill('恢复前改的名');
    await people.save();
    await page.getByTestId('person-dialog').waitFor({ state: 'detached' });
    expect(count("select count(*) n from people where name = '恢复前改的名'")).toBe(1);

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-backups').click();
    // The app asks in its own dialog (not window.confirm), saying what will happen.
    await page.getByTestId('backup-restore').first().click();
    await expect(page.getByTestId('restore-confirm').textContent()).resolves.toContain('恢复前会先自动备份当前数据');
    await page.getByTestId('restore-confirm-ok').click();
    await expect.poll(() => page.getByTestId('backup-message').textContent(), { timeout: 60_000 }).toContain('已恢复');
    expect(count("select count(*) n from people where name = '恢复前改的名'")).toBe(0);
    await people.open();
    expect((await people.columnValues('name'))[0]).toBe(before);
    await page.context().close();
  });
});
