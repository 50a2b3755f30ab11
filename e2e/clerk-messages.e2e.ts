// Messages a clerk can act on, as the 燕河营镇 clerk of the demo county: pasted enrolment IDs with one from
// another township enrol the good lines and name the refused one; a new person with a 7-digit phone is warned
// about it, saved, and then shown — scrolled to and selected — at the end of thousands of rows; the placement
// dialog shows ages on the start date, as the age rule judges them.
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CLERK_YANHEYING, launchBrowser, login, newPage, screenshot, startWorkbench, type RunningWorkbench } from './support/workbench';
import { TrainingsTab } from './pages/employment-page';
import { PeoplePage } from './pages/people-page';
import { checkCharacter } from '../shared/domain/id-number';

const YANHEYING = '130324102000';

describe('messages a clerk can act on', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  let page: Page;
  let db: Database.Database;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await startWorkbench({ demo: true });
    db = new Database(workbench.db, { readonly: true });
    browser = await launchBrowser();
    page = await newPage(browser, pageErrors, { width: 1366, height: 768 });
    await login(page, workbench.url, CLERK_YANHEYING);
  }, 180_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) await screenshot(page, `failed-${context.task.name.slice(0, 40)}`);
  });

  afterAll(async () => {
    db?.close();
    await browser?.close();
    await workbench?.stop();
    expect(pageErrors).toEqual([]);
  });

  it('enrols the good pasted IDs and lists the one outside the township, with its name and the reason', async () => {
    const trainings = new TrainingsTab(page);
    await trainings.open();
    await trainings.openSession(0);
    const own = (db.prepare(`select id_number from people where township_code = ? and id not in (select person_id from trainees) order by id limit 2`).all(YANHEYING) as { id_number: string }[]).map((r) => r.id_number);
    const other = db.prepare(`select id_number, name from people where township_code <> ? order by id limit 1`).get(YANHEYING) as { id_number: string; name: string };
    await trainings.enrolByPastedIds([own[0]!, other.id_number, own[1]!]);
    const message = page.getByTestId('training-message');
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toContain('已报名 2 人');
    await expect(message.textContent()).resolves.toContain('1 行未报名');
    const refused = await page.getByTestId('enrol-refused').locator('li').allTextContents();
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain(other.name);
    expect(refused[0]).toContain('不属于您负责的乡镇');
    expect(refused[0]).not.toContain(other.id_number);
    const enrolled = db.prepare(`select count(*) n from trainees t join people p on p.id = t.person_id where p.id_number in (?, ?, ?)`).get(own[0], own[1], other.id_number) as { n: number };
    expect(enrolled.n).toBe(2);
    await screenshot(page, 'training-1366-partial-enrolment');
  });

  it('warns about a 7-digit phone, saves, then scrolls to and selects the new person', async () => {
    const people = new PeoplePage(page);
    await people.open();
    await people.openNewPersonDialog();
    const first17 = '13032419850707123';
    await people.fillPerson({ idNumber: first17 + checkCharacter(first17), name: '新来人', householdNo: 'H-NEW-1', relation: '户主', phone: '3456789', township: '燕河营镇' });
    await page.getByTestId('field-villageCode').selectOption({ index: 1 });
    await expect.poll(() => page.getByTestId('person-dialog').textContent()).toContain('联系电话“3456789”只有7位');
    await screenshot(page, 'dialog-1366-person-phone-warning');
    await people.save();
    await page.getByTestId('person-dialog').waitFor({ state: 'detached' });
    const selected = page.locator('[data-testid=people-grid] .ag-row-selected .ag-cell[col-id="name"]');
    await expect.poll(() => selected.first().textContent(), { timeout: 10_000 }).toBe('新来人');
    await expect(selected.first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'people-1366-new-person-shown');
  });

  it('shows ages on the start date in the placement dialog', async () => {
    // Someone whose birthday falls between the start date and today is a year younger on the start date.
    await page.getByTestId('nav-placements').click();
    await page.getByTestId('place-open').click();
    await page.getByTestId('place-dialog').waitFor();
    await page.getByTestId('place-start').fill('2022-03-01');
    const person = db.prepare(`select name, birth_date from people where township_code = ? and (select count(*) from people q where q.name = people.name) = 1 and substr(birth_date, 6) > '03-01' order by id limit 1`).get(YANHEYING) as { name: string; birth_date: string };
    await page.getByTestId('place-search').fill(person.name);
    const option = page.getByTestId('place-person').locator('option').first();
    const [by, bm, bd] = person.birth_date.split('-').map(Number) as [number, number, number];
    const ageOnStart = 2022 - by - (3 < bm || (3 === bm && 1 < bd) ? 1 : 0);
    await expect.poll(() => option.textContent(), { timeout: 10_000 }).toContain(`上岗时${ageOnStart}岁`);
    await screenshot(page, 'dialog-1366-place-ages');
    await page.keyboard.press('Escape');
    await page.getByTestId('place-dialog').waitFor({ state: 'detached' });
  });
});
