// 就业台账, "131" services and the reports end to end: the demo database, `workbench serve`, Debian's chromium.
import path from 'node:path';
import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, launchBrowser, login, newPage, screenshot, startWorkbench, type RunningWorkbench } from './support/workbench';
import { EmploymentLedgerPage, ReportsPage, ServicesPage, TrainingsTab } from './pages/employment-page';

/** The county total row of a report sheet, by header. */
async function totalRow(file: string): Promise<Record<string, unknown>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  const headers: Record<number, string> = {};
  // A header too wide for its column has its bracketed part on a second line: read it as one text.
  for (const r of [3, 4]) sheet.getRow(r).eachCell((cell, col) => { if (typeof cell.value === 'string') headers[col] = cell.value.replace(/\n/g, ''); });
  let total: Record<string, unknown> = {};
  sheet.eachRow((row) => {
    if (row.getCell(2).value === '合计') total = Object.fromEntries(Object.entries(headers).map(([col, h]) => [h, row.getCell(Number(col)).value]));
  });
  return total;
}

describe('就业台账 and 131 services in the browser', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  let page: Page;
  let ledger: EmploymentLedgerPage;
  let services: ServicesPage;
  let reports: ReportsPage;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await startWorkbench({ demo: true });
    browser = await launchBrowser();
    page = await newPage(browser, pageErrors);
    ledger = new EmploymentLedgerPage(page);
    services = new ServicesPage(page);
    reports = new ReportsPage(page);
    await login(page, workbench.url, ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await workbench?.stop();
    expect(pageErrors).toEqual([]);
  });

  it('shows the 2022 ledger with 4,019 employed against the target 3,946 (101.85%), and filters it', async () => {
    await ledger.open();
    expect(await ledger.figure()).toEqual({ employed: 4019, target: 3946, rate: '101.85%' });
    const { total } = await ledger.counts();
    expect(total).toBeGreaterThan(4019);
    await screenshot(page, 'employment-ledger');
    await ledger.filter('township', '燕河营镇');
    await ledger.filter('form', '公益岗位');
    const db = new Database(workbench.db, { readonly: true });
    const onPosts = (db.prepare(`select count(distinct pl.person_id) n from placements pl join people p on p.id = pl.person_id
      where p.township_code = '130324102000' and pl.start_date <= '2022-12-31' and (pl.exit_date is null or pl.exit_date >= '2022-12-31') and pl.agreement_end_date >= '2022-12-31'`).get() as { n: number }).n;
    db.close();
    expect((await ledger.counts()).shown).toBe(onPosts);
    // The grid draws its rows just after the count: wait for the rows, not a fixed time.
    await expect.poll(async () => {
      const forms = await ledger.columnValues('form');
      return forms.length > 5 && forms.every((form) => form === '公益岗位');
    }, { timeout: 30_000 }).toBe(true);
    await screenshot(page, 'employment-ledger-filtered');
    await page.getByTestId('show-targets').click();
    await expect(page.getByTestId('county-target').inputValue()).resolves.toBe('3946');
    await screenshot(page, 'employment-targets');
    await page.getByTestId('show-checks').click();
    await expect(page.getByTestId('checks-panel').textContent()).resolves.toContain('EMP_NO_RECENT_SERVICE');
    await screenshot(page, 'employment-checks');
    await page.getByTestId('show-checks').click();
  });

  it('edits a row in the grid: 已就业 picked with its form in one step, the figure follows; 省外务工 asks for its place', async () => {
    await ledger.filter('township', '全部乡镇');
    await ledger.filter('form', '全部形式');
    await ledger.filter('status', '未就业');
    expect((await ledger.figure()).employed).toBe(4019);
    // 省外务工 without 务工省份: saved in one step, with a warning in the status line and the empty cell marked.
    const name = ((await page.locator('[data-testid=employment-grid] .ag-row[row-index="0"] .ag-cell[col-id="name"]').textContent()) ?? '').trim();
    await ledger.chooseInFirstRow('status', '已就业：省外务工');
    await expect.poll(() => ledger.message().textContent(), { timeout: 30_000 }).toContain('已保存');
    await expect(ledger.message().textContent()).resolves.toContain('省外务工请填写务工省份');
    await page.waitForFunction(() => document.querySelector('[data-testid=employed-count]')?.textContent === '4,020');
    expect(await ledger.figure()).toEqual({ employed: 4020, target: 3946, rate: '101.88%' });
    await screenshot(page, 'employment-edit-saved');
    // Now 已就业, the person has left the 未就业 filter: show everyone with the name.
    await ledger.filter('status', '全部状态');
    await ledger.search(name);
    const row = page.locator('[data-testid=employment-grid] .ag-row').filter({ has: page.locator('.ag-cell[col-id="name"]', { hasText: new RegExp(`^${name}$`) }) }).first();
    await expect(row.locator('.ag-cell[col-id="destinationProvince"]').getAttribute('class')).resolves.toContain('cell-note-warning');
    await screenshot(page, 'employment-away-place-missing');
  });

  it('records a 131 job offer: the counter reaches 1/3/1 and R5 counts one more offer and one more person served in full', async () => {
    await reports.open();
    const before = path.join(workbench.dir, 'r5-before.xlsx');
    await (await reports.download('R5', '2022-12')).saveAs(before);

    await services.open();
    await services.chooseTownship('燕河营镇');
    await screenshot(page, 'services-gap-list');
    const name = await services.openFirstLacking('岗位信息还差1次');
    expect(name).not.toBe('');
    expect(await services.counter()).toEqual({ guidance: '职业指导 1/1', offers: '岗位信息 2/3', training: '培训项目 1/1' });
    await services.recordJobOffer('2022-12-20', '卢龙县某粉丝厂', '包装工');
    expect(await services.counter()).toEqual({ guidance: '职业指导 1/1', offers: '岗位信息 3/3', training: '培训项目 1/1' });
    await expect(page.getByTestId('service-counter').textContent()).resolves.toContain('已全部到位');
    await expect(page.getByTestId('service-list').textContent()).resolves.toContain('卢龙县某粉丝厂');
    await screenshot(page, 'services-recorded');

    await reports.open();
    const after = path.join(workbench.dir, 'r5-after.xlsx');
    await (await reports.download('R5', '2022-12')).saveAs(after);
    const [b, a] = [await totalRow(before), await totalRow(after)];
    expect(Number(a['岗位信息（条次）'])).toBe(Number(b['岗位信息（条次）']) + 1);
    expect(Number(a['“131”服务全部到位（人）'])).toBe(Number(b['“131”服务全部到位（人）']) + 1);
    await screenshot(page, 'reports-page');
  });

  it('shows the 12 sessions with 645 trainees, and enrols two labourers by pasted ID numbers', async () => {
    const trainings = new TrainingsTab(page);
    await trainings.open();
    await expect(trainings.totals()).resolves.toMatch(/共 12 期，参训 645 人/);
    await trainings.openSession(0);
    const before = await trainings.traineeCount();
    const db = new Database(workbench.db, { readonly: true });
    const ids = (db.prepare(`select p.id_number from employment_records e join people p on p.id = e.person_id
      where e.year = 2022 and e.wants_work = 1 and p.id not in (select person_id from trainees) order by p.id limit 2`).all() as { id_number: string }[]).map((r) => r.id_number);
    db.close();
    await trainings.enrolByPastedIds([...ids, '13032419990101']);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=trainees] tbody tr').length === n, before + 2);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('报名 2 人');
    await expect.poll(() => trainings.totals(), { timeout: 15_000 }).toMatch(/参训 647 人/);
    await screenshot(page, 'training-enrolled');
  });

  it('R1 from the report page carries the figures of the ledger', async () => {
    await reports.open();
    const file = path.join(workbench.dir, 'r1.xlsx');
    await (await reports.download('R1', '2022-12')).saveAs(file);
    const total = await totalRow(file);
    expect(total['已就业（人）']).toBe(4020);
    expect(total['目标任务（人）']).toBe(3946);
  });
});
