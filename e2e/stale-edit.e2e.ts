// Two seats, one person (issue 16): two browser sessions open the same person's form; the first saves, the
// second's save is refused in the dialog with 已被他人修改，请刷新 and the first's change stays.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, MANAGER, launchBrowser, login, newPage, screenshot, startWorkbench, type RunningWorkbench, type TestUser } from './support/workbench';
import { PeoplePage } from './pages/people-page';

const SECOND_ADMIN: TestUser = { username: 'admin2', password: 'Admin212345', role: 'admin', displayName: '钱管理' };

describe('two seats editing the same person', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  let pages: Page[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await startWorkbench({ demo: true, users: [ADMIN, MANAGER, SECOND_ADMIN] });
    browser = await launchBrowser();
    // Two browser contexts: two cookie jars, two sessions, as two seats in the office.
    pages = [await newPage(browser, pageErrors), await newPage(browser, pageErrors)];
    await login(pages[0]!, workbench.url, ADMIN);
    await login(pages[1]!, workbench.url, SECOND_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await workbench?.stop();
  });

  it('the second save is refused with 已被他人修改，请刷新, nothing overwritten', async () => {
    const db = new Database(workbench.db, { readonly: true });
    const target = db.prepare(`select id, name from people where township_code = '130324102000'
      and name in (select name from people group by name having count(*) = 1) order by id limit 1`).get() as { id: number; name: string };
    db.close();
    const forms = [];
    for (const page of pages) {
      const people = new PeoplePage(page);
      await people.open();
      await people.search(target.name);
      await page.locator('.ag-row[row-index="0"] .ag-cell[col-id="name"]').first().dblclick();
      await page.getByTestId('person-dialog').waitFor();
      forms.push(people);
    }
    await pages[0]!.getByTestId('field-phone').fill('13911112222');
    await forms[0]!.save();
    await pages[0]!.getByTestId('person-dialog').waitFor({ state: 'detached' });

    await pages[1]!.getByTestId('field-phone').fill('13933334444');
    await forms[1]!.save();
    await expect(pages[1]!.getByTestId('save-failure').textContent()).resolves.toBe('已被他人修改，请刷新');
    await screenshot(pages[1]!, 'person-dialog-stale');

    const after = new Database(workbench.db, { readonly: true });
    const stored = after.prepare('select phone from people where id = ?').get(target.id) as { phone: string };
    const lost = after.prepare("select count(*) n from people where phone = '13933334444'").get() as { n: number };
    after.close();
    expect(stored.phone).toBe('13911112222');
    expect(lost.n).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
