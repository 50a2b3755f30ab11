// Page model of 考勤发放: what a clerk and a reviewer see and do there, in words a test can read.
import type { Page } from 'playwright-core';

export class PayrollPage {
  constructor(readonly page: Page) {}

  /** Opens 考勤发放 in a page that is already logged in. */
  async open(): Promise<void> {
    await this.page.getByTestId('nav-payroll').click();
    await this.waitForGrid();
  }

  async waitForGrid(): Promise<void> {
    await this.page.locator('[data-testid=payroll-grid] .ag-row[row-index="0"]').first().waitFor({ timeout: 30_000 });
  }

  async month(): Promise<string> {
    return this.page.getByTestId('payroll-month').inputValue();
  }

  async chooseMonth(month: string): Promise<void> {
    await this.page.getByTestId('payroll-month').selectOption(month);
    await this.page.waitForFunction(() => !document.querySelector('[data-testid=payroll-totals]')?.textContent?.includes('加载中'));
    await this.waitForGrid();
  }

  async chooseTownship(name: string): Promise<void> {
    const option = this.page.getByTestId('payroll-township').locator('option', { hasText: name });
    await this.page.getByTestId('payroll-township').selectOption({ label: (await option.textContent())! });
    await this.waitForGrid();
  }

  /** The net total shown under the grid, in fen. */
  async totalNetFen(): Promise<number> {
    const text = (await this.page.getByTestId('total-net').textContent()) ?? '';
    return Math.round(Number(text.replace(/,/g, '')) * 100);
  }

  async status(): Promise<string> {
    return (await this.page.getByTestId('township-status').textContent()) ?? '';
  }

  /** A cell of one grid row (pinned and scrolling parts of a row share its row-id; col-id is unique). */
  private cell(rowId: string, colId: string) {
    return this.page.locator(`[data-testid=payroll-grid] .ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`);
  }

  /** The text of a cell of one placement's line. */
  async lineCell(placementId: number, colId: string): Promise<string> {
    return ((await this.cell(`p-${placementId}`, colId).textContent()) ?? '').trim();
  }

  /** Types attended days into a line the way a clerk does: focus the cell, type digits, Enter. */
  async typeAttendance(placementId: number, days: number): Promise<void> {
    await this.cell(`p-${placementId}`, 'attendedDays').click();
    await this.page.keyboard.type(String(days));
    await this.page.keyboard.press('Enter');
  }

  async isEditorOpen(): Promise<boolean> {
    return (await this.page.locator('[data-testid=payroll-grid] .ag-cell-inline-editing').count()) > 0;
  }

  async act(action: 'submit' | 'approve' | 'return' | 'reopen', reason?: string): Promise<void> {
    await this.page.getByTestId(`payroll-${action}`).click();
    if (reason !== undefined) {
      await this.page.getByTestId('reason-input').fill(reason);
      await this.page.getByTestId('reason-confirm').click();
    }
  }

  async selectLine(placementId: number): Promise<void> {
    await this.cell(`p-${placementId}`, 'name').click();
  }

  async addAdjustment(form: { kind: '补发' | '扣回'; amount: string; correctsMonth: string; reason: string }): Promise<void> {
    await this.page.getByTestId('payroll-adjust').click();
    await this.page.getByTestId('adjustment-kind').selectOption(form.kind);
    await this.page.getByTestId('adjustment-amount').fill(form.amount);
    await this.page.getByTestId('adjustment-corrects').selectOption(form.correctsMonth);
    await this.page.getByTestId('adjustment-reason').fill(form.reason);
    await this.page.getByTestId('adjustment-save').click();
    await this.page.getByTestId('adjustment-dialog').waitFor({ state: 'detached' });
  }

  message() {
    return this.page.getByTestId('payroll-message');
  }
}
