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

/** Excel-like work in the payroll grid: paste a block, read what each cell says about itself. */
export class PayrollGrid {
  constructor(readonly page: Page) {}

  private cell(placementId: number, colId: string) {
    return this.page.locator(`[data-testid=payroll-grid] .ag-row[row-id="p-${placementId}"] .ag-cell[col-id="${colId}"]`);
  }

  /** Focuses a line's cell, then pastes text the way Excel or WPS puts it on the clipboard (Ctrl+V). */
  async paste(placementId: number, colId: string, text: string): Promise<void> {
    await this.cell(placementId, colId).click();
    await this.page.evaluate(async (t) => navigator.clipboard.writeText(t), text);
    await this.page.keyboard.press('Control+V');
  }

  /** Pastes text onto what is selected now (the focused cell, or a block with the focus in it). */
  async pasteHere(text: string): Promise<void> {
    await this.page.evaluate(async (t) => navigator.clipboard.writeText(t), text);
    await this.page.keyboard.press('Control+V');
  }

  /** Copies the focused cell (or Shift-clicked block) with Ctrl+C and returns the clipboard's text. */
  async copy(): Promise<string> {
    await this.page.keyboard.press('Control+C');
    return this.page.evaluate(async () => navigator.clipboard.readText());
  }

  async shiftClick(placementId: number, colId: string): Promise<void> {
    await this.cell(placementId, colId).click({ modifiers: ['Shift'] });
  }

  /**
   * Clicks one cell, then Shift-clicks another, and waits until the grid shows the block. A grid still
   * redrawing after an earlier save can swallow the first click, so the pair is clicked again then.
   */
  async selectBlock(from: { placementId: number; colId: string }, to: { placementId: number; colId: string }): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const start = this.cell(from.placementId, from.colId);
      await start.click();
      await this.page.locator(`[data-testid=payroll-grid] .ag-row[row-id="p-${from.placementId}"] .ag-cell-focus[col-id="${from.colId}"]`).waitFor({ timeout: 10_000 });
      await this.shiftClick(to.placementId, to.colId);
      try {
        await this.page.locator('[data-testid=payroll-grid] .cell-in-block').first().waitFor({ timeout: 5_000 });
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  /** 'refused', 'warning' or null: how a cell marks a value it did not take or doubts. */
  async note(placementId: number, colId = 'attendedDays'): Promise<'refused' | 'warning' | null> {
    const cls = (await this.cell(placementId, colId).getAttribute('class')) ?? '';
    return cls.includes('cell-note-refused') ? 'refused' : cls.includes('cell-note-warning') ? 'warning' : null;
  }

  async grouping(by: 'township' | 'village'): Promise<void> {
    await this.page.getByTestId('payroll-grouping').selectOption(by);
  }

  /** Row ids of the rendered rows, in order (subtotals are t-… and v-…). */
  async renderedRowIds(): Promise<string[]> {
    return this.page.evaluate(() => [...new Set([...document.querySelectorAll('[data-testid=payroll-grid] .ag-center-cols-container .ag-row')]
      .sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index'))).map((r) => r.getAttribute('row-id') ?? ''))]);
  }
}
