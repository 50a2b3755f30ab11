// 考勤发放 as a spreadsheet, at 1366×768: a 20-row column pasted from Excel into 出勤天数 goes through the
// same check as typing (refused cells marked and listed, the rest saved); 40 typed says why it is refused;
// 25 of 22 is kept and flagged; Ctrl+C copies a block; subtotals by township with a by-village switch;
// 审核通过 always asks with township, month, head-count and amount; Esc closes the dialog.
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, launchBrowser, login, newPage, screenshot, startWorkbench, type RunningWorkbench } from './support/workbench';
import { PayrollGrid, PayrollPage } from './pages/payroll-page';

describe('考勤发放 grid like Excel', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  let page: Page;
  let payroll: PayrollPage;
  let grid: PayrollGrid;
  let db: Database.Database;
  let township: { code: string; name: string };
  /** The township's 2022-07 lines in grid order (as the engine lists them). */
  let lines: { placementId: number; name: string; requiredDays: number }[];
  const pageErrors: string[] = [];
  const days = (placementId: number) => (db.prepare("select attended_days d from attendance where placement_id = ? and month = '2022-07'").get(placementId) as { d: number } | undefined)?.d ?? null;

  beforeAll(async () => {
    workbench = await startWorkbench({ demo: true });
    db = new Database(workbench.db, { readonly: true });
    township = db.prepare(`select code, name from divisions where level = 'township' and code not in
      (select township_code from payroll_months where month = '2022-07') order by code limit 1`).get() as { code: string; name: string };
    browser = await launchBrowser();
    page = await newPage(browser, pageErrors, { width: 1366, height: 768, clipboard: true });
    payroll = new PayrollPage(page);
    grid = new PayrollGrid(page);
    await login(page, workbench.url, ADMIN);
    await payroll.open();
    await payroll.chooseTownship(township.name);
    const view = await page.evaluate(async () => (await (await fetch('/api/payroll.month', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ month: '2022-07' }) })).json()) as
      { data: { lines: { placementId: number; name: string; townshipCode: string; requiredDays: number; status: string }[] } });
    lines = view.data.lines.filter((l) => l.townshipCode === township.code);
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

  it('puts one subtotal after the township by default, and one per village on demand', async () => {
    const ids = await grid.renderedRowIds();
    expect(ids.filter((id) => id.startsWith('v-'))).toEqual([]);
    await expect(page.getByTestId('payroll-totals').textContent()).resolves.toMatch(/合计：[\d,]+ 人/);
    await screenshot(page, 'payroll-1366-township-subtotals');
    await grid.grouping('village');
    await page.waitForFunction(() => document.querySelector('[data-testid=payroll-grid] .ag-row[row-id^="v-"]') !== null);
    await screenshot(page, 'payroll-1366-village-subtotals');
    await grid.grouping('township');
    await page.waitForFunction(() => document.querySelector('[data-testid=payroll-grid] .ag-row[row-id^="v-"]') === null);
  });

  it('keeps the toolbar on one line at 1366 px', async () => {
    const heights = await page.locator('.payroll-page .toolbar').evaluate((el) => ({ height: el.getBoundingClientRect().height, scroll: el.scrollWidth, width: el.clientWidth }));
    expect(heights.height).toBeLessThan(48);
    expect(heights.scroll).toBeLessThanOrEqual(heights.width + 1);
  });

  it('refuses 40 typed into 出勤天数 and says why, in the cell and the status line', async () => {
    const line = lines[0]!;
    const before = days(line.placementId);
    await payroll.typeAttendance(line.placementId, 40);
    await expect.poll(() => grid.note(line.placementId), { timeout: 10_000 }).toBe('refused');
    await expect(payroll.message().textContent()).resolves.toContain('出勤天数“40”应为0到31之间的整数');
    await expect(payroll.message().textContent()).resolves.toContain(line.name);
    expect(days(line.placementId)).toBe(before);
    await screenshot(page, 'payroll-1366-typed-40-refused');
  });

  it('keeps 25 of 22 but flags it in the cell, the status line and the anomalies', async () => {
    const line = lines.find((l) => l.requiredDays === 22)!;
    await payroll.typeAttendance(line.placementId, 25);
    await expect.poll(() => days(line.placementId), { timeout: 10_000 }).toBe(25);
    await expect.poll(() => grid.note(line.placementId)).toBe('warning');
    await expect(payroll.message().textContent()).resolves.toContain('多于应出勤的22天');
    await expect.poll(() => page.getByTestId('payroll-anomalies').textContent(), { timeout: 10_000 }).toContain(`${line.name}出勤25天，多于应出勤的22天`);
  });

  it('pastes a 20-row column from Excel into 出勤天数: accepted values saved, refused cells marked and listed', async () => {
    const values = ['22', '20', '40', '18', 'abc', '22', '25', '0', '', '22', '21', '-3', '22', '19', '22', '22', '31', '22', '1.5', '22'];
    const target = lines.slice(0, 20);
    expect(target).toHaveLength(20);
    const before = target.map((l) => days(l.placementId));
    await grid.paste(target[0]!.placementId, 'attendedDays', `${values.join('\r\n')}\r\n`);
    await page.waitForFunction(() => /已粘贴/.test(document.querySelector('[data-testid=payroll-message]')?.textContent ?? ''), undefined, { timeout: 15_000 });
    const refusedIndexes = [2, 4, 11, 18];
    await expect.poll(() => days(target[1]!.placementId), { timeout: 10_000 }).toBe(20);
    target.forEach((l, i) => {
      const expected = refusedIndexes.includes(i) ? before[i] : values[i] === '' ? null : Number(values[i]);
      expect({ i, days: days(l.placementId) }).toEqual({ i, days: expected });
    });
    const message = (await payroll.message().textContent()) ?? '';
    expect(message).toContain('已粘贴16格');
    expect(message).toContain('4格未接受');
    for (const i of refusedIndexes) expect(message).toContain(`${target[i]!.name}（第`);
    expect(message).toContain('“40”');
    expect(message).toContain('“abc”');
    // The refused cells on screen are marked red; the doubtful 25 and 31 yellow.
    await expect.poll(() => grid.note(target[2]!.placementId), { timeout: 10_000 }).toBe('refused');
    await expect.poll(() => grid.note(target[4]!.placementId), { timeout: 10_000 }).toBe('refused');
    await expect.poll(() => grid.note(target[6]!.placementId), { timeout: 10_000 }).toBe(target[6]!.requiredDays < 25 ? 'warning' : null);
    await expect.poll(() => grid.note(target[1]!.placementId), { timeout: 10_000 }).toBe(null);
    await screenshot(page, 'payroll-1366-pasted-column');
  });

  it('copies a Shift-clicked block of cells as tab-separated text (Ctrl+C)', async () => {
    await grid.selectBlock({ placementId: lines[0]!.placementId, colId: 'name' }, { placementId: lines[1]!.placementId, colId: 'attendedDays' });
    const text = await grid.copy();
    const rows = text.split('\r\n').map((r) => r.split('\t'));
    expect(rows).toHaveLength(2);
    expect(rows[0]![0]).toBe(lines[0]!.name);
    expect(rows[1]).toEqual([lines[1]!.name, String(lines[1]!.requiredDays), '20']);
  });

  it('fills a Shift-clicked block of 出勤天数 with one pasted value, as Excel does', async () => {
    const block = lines.slice(2, 5);
    await grid.selectBlock({ placementId: block[0]!.placementId, colId: 'attendedDays' }, { placementId: block[2]!.placementId, colId: 'attendedDays' });
    await grid.pasteHere('17');
    await expect.poll(() => payroll.message().textContent(), { timeout: 15_000 }).toContain('已粘贴3格');
    for (const l of block) await expect.poll(() => days(l.placementId), { timeout: 10_000 }).toBe(17);
  });

  it('confirms 审核通过 with township, month, head-count and amount; Esc closes without approving', async () => {
    await payroll.act('submit');
    await page.waitForFunction(() => document.querySelector('[data-testid=township-status]')?.textContent === '已提交');
    await payroll.act('approve');
    const dialog = page.getByTestId('approve-confirm');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain(township.name);
    expect(text).toContain('2022年7月');
    expect(text).toContain('只有管理员可以重新打开');
    const people = (await page.getByTestId('approve-people').textContent()) ?? '';
    expect(Number(people.replace(/,/g, ''))).toBe(lines.length);
    const amount = (await page.getByTestId('approve-amount').textContent()) ?? '';
    expect(Math.round(Number(amount.replace(/,/g, '')) * 100)).toBe(await payroll.totalNetFen());
    await screenshot(page, 'payroll-1366-approve-confirm');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await payroll.status()).toBe('已提交');
  });
});
