// 首页 and 报表中心 in the browser, on the demo county: a manager lands on 首页 with the same figures as
// `workbench summary` (same code), clicks a township in the chart to filter to it; a clerk lands on their
// township's work; 报表中心 previews R4 with the file's totals and exports the bank list. Screenshots at 1366×768.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CLERK_YANHEYING, MANAGER, launchBrowser, login, newPage, screenshot, startWorkbench, workbenchJson, type RunningWorkbench } from './support/workbench';
import { formatYuan } from '../shared/domain/money';
import type { WorkbenchSummary } from '../shared/contract/reports';

describe('首页 and 报表中心 in the browser', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workbench = await startWorkbench({ demo: true });
    browser = await launchBrowser();
    page = await newPage(browser, pageErrors);
    await page.setViewportSize({ width: 1366, height: 768 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await workbench?.stop();
    expect(pageErrors).toEqual([]);
  });

  it('lands a manager on 首页 with the figures of `workbench summary` and three charts', async () => {
    await login(page, workbench.url, MANAGER);
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('fig-paid').waitFor();
    await expect.poll(() => page.getByTestId('home-month').inputValue(), { timeout: 10_000 }).toBe('2022-07'); // the latest month with attendance
    const month = '2022-07';
    const summary = workbenchJson(['summary', '--db', workbench.db, '--month', month, '--user', MANAGER.username, '--json']) as WorkbenchSummary;
    // The figures arrive after the page: wait for each to show its value (a read right away can see the old one).
    await expect.poll(() => page.getByTestId('fig-paid').textContent(), { timeout: 10_000 }).toContain(`${formatYuan(summary.payroll.confirmedFen)} 元`);
    await expect.poll(() => page.getByTestId('fig-year').textContent(), { timeout: 10_000 }).toContain(`${formatYuan(summary.payroll.yearConfirmedFen)} 元`);
    await expect.poll(() => page.getByTestId('fig-posts').textContent(), { timeout: 10_000 }).toContain(`${summary.posts.planned!.toLocaleString('zh-CN')} / ${summary.posts.developed.toLocaleString('zh-CN')}`);
    await expect.poll(() => page.getByTestId('fig-employment').textContent(), { timeout: 10_000 }).toContain(`${summary.employment.employed.toLocaleString('zh-CN')} / 3,946`);
    // Each chart drawn to the end of its entry animation (the page marks it), for the screenshot.
    for (const chart of ['chart-completion', 'chart-posts', 'chart-payroll']) await page.locator(`[data-testid=${chart}][data-drawn=true]`).waitFor({ timeout: 15_000 });
    await screenshot(page, 'home-manager-1366x768');
  }, 60_000);

  it('counts as paid only what the bank confirmed: 2022-05 with its failures apart', async () => {
    const may = workbenchJson(['summary', '--db', workbench.db, '--month', '2022-05', '--json']) as WorkbenchSummary;
    expect(may.payroll.failedFen).toBeGreaterThan(0);
    await page.getByTestId('home-month').fill('2022-05');
    await expect.poll(() => page.getByTestId('fig-paid').textContent(), { timeout: 10_000 }).toContain(`${formatYuan(may.payroll.confirmedFen)} 元`);
    await expect(page.getByTestId('fig-bank').textContent()).resolves.toContain(`${formatYuan(may.payroll.awaitingFen)} / ${formatYuan(may.payroll.failedFen)}`);
    await expect(page.getByTestId('fig-bank').textContent()).resolves.toContain(`未发送及暂缓 ${formatYuan(may.payroll.unsentFen)} 元`);
    await expect(page.getByTestId('fig-year').textContent()).resolves.toContain(`${formatYuan(may.payroll.yearConfirmedFen)} 元`);
    for (const chart of ['chart-completion', 'chart-posts', 'chart-payroll']) await page.locator(`[data-testid=${chart}][data-drawn=true]`).waitFor({ timeout: 15_000 });
    await screenshot(page, 'home-manager-2022-05-1366x768');
    const july = workbenchJson(['summary', '--db', workbench.db, '--month', '2022-07', '--json']) as WorkbenchSummary;
    await page.getByTestId('home-month').fill('2022-07');
    await expect.poll(() => page.getByTestId('fig-paid').textContent(), { timeout: 10_000 }).toContain(`本月实发 ${formatYuan(july.payroll.netFen)} 元`);
  }, 60_000);

  it('filters to a township when its bar is clicked', async () => {
    const box = (await page.getByTestId('chart-completion').boundingBox())!;
    const summary = workbenchJson(['summary', '--db', workbench.db, '--month', '2022-07', '--json']) as WorkbenchSummary;
    // The bars share the grid (48 px left, 16 px right) in equal bands; click just above the axis of the third.
    const band = (box.width - 64) / summary.townships.length;
    await page.mouse.click(box.x + 48 + band * 2.5, box.y + box.height - 64 - 6);
    const third = summary.townships[2]!;
    await expect.poll(() => page.getByTestId('home-scope').textContent(), { timeout: 5000 }).toBe(`当前：${third.name}`);
    await expect.poll(() => page.getByTestId('fig-paid').textContent(), { timeout: 10_000 }).toContain(`${formatYuan(third.confirmedFen)} 元`);
    await expect.poll(() => page.getByTestId('fig-bank').textContent(), { timeout: 10_000 }).toContain(`未发送及暂缓 ${formatYuan(third.unsentFen)} 元`);
    await page.locator('[data-testid=chart-completion][data-drawn=true]').waitFor({ timeout: 15_000 });
    await screenshot(page, 'home-township-filtered');
    await page.getByTestId('home-clear').click();
    await expect.poll(() => page.getByTestId('home-scope').textContent(), { timeout: 10_000 }).toBe('当前：全县');
  }, 60_000);

  it('previews R4 in 报表中心 with the totals of the file, and exports the bank list', async () => {
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('report-month').fill('2022-06');
    await page.getByTestId('report-preview-R4').click();
    const totalRow = page.locator('[data-testid=report-sheet] tr.report-total').first();
    await expect.poll(() => totalRow.textContent(), { timeout: 30_000 }).toContain('1,520,379.39');
    await expect(totalRow.textContent()).resolves.toContain('1,516,479.39');
    await screenshot(page, 'reports-center-r4-preview');
    // R2 for 2022-05 (answered by the bank with failures): the same bank-confirmed split as 首页.
    const may = workbenchJson(['summary', '--db', workbench.db, '--month', '2022-05', '--json']) as WorkbenchSummary;
    await page.getByTestId('report-month').fill('2022-05');
    await page.getByTestId('report-preview-R2').click();
    const r2Total = page.locator('[data-testid=report-sheet] tr.report-total').first();
    await expect.poll(() => r2Total.textContent(), { timeout: 10_000 }).toContain(formatYuan(may.payroll.confirmedFen));
    for (const fen of [may.payroll.netFen, may.payroll.failedFen, may.payroll.unsentFen, may.payroll.yearConfirmedFen]) await expect(r2Total.textContent()).resolves.toContain(formatYuan(fen));
    await screenshot(page, 'reports-center-r2-preview');
    await page.getByTestId('report-month').fill('2022-06');
    const download = page.waitForEvent('download');
    await page.getByTestId('report-BANK').click();
    expect((await download).suggestedFilename()).toBe('卢龙县_代发_乡村公益性岗位补贴银行代发清单_2022年6月.xlsx');
    await expect.poll(() => page.getByTestId('report-message').textContent(), { timeout: 10_000 }).toContain('已生成 1 个文件');
    // A month without a year policy is refused with its message, and nothing is downloaded.
    await page.getByTestId('report-month').fill('2023-01');
    await page.getByTestId('report-preview-R2').click();
    await expect.poll(() => page.getByTestId('report-message').textContent(), { timeout: 10_000 }).toContain('2023年还没有年度政策');
  }, 60_000);

  it("lands a clerk on their township's work", async () => {
    const clerkPage = await newPage(browser, pageErrors);
    await clerkPage.setViewportSize({ width: 1366, height: 768 });
    await login(clerkPage, workbench.url, CLERK_YANHEYING);
    await clerkPage.getByTestId('clerk-todo').waitFor();
    await expect.poll(() => clerkPage.locator('h1').first().textContent(), { timeout: 10_000 }).toBe('本乡镇工作：燕河营镇');
    await expect.poll(() => clerkPage.getByTestId('clerk-todo').locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(clerkPage, path.basename('home-clerk-yanheying'));
    await clerkPage.close();
  }, 60_000);
});
