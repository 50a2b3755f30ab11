// Page models of 就业台账, 培训服务 and 报表中心: what a clerk sees and does there, in words a test can read.
import type { Download, Page } from 'playwright-core';

const numbersIn = (text: string) => [...text.matchAll(/[\d,.]+/g)].map((m) => Number(m[0].replace(/,/g, '')));

export class EmploymentLedgerPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-employment').click();
    await this.page.locator('[data-testid=employment-grid] .ag-row[row-index="0"]').first().waitFor({ timeout: 30_000 });
  }

  /** The dashboard figure: employed, target and completion rate as shown. */
  async figure(): Promise<{ employed: number; target: number; rate: string }> {
    const text = (await this.page.getByTestId('employment-target-figure').textContent()) ?? '';
    const [employed, target] = numbersIn(text);
    return { employed: employed ?? NaN, target: target ?? NaN, rate: (await this.page.getByTestId('completion-rate').textContent()) ?? '' };
  }

  /** "共 6,266 名劳动力，当前显示 12 人" → { total, shown } */
  async counts(): Promise<{ total: number; shown: number }> {
    const [total, shown] = numbersIn((await this.page.getByTestId('employment-count').textContent()) ?? '');
    return { total: total ?? NaN, shown: shown ?? NaN };
  }

  async filter(which: 'township' | 'status' | 'form', label: string): Promise<void> {
    await this.page.getByTestId(`filter-${which}`).selectOption({ label });
    await this.settled();
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('employment-search').fill(text);
    await this.settled();
  }

  /** The grid shows the rows of the filters as chosen (the count beside them is theirs). */
  settled(): Promise<void> {
    return this.page.locator('[data-testid=employment-grid][data-filter-settled=true]').waitFor();
  }

  columnValues(colId: string): Promise<string[]> {
    return this.page.locator(`[data-testid=employment-grid] .ag-row .ag-cell[col-id="${colId}"]`).allTextContents();
  }

  /** Picks a value in a select cell of the first displayed row. */
  async chooseInFirstRow(colId: string, value: string): Promise<void> {
    const cell = this.page.locator(`[data-testid=employment-grid] .ag-row[row-index="0"] .ag-cell[col-id="${colId}"]`);
    await cell.click();
    // The select editor opens collapsed: open its list, then pick.
    await cell.locator('.ag-picker-field-wrapper').click();
    await this.page.locator('.ag-select-list .ag-list-item', { hasText: new RegExp(`^\\s*${value}\\s*$`) }).first().click();
    await this.page.locator('.ag-select-list').waitFor({ state: 'detached' });
  }

  message() {
    return this.page.getByTestId('employment-message');
  }

  cell(rowIndex: number, colId: string) {
    return this.page.locator(`[data-testid=employment-grid] .ag-row[row-index="${rowIndex}"] .ag-cell[col-id="${colId}"]`).first();
  }

  /** Clicks a cell, then pastes text the way Excel or WPS puts it on the clipboard (Ctrl+V). */
  async paste(rowIndex: number, colId: string, text: string): Promise<void> {
    await this.cell(rowIndex, colId).click();
    await this.page.evaluate(async (t) => navigator.clipboard.writeText(t), text);
    await this.page.keyboard.press('Control+V');
  }

  /** 'refused', 'warning' or null: how a cell marks a value it did not take or doubts. */
  async note(rowIndex: number, colId: string): Promise<'refused' | 'warning' | null> {
    const cls = (await this.cell(rowIndex, colId).getAttribute('class')) ?? '';
    return cls.includes('cell-note-refused') ? 'refused' : cls.includes('cell-note-warning') ? 'warning' : null;
  }

  /** Clicks a cell, grows a block from it with Shift+arrow keys, and copies it (Ctrl+C): the clipboard's text. */
  async copyBlock(rowIndex: number, colId: string, keys: string[]): Promise<string> {
    await this.cell(rowIndex, colId).click();
    await this.page.locator(`[data-testid=employment-grid] .ag-row[row-index="${rowIndex}"] .ag-cell-focus[col-id="${colId}"]`).first().waitFor({ timeout: 10_000 });
    for (const key of keys) await this.page.keyboard.press(`Shift+${key}`);
    await this.page.locator('[data-testid=employment-grid] .cell-in-block').first().waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Control+C');
    return this.page.evaluate(async () => navigator.clipboard.readText());
  }
}

export class ServicesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-training').click();
    await this.page.getByTestId('service-summary').waitFor({ timeout: 30_000 });
  }

  async chooseTownship(name: string): Promise<void> {
    await this.page.getByTestId('gap-township').selectOption({ label: name });
  }

  /** Opens the first person in the gap list whose only shortfall is the given text (e.g. 岗位信息还差1次). */
  async openFirstLacking(onlyMissing: string): Promise<string> {
    const row = this.page.locator('[data-testid=gap-list] tbody tr').filter({ has: this.page.locator('td', { hasText: new RegExp(`^${onlyMissing}$`) }) }).first();
    const name = (await row.locator('td').first().textContent()) ?? '';
    await row.click();
    // The person's records arrive after the section shows (and 记录服务 waits for them too).
    await this.page.locator('[data-testid=person-services][data-loaded=true]').waitFor({ timeout: 30_000 });
    return name;
  }

  async counter(): Promise<{ guidance: string; offers: string; training: string }> {
    return {
      guidance: (await this.page.getByTestId('counter-guidance').textContent()) ?? '',
      offers: (await this.page.getByTestId('counter-offers').textContent()) ?? '',
      training: (await this.page.getByTestId('counter-training').textContent()) ?? '',
    };
  }

  async recordJobOffer(date: string, employer: string, post: string): Promise<void> {
    await this.page.getByTestId('service-kind').selectOption({ label: '岗位信息' });
    await this.page.getByTestId('service-date').fill(date);
    await this.page.getByTestId('service-employer').fill(employer);
    await this.page.getByTestId('service-post').fill(post);
    await this.page.getByTestId('service-add').click();
    await this.page.getByTestId('service-message').waitFor();
  }
}

export class TrainingsTab {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-training').click();
    await this.page.getByTestId('tab-trainings').click();
    await this.page.locator('[data-testid=training-list] tbody tr').first().waitFor();
  }

  totals(): Promise<string | null> {
    return this.page.getByTestId('training-totals').textContent();
  }

  async openSession(index: number): Promise<void> {
    await this.page.locator('[data-testid=training-list] tbody tr').nth(index).click();
    // The section shows at once; its list arrives after: wait for the list (a count read before it is 0).
    await this.page.locator('[data-testid=trainees][data-loaded=true]').waitFor({ timeout: 30_000 });
  }

  traineeCount(): Promise<number> {
    return this.page.locator('[data-testid=trainees] tbody tr').count();
  }

  async enrolByPastedIds(ids: string[]): Promise<void> {
    await this.page.getByTestId('enrol-paste').fill(ids.join('\n'));
    await this.page.getByTestId('enrol-paste-submit').click();
  }
}

export class ReportsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-reports').click();
    await this.page.getByTestId('report-month').waitFor();
  }

  async download(report: 'R1' | 'R3' | 'R5', month: string): Promise<Download> {
    await this.page.getByTestId('report-month').fill(month);
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`report-${report}`).click();
    return download;
  }
}
