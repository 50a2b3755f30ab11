// 代发批次 end to end on the demo county (batches 2022-03..05 answered by the bank, 2022-06 approved and not
// sent), `workbench serve`, Debian's chromium at 1366×768: make the 2022-06 batch and download its bank file,
// import the bank's return file (written by openpyxl) under 数据导入 as a 审核员, see the 对账 and the failed lines,
// mark one 重发 and find it in the next batch's preview.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, MANAGER, launchBrowser, login, newPage, screenshot, startWorkbench, type RunningWorkbench } from './support/workbench';
import { ImportPage } from './pages/import-page';
import { PayrollPage } from './pages/payroll-page';
import { PeoplePage } from './pages/people-page';
import { writeBankReturn } from '../electron/backend/testing/bank-return';
import { hasOpenpyxl } from '../electron/backend/import/testing/workbooks';
import { formatYuan } from '../shared/domain/money';

describe.skipIf(!hasOpenpyxl())('代发批次 in the browser', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  let page: Page;
  let db: Database.Database;
  let bankFile: string;
  const pageErrors: string[] = [];
  const batchRow = (batchNo: string) => page.getByTestId('batch-row').filter({ hasText: batchNo });

  beforeAll(async () => {
    workbench = await startWorkbench({ demo: true });
    db = new Database(workbench.db, { readonly: true });
    browser = await launchBrowser();
    page = await newPage(browser, pageErrors);
    await page.setViewportSize({ width: 1366, height: 768 });
    await login(page, workbench.url, ADMIN);
    await page.getByTestId('nav-bank').click();
    await page.getByTestId('batch-table').waitFor();
  }, 180_000);

  afterAll(async () => {
    db?.close();
    await browser?.close();
    await workbench?.stop();
    expect(pageErrors).toEqual([]);
  });

  it('shows the demo\'s batches with their 对账 and offers 2022-06, with 2022-05\'s corrected failures', async () => {
    await expect.poll(() => page.getByTestId('batch-row').count(), { timeout: 10_000 }).toBe(3);
    await expect(batchRow('202203-01').textContent()).resolves.toContain('已回盘');
    await expect.poll(() => page.getByTestId('batch-month').inputValue(), { timeout: 10_000 }).toBe('2022-06');
    const sendable = db.prepare("select count(*) n from payroll_lines where month = '2022-06' and net_fen > 0 and card_number is not null and card_number <> ''").get() as { n: number };
    const retries = (db.prepare(`select count(*) n from payment_returns r join payment_lines l on l.id = r.line_id where r.result = '失败' and l.month = '2022-05'`).get() as { n: number }).n;
    await page.waitForFunction(() => /本次将代发/.test(document.querySelector('[data-testid=batch-preview]')?.textContent ?? ''));
    const preview = (await page.getByTestId('batch-preview').textContent()) ?? '';
    expect(preview).toContain(`本次将代发 ${sendable.n + retries} 笔`);
    expect(preview).toContain(`其中重发 ${retries} 笔`);
    await screenshot(page, 'bank-batches-before');
  });

  it('makes the batch, downloads its bank file, and marks it sent', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('batch-create-button').click();
    bankFile = path.join(workbench.dir, (await download).suggestedFilename());
    await (await download).saveAs(bankFile);
    expect(path.basename(bankFile)).toBe('卢龙县_公益性岗位补贴代发_2022-06_批次202206-01.xlsx');
    await expect.poll(() => page.getByTestId('batch-message').textContent(), { timeout: 10_000 }).toContain('已生成代发批次 202206-01');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(bankFile);
    const sheet = workbook.worksheets[0]!;
    const batch = db.prepare("select line_count n, total_fen fen from payment_batches where batch_no = '202206-01'").get() as { n: number; fen: number };
    expect(sheet.getRow(sheet.rowCount).values).toEqual([undefined, '合计', `共${batch.n}笔`, '', '', batch.fen / 100, '']);
    await batchRow('202206-01').getByTestId('batch-sent').click();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=batch-row]')].some((r) => r.textContent?.includes('202206-01') && r.textContent.includes('已报送银行')));
    // Nothing is left to send for 2022-06.
    await page.waitForFunction(() => /没有可以代发的新行/.test(document.querySelector('[data-testid=batch-preview]')?.textContent ?? ''));
  });

  it('a 审核员 imports the bank\'s return file under 数据导入 (only that kind offered): dry run, then paid and failed; 首页 counts it', async () => {
    const returnFile = path.join(workbench.dir, '代发回盘_202206.xlsx');
    writeBankReturn(bankFile, returnFile, { 15: '账户已冻结', 300: '户名与账号不符' });
    const managerPage = await newPage(browser, pageErrors);
    await managerPage.setViewportSize({ width: 1366, height: 768 });
    await login(managerPage, workbench.url, MANAGER);
    const importer = new ImportPage(managerPage);
    await importer.open();
    // A manager may import return files only: the township workbooks are for 录入员.
    await expect(managerPage.getByTestId('import-kind').locator('option').allTextContents()).resolves.toEqual(['银行回盘']);
    await importer.pickFile(returnFile);
    const lines = (db.prepare("select line_count n from payment_batches where batch_no = '202206-01'").get() as { n: number }).n;
    expect(await importer.counts()).toEqual({ 数据行: lines, 新增: lines, 更新: 0, 未变: 0, 未通过: 0, 提醒: 0 });
    await expect(managerPage.getByTestId('import-return-figures').textContent()).resolves.toContain(`成功 ${lines - 2} 笔，发放失败 2 笔`);
    await screenshot(managerPage, 'bank-return-preview-manager');
    const message = await importer.commit();
    expect(message).toContain(`银行确认成功 ${lines - 2} 笔，发放失败 2 笔`);
    expect(fs.readdirSync(path.join(workbench.dir, 'backups')).some((f) => f.includes('before-import'))).toBe(true);
    const audit = db.prepare("select count(*) n from import_batches where kind = 'bank-return' and created_by = ?").get(MANAGER.username) as { n: number };
    expect(audit.n).toBe(1);
    // 首页 for 2022-06 now counts the confirmed money as paid and the two failures apart.
    const failed = db.prepare(`select sum(l.amount_fen) fen from payment_returns r join payment_lines l on l.id = r.line_id join payment_batches b on b.id = l.batch_id
      where b.batch_no = '202206-01' and r.result = '失败' and l.month = '2022-06'`).get() as { fen: number };
    await managerPage.getByTestId('nav-home').click();
    await managerPage.getByTestId('home-month').fill('2022-06');
    await expect.poll(() => managerPage.getByTestId('fig-bank').textContent(), { timeout: 10_000 }).toContain(`/ ${formatYuan(failed.fen)}`);
    await managerPage.close();
  });

  it('shows the batch 已回盘 with its failures, and a failed line marked 重发 goes into the next batch', async () => {
    // The administrator's window was on 代发批次 while the manager imported: open it afresh.
    await page.getByTestId('nav-home').click();
    await page.getByTestId('nav-bank').click();
    await page.getByTestId('batch-table').waitFor();
    await expect.poll(() => batchRow('202206-01').textContent(), { timeout: 10_000 }).toContain('已回盘');
    await expect(batchRow('202206-01').textContent()).resolves.toContain('2 笔');
    await batchRow('202206-01').getByRole('button', { name: '202206-01' }).click();
    await page.getByTestId('batch-line').first().waitFor();
    await expect.poll(() => page.getByTestId('batch-line').count(), { timeout: 10_000 }).toBe(2);
    await expect(page.getByTestId('batch-lines').textContent()).resolves.toContain('失败（账户已冻结）');
    await page.getByTestId('batch-line').filter({ hasText: '账户已冻结' }).getByTestId('mark-retry').click();
    await page.waitForFunction(() => /已标记重发/.test(document.querySelector('[data-testid=batch-message]')?.textContent ?? ''));
    await page.waitForFunction(() => /其中重发 1 笔/.test(document.querySelector('[data-testid=batch-preview]')?.textContent ?? ''));
    await screenshot(page, 'bank-batches-after-return');
  });

  it('shows each line\'s payment state on 考勤发放', async () => {
    const failed = db.prepare(`select l.placement_id id, d.name township from payment_lines l join payment_returns r on r.line_id = l.id
      join divisions d on d.code = l.township_code where r.reason = '账户已冻结' and l.month = '2022-06'`).get() as { id: number; township: string };
    const payroll = new PayrollPage(page);
    await payroll.open();
    await payroll.chooseMonth('2022-06');
    await payroll.chooseTownship(failed.township);
    // The grid draws the rows in view: scroll down to the line.
    const row = page.locator(`[data-testid=payroll-grid] .ag-row[row-id="p-${failed.id}"]`);
    for (let i = 0; i < 60 && (await row.count()) === 0; i++) await page.locator('[data-testid=payroll-grid] .ag-body-viewport').evaluate((el) => { el.scrollTop += 250; });
    await row.first().scrollIntoViewIfNeeded();
    await expect.poll(() => payroll.lineCell(failed.id, 'payment')).toBe('发放失败（账户已冻结）');
    await screenshot(page, 'bank-payroll-payment-state');
  });

  it('shows a person\'s 发放记录: month, amount, batch, state with the bank\'s reason', async () => {
    const person = db.prepare(`select pe.id_number idNumber, pe.name from payment_lines l join payment_returns r on r.line_id = l.id join people pe on pe.id = l.person_id
      where r.reason = '户名与账号不符' and l.month = '2022-06'`).get() as { idNumber: string; name: string };
    const people = new PeoplePage(page);
    await people.open();
    await people.search(person.name);
    // The list shows IDs masked (130324********123X): the row of this person among namesakes.
    const masked = `${person.idNumber.slice(0, 6)}********${person.idNumber.slice(14)}`;
    const row = page.locator('.ag-row').filter({ hasText: masked }).first();
    await row.waitFor();
    const index = await row.getAttribute('row-index');
    await page.locator(`.ag-row[row-index="${index}"] .ag-cell[col-id="name"]`).first().dblclick();
    await expect.poll(() => page.getByTestId('field-idNumber').inputValue()).toBe(person.idNumber);
    await page.getByTestId('payment-history').locator('tbody tr').first().waitFor();
    const history = (await page.getByTestId('payment-history').textContent()) ?? '';
    expect(history).toContain('202206-01');
    expect(history).toContain('发放失败（户名与账号不符）');
    expect(history).toContain('202203-01');
    await screenshot(page, 'bank-person-history');
  });
});
