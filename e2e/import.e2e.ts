// 数据导入 end to end: a messy township workbook written by openpyxl, uploaded in Debian's chromium to a
// real `workbench serve`; preview and errors, a mapping change, commit, the people in 人员台账, the error
// report's content, history, 与上次对比 and undo.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { ADMIN, launchBrowser, login, newPage, screenshot, startWorkbench, type RunningWorkbench } from './support/workbench';
import { ImportPage } from './pages/import-page';
import { hasOpenpyxl, makeWorkbook, openpyxlJson } from '../electron/backend/import/testing/workbooks';
import { checkCharacter } from '../shared/domain/id-number';

const idFor = (first17: string) => first17 + checkCharacter(first17);

describe.skipIf(!hasOpenpyxl())('数据导入 in the browser', () => {
  let workbench: RunningWorkbench;
  let browser: Browser;
  let page: Page;
  let importer: ImportPage;
  let file: string;
  const pageErrors: string[] = [];

  const peopleTotal = async () => {
    await page.getByTestId('nav-people').click();
    await page.waitForFunction(() => /共 [\d,]+ 人/.test(document.querySelector('[data-testid=people-count]')?.textContent ?? ''));
    const text = (await page.getByTestId('people-count').textContent()) ?? '';
    return Number(/共 ([\d,]+) 人/.exec(text)![1]!.replace(/,/g, ''));
  };

  beforeAll(async () => {
    workbench = await startWorkbench();
    file = makeWorkbook('messy', workbench.dir, '印庄乡脱贫人口台账.xlsx');
    browser = await launchBrowser();
    page = await newPage(browser, pageErrors);
    importer = new ImportPage(page);
    await login(page, workbench.url, ADMIN);
    await importer.open();
  });

  afterAll(async () => {
    await browser?.close();
    await workbench?.stop();
    expect(pageErrors).toEqual([]);
  });

  it('previews a messy file: data sheet chosen, rows judged, rejected rows with row, column, code', async () => {
    await screenshot(page, 'import-empty');
    await importer.pickFile(file);
    expect(await importer.selectedSheet()).toBe('印庄乡台账');
    expect(await importer.counts()).toEqual({ 数据行: 14, 新增: 5, 更新: 0, 未变: 0, 未通过: 9, 提醒: 1 });
    const issues = await importer.issues();
    expect(issues).toEqual(expect.arrayContaining(['10 C ID_PRECISION_LOST', '11 C ID_CHECKSUM', '12 F VILLAGE_NOT_IN_TOWNSHIP', '14 C DUPLICATE_IN_FILE', '17 K BAD_PHONE', '20 E UNKNOWN_TOWNSHIP']));
    await expect(page.getByTestId('import-issues').textContent()).resolves.toContain('本文件第6行已有相同的身份证号');
    // Each issue: the explanation, the person's name and what the cell held, what to do; the code last.
    const checksum = await importer.issueRow(11);
    expect(checksum.message).toBe('身份证号校验位不正确，请核对每一位数字');
    expect(checksum.value).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const names = await page.locator('[data-testid=import-issues] .ag-cell[col-id="name"]').allTextContents();
    expect(names.filter((n) => n.trim() !== '').length).toBeGreaterThan(0);
    expect(checksum.todo).toContain('逐位核对');
    const columns = await page.locator('[data-testid=import-issues] .ag-header-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('col-id')));
    expect(columns.indexOf('message')).toBeLessThan(columns.indexOf('code'));
    const db = new Database(workbench.db, { readonly: true });
    expect((db.prepare('select count(*) n from people').get() as { n: number }).n).toBe(0);
    db.close();
    await screenshot(page, 'import-preview');
  });

  it('updates the preview when the clerk changes a column mapping', async () => {
    await importer.showMapping();
    await screenshot(page, 'import-mapping');
    await importer.mapColumn('K', '不导入');
    // The grid draws new rows on its next animation frame: wait for them rather than read the old ones.
    await expect.poll(() => importer.issues(), { timeout: 10_000 }).not.toContain('17 K BAD_PHONE');
    await importer.mapColumn('F', '不导入');
    await expect.poll(() => page.getByTestId('import-missing').textContent(), { timeout: 10_000 }).toContain('缺少必需的列：村');
    await expect.poll(() => page.getByTestId('import-commit').isDisabled(), { timeout: 10_000 }).toBe(true);
    await importer.mapColumn('F', '村');
    await importer.mapColumn('K', '联系电话');
    await expect.poll(() => importer.issues(), { timeout: 10_000 }).toContain('17 K BAD_PHONE');
    await expect.poll(() => importer.count('未通过'), { timeout: 10_000 }).toBe(9);
  });

  it('downloads an error report that mirrors the sheet with only the rejected rows', async () => {
    const download = await importer.downloadErrorReport();
    expect(download.suggestedFilename()).toBe('印庄乡脱贫人口台账_错误报告.xlsx');
    const saved = path.join(workbench.dir, 'report.xlsx');
    await download.saveAs(saved);
    const report = openpyxlJson<{ header: unknown[]; names: unknown[]; red: number }>(`
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
rows = [[c.value for c in r] for r in ws.iter_rows()]
red = sum(1 for r in ws.iter_rows() for c in r if c.fill is not None and c.fill.fgColor is not None and c.fill.fgColor.rgb == 'FFFFC7CE')
print(json.dumps({'header': rows[2], 'names': [r[1] for r in rows[4:]], 'red': red}, ensure_ascii=False, default=str))`, saved);
    expect(report.header.at(-1)).toBe('错误说明');
    expect(report.header.slice(0, 2)).toEqual(['序号', '基本信息']);
    expect(report.names).toEqual(['赵数字', '钱校验', '孙外村', '周无村', '吴重复', '郑老号', '冯卡号', '褚类别', '卫无乡']);
    expect(report.red).toBeGreaterThanOrEqual(10);
  });

  it('commits the accepted rows; the new people appear in 人员台账', async () => {
    const message = await importer.commit();
    expect(message).toContain('已导入（第1批）：新增 5 人');
    expect(await importer.counts()).toMatchObject({ 新增: 5, 未通过: 9 });
    await screenshot(page, 'import-committed');
    expect(fs.readdirSync(path.join(workbench.dir, 'backups')).some((f) => f.endsWith('before-import.sqlite'))).toBe(true);
    expect(await peopleTotal()).toBe(5);
    await page.getByTestId('people-search').fill('张国强');
    await page.waitForFunction(() => (document.querySelector('[data-testid=people-count]')?.textContent ?? '').includes('当前显示 1 人'));
    await expect.poll(() => page.locator('.ag-row .ag-cell[col-id="townshipName"]').first().textContent(), { timeout: 10_000 }).toBe('印庄镇');
    await screenshot(page, 'import-people-after');
  });

  it('says so when the same file is picked again, and changes nothing', async () => {
    await importer.open();
    await importer.pickFile(file);
    await expect(page.getByTestId('import-already').textContent()).resolves.toContain('第1批');
    expect(await importer.counts()).toMatchObject({ 新增: 0, 更新: 0, 未变: 14 });
    await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(true);
  });

  it('lists the batch in 导入记录, compares it, and undoes it: the people are gone', async () => {
    await importer.openHistory();
    expect(await importer.batchStatus(1)).toBe('已导入');
    await expect(page.getByTestId('batch-1').textContent()).resolves.toContain('印庄乡脱贫人口台账.xlsx');
    expect(await importer.compare(1)).toContain('第一批导入');
    await screenshot(page, 'import-history');
    expect(await importer.undo(1)).toContain('已撤销第1批');
    await expect.poll(() => importer.batchStatus(1), { timeout: 10_000 }).toBe('已撤销');
    await screenshot(page, 'import-history-undone');
    expect(await peopleTotal()).toBe(0);
  });

  it('imports a placements list (公益岗位安置) through the page: two placed, the ineligible one refused', async () => {
    // The people first: the undone file can be imported again.
    await importer.open();
    await importer.pickFile(file);
    expect(await importer.commit()).toContain('新增 5 人');
    const placements = path.join(workbench.dir, '印庄镇公益岗位安置.xlsx');
    const row = (name: string, id: string, start: string) => ({ township: '印庄镇', village: '印庄村', name, id, type: '保洁', start, subsidy: 650 });
    execFileSync('/usr/bin/python3', [path.join(__dirname, '../electron/backend/import/testing/placements_workbook.py'), placements, JSON.stringify([
      row('张国强', idFor('13032419800101001'), '2022年3月1日'),
      row('李全福', idFor('13032419700404001'), 'date:2022-04-01'),
      row('陈小写', idFor('13032419821010002'), '2022-3-1'),
    ])], { stdio: 'pipe' });
    await importer.open();
    // Picked as 人员台账, the file's 岗位类型/上岗时间 headers give it away: a warning, and one click to switch.
    await importer.chooseKind('人员台账');
    await importer.pickFile(placements);
    const warning = page.getByTestId('import-kind-warning');
    await expect(warning.textContent()).resolves.toContain('像是公益岗位安置');
    await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'import-kind-warning');
    await page.getByTestId('import-kind-switch').click();
    await importer.waitIdle();
    await warning.waitFor({ state: 'detached' });
    await expect(page.getByTestId('import-kind').inputValue()).resolves.toBe('placements');
    await expect.poll(() => importer.counts(), { timeout: 10_000 }).toMatchObject({ 数据行: 3, 新增: 2, 未通过: 1 });
    // 陈小写 is 低保 and has lost the ability to work: two reasons, both on the row (title row 1, header row 2).
    await expect.poll(() => importer.issues(), { timeout: 10_000 }).toEqual(['5 E NOT_ELIGIBLE', '5 E NOT_ELIGIBLE']);
    await expect(page.getByTestId('import-issues').textContent()).resolves.toContain('低保');
    const message = await importer.commit();
    expect(message).toMatch(/已导入（第\d+批）：新增 2 人/);
    await screenshot(page, 'import-placements-committed');
    const db = new Database(workbench.db, { readonly: true });
    expect(db.prepare('select pe.name, pl.start_date from placements pl join people pe on pe.id = pl.person_id order by pl.start_date').all())
      .toEqual([{ name: '张国强', start_date: '2022-03-01' }, { name: '李全福', start_date: '2022-04-01' }]);
    db.close();
  });
});
