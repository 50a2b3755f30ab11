// Names and remarks holding HTML or formula text, as a township file could bring them: every screen shows
// them as text — no element is created from them and no script runs.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN, launchBrowser, login, newPage, screenshot, startWorkbench, type RunningWorkbench } from './support/workbench';
import { PeoplePage } from './pages/people-page';
import { checkCharacter } from '../shared/domain/id-number';

const HOSTILE_NAME = '<img src=x onerror="window.__xss=1">张<b>三</b>';
const HOSTILE_REMARK = '=HYPERLINK("http://evil.example","点我")<script>window.__xss=2</script>';

describe('hostile text in the browser', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await startWorkbench();
    const db = new Database(workbench.db);
    const place = db.prepare("select parent_code t, code v from divisions where level = 'village' order by code limit 1").get() as { t: string; v: string };
    const first17 = '13032419800101123';
    db.prepare(`insert into people (id_number, name, sex, birth_date, township_code, village_code, category, labour_ability, remark, updated_at)
      values (?, ?, '男', '1980-01-01', ?, ?, '脱贫户', '普通劳动力', ?, '2026-01-01')`).run(first17 + checkCharacter(first17), HOSTILE_NAME, place.t, place.v, HOSTILE_REMARK);
    db.prepare('update users set display_name = ? where username = ?').run('<i>王</i>管理', ADMIN.username);
    db.close();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await workbench?.stop();
    expect(pageErrors).toEqual([]);
  });

  it('shows HTML in names, remarks and user names as text, and runs nothing', async () => {
    const page = await newPage(browser, pageErrors);
    await login(page, workbench.url, ADMIN);
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('<i>王</i>管理');
    const people = new PeoplePage(page);
    await people.open();
    // The grid draws its rows on the next animation frame after the list: wait for them.
    await expect.poll(() => people.columnValues('name'), { timeout: 10_000 }).toContain(HOSTILE_NAME);
    await screenshot(page, 'hostile-text-people');
    const injected = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: number }).__xss ?? null,
      images: document.querySelectorAll('.ag-root img[src="x"]').length,
      bold: [...document.querySelectorAll('.ag-root b, header i')].length,
    }));
    expect(injected).toEqual({ xss: null, images: 0, bold: 0 });
    await page.context().close();
  });
});
