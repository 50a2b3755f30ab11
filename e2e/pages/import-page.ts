// Page model of 数据导入: what a clerk sees and does there, in words a test can read.
import type { Download, Page } from 'playwright-core';

export type CountLabel = '数据行' | '新增' | '更新' | '未变' | '未通过' | '提醒';

export class ImportPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-import').click();
    await this.page.getByTestId('import-file').waitFor({ state: 'attached' });
  }

  /** Chooses the kind of file (人员台账, 就业台账, 公益岗位安置, 月度考勤) before or after picking it. */
  async chooseKind(label: '人员台账' | '就业台账' | '公益岗位安置' | '月度考勤' | '银行回盘'): Promise<void> {
    await this.page.getByTestId('import-kind').selectOption({ label });
    await this.waitIdle();
  }

  /** Picks a file as the browser's upload would, and waits for the dry run. */
  async pickFile(file: string): Promise<void> {
    await this.page.getByTestId('import-file').setInputFiles(file);
    await this.waitIdle();
    await this.page.getByTestId('import-counts').waitFor();
  }

  /** Waits until nothing runs and the dry run shown answers the current file, kind, sheet and mapping. */
  async waitIdle(): Promise<void> {
    await this.page.locator('section.import-page[data-settled=true]').waitFor({ timeout: 60_000 });
  }

  async count(label: CountLabel): Promise<number> {
    const text = (await this.page.getByTestId(`import-counts-${label}`).locator('.count-value').textContent()) ?? '';
    return Number(text.replace(/,/g, ''));
  }

  async counts(): Promise<Record<CountLabel, number>> {
    const labels: CountLabel[] = ['数据行', '新增', '更新', '未变', '未通过', '提醒'];
    return Object.fromEntries(await Promise.all(labels.map(async (l) => [l, await this.count(l)]))) as Record<CountLabel, number>;
  }

  selectedSheet(): Promise<string> {
    return this.page.getByTestId('import-sheet').inputValue();
  }

  /** The rows of the issues grid as the clerk reads them: "row column code". */
  async issues(): Promise<string[]> {
    const grid = this.page.getByTestId('import-issues');
    await grid.locator('.ag-row').first().waitFor();
    const rows = grid.locator('.ag-row');
    const result: string[] = [];
    for (let i = 0; i < await rows.count(); i++) {
      const row = rows.nth(i);
      const cell = (col: string) => row.locator(`.ag-cell[col-id="${col}"]`).textContent();
      result.push(`${await cell('row')} ${await cell('column')} ${await cell('code')}`);
    }
    return result;
  }

  /** One issue of a row as the clerk reads it, column by column. */
  async issueRow(row: number): Promise<{ message: string; name: string; value: string; todo: string; code: string }> {
    const line = this.page.getByTestId('import-issues').locator('.ag-row').filter({ has: this.page.locator(`.ag-cell[col-id="row"]`, { hasText: new RegExp(`^${row}$`) }) }).first();
    const cell = async (col: string) => ((await line.locator(`.ag-cell[col-id="${col}"]`).textContent()) ?? '').trim();
    return { message: await cell('message'), name: await cell('name'), value: await cell('value'), todo: await cell('todo'), code: await cell('code') };
  }

  async showMapping(): Promise<void> {
    const details = this.page.getByTestId('import-mapping');
    if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) await details.locator('summary').click();
  }

  /** Maps a column (by its letter) to a field label, or '不导入'. */
  async mapColumn(letter: string, fieldLabel: string): Promise<void> {
    const select = this.page.getByTestId(`map-${letter}`);
    const options = await select.locator('option').allTextContents();
    const label = options.find((o) => o === fieldLabel || o.startsWith(`${fieldLabel}（`)) ?? fieldLabel;
    await select.selectOption({ label });
    await this.waitIdle();
  }

  async commit(): Promise<string> {
    await this.page.getByTestId('import-commit').click();
    await this.waitIdle();
    await this.page.getByTestId('import-committed').or(this.page.getByTestId('import-message')).waitFor();
    return (await this.page.getByTestId('import-committed').or(this.page.getByTestId('import-message')).textContent()) ?? '';
  }

  async downloadErrorReport(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('import-error-report').click();
    return download;
  }

  async openHistory(): Promise<void> {
    await this.page.getByTestId('import-tab-history').click();
    await this.page.getByTestId('history-table').or(this.page.getByTestId('history-empty')).waitFor();
  }

  batchStatus(batchId: number): Promise<string | null> {
    return this.page.getByTestId(`batch-${batchId}-status`).textContent();
  }

  async compare(batchId: number): Promise<string> {
    await this.page.getByTestId(`batch-${batchId}-compare`).click();
    return (await this.page.getByTestId('compare-result').textContent()) ?? '';
  }

  async undo(batchId: number): Promise<string> {
    await this.page.getByTestId(`batch-${batchId}-undo`).click();
    await this.page.getByTestId(`batch-${batchId}-confirm-undo`).click();
    await this.page.getByTestId('history-message').waitFor();
    return (await this.page.getByTestId('history-message').textContent()) ?? '';
  }
}
