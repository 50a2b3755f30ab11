// 考勤发放 end to end: the demo county (placements, attendance, approved months), `workbench serve`,
// Debian's chromium. A clerk's month: enter attendance, watch the totals, submit, approve, find the
// month locked, then correct it with an adjustment in the next month.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, launchBrowser, login, newPage, screenshot, startWorkbench, type RunningWorkbench } from './support/workbench';
import { PayrollPage } from './pages/payroll-page';
import { formatYuan } from '../shared/domain/money';

describe('考勤发放 in the browser', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  let page: Page;
  let payroll: PayrollPage;
  let db: Database.Database;
  const pageErrors: string[] = [];
  let township: { code: string; name: string };
  let placementId: number;

  beforeAll(async () => {
    workbench = await startWorkbench({ demo: true });
    db = new Database(workbench.db, { readonly: true });
    // The demo leaves 2022-07 open, odd-numbered townships not yet submitted.
    township = db.prepare(`select code, name from divisions where level = 'township' and code not in
      (select township_code from payroll_months where month = '2022-07') order by code limit 1`).get() as { code: string; name: string };
    placementId = (db.prepare(`select pl.id from placements pl join posts po on po.id = pl.post_id join attendance a on a.placement_id = pl.id
      where po.township_code = ? and a.month = '2022-07' and a.attended_days >= 22 order by po.village_code, pl.id limit 1`).get(township.code) as { id: number }).id;
    browser = await launchBrowser();
    page = await newPage(browser, pageErrors);
    payroll = new PayrollPage(page);
    await login(page, workbench.url, ADMIN);
    await payroll.open();
  }, 180_000);

  afterAll(async () => {
    db?.close();
    await browser?.close();
    await workbench?.stop();
    expect(pageErrors).toEqual([]);
  });

  it('opens on the first month still open, with the county total in figures and capital numerals', async () => {
    expect(await payroll.month()).toBe('2022-07');
    // 2,434 posts; six were handed over mid-July (the demo's part months), so 2,440 lines.
    await expect(page.getByTestId('payroll-totals').textContent()).resolves.toContain('全县合计：2,440 人');
    await expect(page.getByTestId('total-words').textContent()).resolves.toMatch(/^[壹贰叁肆伍陆柒捌玖拾佰仟万零]+元/);
    await screenshot(page, 'payroll-county-2022-07');
  });

  it('enters attendance with the keyboard and the totals move by exactly the line’s change', async () => {
    await payroll.chooseTownship(township.name);
    expect(await payroll.status()).toBe('未提交');
    const before = await payroll.totalNetFen();
    expect(await payroll.lineCell(placementId, 'netFen')).toBe('650.00');
    await payroll.typeAttendance(placementId, 10);
    // 650.00 × 10 ÷ 22 = 295.45: the township total falls by 354.55.
    await page.waitForFunction(([id]) => document.querySelector(`[data-testid=payroll-grid] .ag-row[row-id="p-${id}"] .ag-cell[col-id="netFen"]`)?.textContent?.trim() === '295.45', [placementId]);
    expect(await payroll.totalNetFen()).toBe(before - 35455);
    expect(await payroll.lineCell(placementId, 'deductionFen')).toBe('354.55');
    expect(db.prepare("select attended_days d from attendance where placement_id = ? and month = '2022-07'").get(placementId)).toEqual({ d: 10 });
    await screenshot(page, 'payroll-attendance-entered');
  });

  it('submits and approves the township-month; approval freezes its lines', async () => {
    await payroll.act('submit');
    await page.waitForFunction(() => document.querySelector('[data-testid=township-status]')?.textContent === '已提交');
    await payroll.act('approve');
    // 审核通过 is always confirmed: the township, month, head-count and amount, then the click that locks.
    await page.getByTestId('approve-confirm').waitFor();
    await page.getByTestId('approve-confirm-ok').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=township-status]')?.textContent === '已审核');
    await expect.poll(() => payroll.message().textContent(), { timeout: 10_000 }).toContain('已审核通过');
    const frozen = db.prepare("select net_fen from payroll_lines where month = '2022-07' and placement_id = ?").get(placementId);
    expect(frozen).toEqual({ net_fen: 29545 });
    expect(fs.readdirSync(path.join(workbench.dir, 'backups')).some((f) => f.includes(`before-approval-2022-07-${township.code}`))).toBe(true);
    await screenshot(page, 'payroll-approved');
  });

  it('refuses to edit the locked month: no editor in the grid, MONTH_LOCKED from the engine', async () => {
    await page.locator(`[data-testid=payroll-grid] .ag-row[row-id="p-${placementId}"] .ag-cell[col-id="attendedDays"]`).dblclick();
    await page.keyboard.type('22');
    expect(await payroll.isEditorOpen()).toBe(false);
    expect(await payroll.lineCell(placementId, 'attendedDays')).toBe('10');
    const answer = await page.evaluate(async (id) => (await fetch('/api/payroll.setAttendance', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ month: '2022-07', entries: [{ placementId: id, attendedDays: 22 }] }),
    })).json(), placementId);
    expect(answer).toMatchObject({ ok: false, error: { code: 'MONTH_LOCKED' } });
    expect(db.prepare("select attended_days d from attendance where placement_id = ? and month = '2022-07'").get(placementId)).toEqual({ d: 10 });
  });

  it('corrects the locked month with a 补发 in the next month', async () => {
    await payroll.chooseMonth('2022-08');
    await payroll.chooseTownship(township.name);
    const before = await payroll.totalNetFen();
    await payroll.selectLine(placementId);
    await payroll.addAdjustment({ kind: '补发', amount: '354.55', correctsMonth: '2022-07', reason: '7月考勤录错，应为全勤' });
    await expect.poll(() => page.getByTestId('payroll-adjustments').textContent(), { timeout: 10_000 }).toContain('354.55 元，更正2022年7月');
    expect(await payroll.lineCell(placementId, 'adjustmentFen')).toBe('354.55');
    expect(await payroll.totalNetFen()).toBe(before + 35455);
    expect(db.prepare("select amount_fen, corrects_month from adjustments where placement_id = ?").get(placementId)).toEqual({ amount_fen: 35455, corrects_month: '2022-07' });
    // July itself never changed.
    expect(db.prepare("select net_fen from payroll_lines where month = '2022-07' and placement_id = ?").get(placementId)).toEqual({ net_fen: 29545 });
    await screenshot(page, 'payroll-adjustment');
    expect(formatYuan(35455)).toBe('354.55');
  });

  it('downloads R4 for the month on screen, its county total matching the screen', async () => {
    await page.getByTestId('payroll-township').selectOption({ index: 0 });
    await payroll.waitForGrid();
    const shownFen = await payroll.totalNetFen();
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('payroll-export-r4').click();
    const download = await downloadPromise;
    const file = path.join(workbench.dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(path.basename(file)).toBe('卢龙县_R4_乡村公益性岗位补贴发放明细表_2022年8月.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const summary = workbook.getWorksheet('汇总')!;
    let totalFen: number | null = null;
    summary.eachRow((row) => { if (row.getCell(2).value === '合计') totalFen = Math.round(Number(row.getCell(8).value) * 100); });
    expect(totalFen).toBe(shownFen);
    await expect.poll(() => page.getByTestId('payroll-message').textContent(), { timeout: 10_000 }).toContain('_R4_');
  });

  it('asks before approving a month with anomalies, and a reviewer can send it back with a reason', async () => {
    await payroll.chooseMonth('2022-08');
    await payroll.chooseTownship(township.name);
    await payroll.act('submit');
    await page.waitForFunction(() => document.querySelector('[data-testid=township-status]')?.textContent === '已提交');
    await payroll.act('approve');
    const confirm = page.getByTestId('approve-confirm');
    await confirm.waitFor();
    // Everyone but the one with the adjustment lacks August attendance: each is an anomaly.
    const anomalies = Number((await page.locator('[data-testid=payroll-anomalies] h2 .count').first().textContent()) ?? 'NaN');
    expect(anomalies).toBeGreaterThan(100);
    await expect(confirm.textContent()).resolves.toContain(`还有 ${anomalies} 条异常提示`);
    await screenshot(page, 'payroll-approve-confirm');
    await page.getByRole('button', { name: '返回核对' }).click();
    expect(await payroll.status()).toBe('已提交');
    await payroll.act('return', '8月考勤尚未报来，请补齐后再提交');
    await page.waitForFunction(() => document.querySelector('[data-testid=township-status]')?.textContent === '未提交');
    await expect(page.getByTestId('payroll-status').textContent()).resolves.toContain('退回：8月考勤尚未报来');
    expect(db.prepare("select count(*) n from payroll_lines where month = '2022-08'").get()).toEqual({ n: 0 });
  });

  it('shows the lock board month × township', async () => {
    await page.getByTestId('tab-board').click();
    const board = page.getByTestId('lock-board');
    await board.waitFor();
    const row = board.locator('tr', { hasText: township.name });
    await expect.poll(() => row.locator('td').nth(4).textContent(), { timeout: 10_000 }).toContain('已审核');
    await screenshot(page, 'payroll-lock-board');
  });
});
