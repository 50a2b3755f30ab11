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
    page = await newPage(browser, pageErrors, { clipboard: true });
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

  it('pastes a 20-row column from Excel into 务工月数: accepted values saved, refused cells marked and listed', async () => {
    await ledger.open();
    await ledger.filter('township', '燕河营镇');
    // The grid lists the ledger's rows in the engine's order, filtered: the first 20 of the township.
    const ledgerRows = await page.evaluate(async () => (await (await fetch('/api/employment.ledger', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ year: 2022 }) })).json()) as
      { data: { rows: { personId: number; name: string; townshipCode: string; source: string; monthsWorked: number | null }[] } });
    const target = ledgerRows.data.rows.filter((r) => r.townshipCode === '130324102000').slice(0, 20);
    expect(target).toHaveLength(20);
    const values = ['6', '8', 'abc', '10', '12', '', '1.5', '3', '120', '7', '9', '11', '5', '4', '2', '1', '6', '八', '10', '12'];
    const badValue = [2, 6, 8, 17];
    const refused = target.map((r, i) => badValue.includes(i) || r.source === 'post');
    const db = new Database(workbench.db, { readonly: true });
    const monthsWorked = (personId: number) => (db.prepare('select months_worked m from employment_records where person_id = ? and year = 2022').get(personId) as { m: number | null } | undefined)?.m ?? null;
    const before = target.map((r) => monthsWorked(r.personId));
    await ledger.paste(0, 'monthsWorked', `${values.join('\r\n')}\r\n`);
    await expect.poll(() => ledger.message().textContent(), { timeout: 60_000 }).toContain('已粘贴');
    const message = (await ledger.message().textContent()) ?? '';
    const refusedCount = refused.filter(Boolean).length;
    expect(message).toContain(`已粘贴${20 - refusedCount}格`);
    expect(message).toContain(`${refusedCount}格未接受`);
    expect(message).toContain('“abc”');
    for (const [i, row] of target.entries()) {
      const expected = refused[i] ? before[i] : values[i] === '' ? null : Number(values[i]);
      expect({ i, months: monthsWorked(row.personId) }).toEqual({ i, months: expected });
    }
    db.close();
    // The grid redraws saved rows on its next frame: wait for the marks and values rather than read once.
    await expect.poll(() => ledger.note(2, 'monthsWorked'), { timeout: 10_000 }).toBe('refused');
    await expect.poll(() => ledger.note(6, 'monthsWorked'), { timeout: 10_000 }).toBe('refused');
    const firstAccepted = refused.indexOf(false);
    await expect.poll(() => ledger.note(firstAccepted, 'monthsWorked'), { timeout: 10_000 }).toBe(null);
    await expect.poll(() => ledger.cell(firstAccepted, 'monthsWorked').textContent(), { timeout: 10_000 }).toBe(values[firstAccepted]);
    await screenshot(page, 'employment-pasted-column');
  });

  it('copies a block grown with Shift+arrow keys as tab-separated text (Ctrl+C)', async () => {
    const names = await Promise.all([0, 1, 2].map(async (i) => ((await ledger.cell(i, 'name').textContent()) ?? '').trim()));
    const text = await ledger.copyBlock(0, 'name', ['ArrowDown', 'ArrowDown', 'ArrowRight']);
    const rows = text.split('\r\n').map((r) => r.split('\t'));
    expect(rows.map((r) => r[0])).toEqual(names);
    // The ID numbers as shown (masked on screen, so masked on the clipboard too).
    for (const row of rows) expect(row[1]).toMatch(/^\d{6}[\d*]{8}\d{3}[\dX]$/);
  });
});
