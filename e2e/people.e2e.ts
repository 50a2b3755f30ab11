// 人员台账 end to end: a real demo database, `workbench serve`, Debian's chromium.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, launchBrowser, login, newPage, screenshot, startWorkbench, type RunningWorkbench } from './support/workbench';
import { PeoplePage } from './pages/people-page';
import { checkCharacter } from '../shared/domain/id-number';

describe('人员台账 in the browser', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  let page: Page;
  let people: PeoplePage;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await startWorkbench({ demo: true });
    browser = await launchBrowser();
    page = await newPage(browser, pageErrors);
    people = new PeoplePage(page);
    await login(page, workbench.url, ADMIN);
    await people.open();
  });

  afterAll(async () => {
    await browser?.close();
    await workbench?.stop();
    expect(pageErrors).toEqual([]);
  });

  it('shows all 9,236 demo people with masked IDs, in Chinese', async () => {
    expect(await people.counts()).toEqual({ total: 9236, shown: 9236 });
    const ids = await people.columnValues('idMasked');
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect(id).toMatch(/^\d{6}\*{8}\d{3}[\dX](显示)?$/);
    await expect(page.getByTestId('nav-people').textContent()).resolves.toBe('人员台账');
    await screenshot(page, 'people-grid');
  });

  it('narrows to the right rows with a pinyin-initials search', async () => {
    const db = new Database(workbench.db, { readonly: true });
    const expected = (db.prepare("select count(*) n from people where name_initials like '%zsf%' or name like '%zsf%'").get() as { n: number }).n;
    db.close();
    expect(expected).toBeGreaterThan(0);
    await people.search('zsf');
    expect(await people.counts()).toEqual({ total: 9236, shown: expected });
    await screenshot(page, 'people-search-zsf');
    await people.search('');
    expect((await people.counts()).shown).toBe(9236);
  });

  it('refuses a bad ID with a Chinese message and saves nothing; the fixed person is saved and survives a reload', async () => {
    const first17 = '13032419850317042';
    const good = first17 + checkCharacter(first17);
    const bad = first17 + (good.endsWith('0') ? '1' : '0');
    await people.openNewPersonDialog();
    await people.fillPerson({ idNumber: bad, name: '测试新人', township: '燕河营镇', householdNo: 'T0001', relation: '户主', phone: '13900001111' });
    const village = await page.getByTestId('field-villageCode').locator('option').nth(1).textContent();
    await page.getByTestId('field-villageCode').selectOption({ index: 1 });
    await people.save();
    await expect(people.fieldError('idNumber').textContent()).resolves.toContain('校验位');
    await screenshot(page, 'person-dialog-bad-id');
    const db = new Database(workbench.db, { readonly: true });
    expect((db.prepare('select count(*) n from people').get() as { n: number }).n).toBe(9236);

    await page.getByTestId('field-idNumber').fill(good);
    await expect.poll(() => people.fieldError('idNumber').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('derived').textContent(), { timeout: 10_000 }).toContain('1985-03-17 / 女');
    await people.save();
    await page.getByTestId('person-dialog').waitFor({ state: 'detached' });
    expect((db.prepare('select count(*) n from people').get() as { n: number }).n).toBe(9237);
    const saved = db.prepare('select * from people where id_number = ?').get(good) as { name: string; sex: string; birth_date: string };
    db.close();
    expect(saved).toMatchObject({ name: '测试新人', sex: '女', birth_date: '1985-03-17' });

    await page.reload();
    await page.getByTestId('current-user').waitFor();
    await people.open();
    await people.search('测试新人');
    expect(await people.counts()).toEqual({ total: 9237, shown: 1 });
    await expect.poll(() => people.columnValues('villageName'), { timeout: 30_000 }).toEqual([village?.trim()]);
  });

  it('refuses a duplicate ID and a village outside the chosen township', async () => {
    await people.search('');
    const db = new Database(workbench.db, { readonly: true });
    const existing = db.prepare("select id_number, name from people where township_code = '130324101000' limit 1").get() as { id_number: string; name: string };
    db.close();
    await people.openNewPersonDialog();
    await people.fillPerson({ idNumber: existing.id_number, name: '重复的人', township: '潘庄镇' });
    await page.getByTestId('field-villageCode').selectOption({ index: 1 });
    await page.getByTestId('field-townshipCode').selectOption({ label: '卢龙镇' });
    await people.save();
    await expect(people.fieldError('idNumber').textContent()).resolves.toContain(`已登记：${existing.name}`);
    await expect(people.fieldError('villageCode').textContent()).resolves.toContain('不属于所选乡镇');
    await screenshot(page, 'person-dialog-duplicate');
    await page.getByRole('button', { name: '取消' }).click();
  });

  it('exports the filtered view to an .xlsx whose rows match the grid', async () => {
    await people.search('燕河营');
    const { shown } = await people.counts();
    expect(shown).toBeGreaterThan(100);
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('people-export').click();
    const download = await downloadPromise;
    const file = path.join(workbench.dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(fs.existsSync(file)).toBe(true);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('人员台账')!;
    const header = sheet.getRow(2).values as unknown[];
    const townshipCol = header.indexOf('乡镇');
    const idCol = header.indexOf('身份证号');
    const dataRows = sheet.getRows(3, sheet.rowCount - 2) ?? [];
    expect(dataRows.length).toBe(shown);
    for (const row of dataRows) {
      expect(row.getCell(townshipCol).value).toBe('燕河营镇');
      expect(typeof row.getCell(idCol).value).toBe('string');
    }
    const db = new Database(workbench.db, { readonly: true });
    const inDb = (db.prepare("select count(*) n from people where township_code = '130324102000'").get() as { n: number }).n;
    db.close();
    expect(dataRows.length).toBe(inDb);
    await screenshot(page, 'people-filtered-export');
  });
});
