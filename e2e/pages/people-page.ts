// Page model of 人员台账: what a clerk sees and does there, in words a test can read.
import type { Page } from 'playwright-core';

export class PeoplePage {
  constructor(readonly page: Page) {}

  /** Opens 人员台账 in a page that is already logged in. */
  async open(): Promise<void> {
    await this.page.getByTestId('nav-people').click();
    await this.page.locator('.ag-row[row-index="0"]').first().waitFor({ timeout: 30_000 });
    // The first screen of rows comes first and the rest after (issue 14): the tests read the whole list.
    await this.page.waitForFunction(() => {
      const count = document.querySelector('[data-testid=people-count]')?.textContent ?? '';
      // …and the grid has caught up: for a moment after the last chunk the line can still count the first screen.
      const numbers = [...count.matchAll(/[\d,]+/g)].map((m) => m[0]);
      return count.includes('当前显示') && !count.includes('正在载入') && numbers.length >= 2 && numbers[0] === numbers[1];
    }, undefined, { timeout: 60_000 });
  }

  /** "共 9,236 人，当前显示 12 人" → { total: 9236, shown: 12 } */
  async counts(): Promise<{ total: number; shown: number }> {
    const text = (await this.page.getByTestId('people-count').textContent()) ?? '';
    const numbers = [...text.matchAll(/[\d,]+/g)].map((m) => Number(m[0].replace(/,/g, '')));
    return { total: numbers[0] ?? NaN, shown: numbers[1] ?? NaN };
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('people-search').fill(text);
    await this.page.locator('[data-testid=people-grid][data-filter-settled=true]').waitFor();
  }

  /** The text of one column in every rendered row (the grid renders what fits on screen). */
  async columnValues(colId: string): Promise<string[]> {
    return this.page.locator(`.ag-row .ag-cell[col-id="${colId}"]`).allTextContents();
  }

  async openNewPersonDialog(): Promise<void> {
    await this.page.getByTestId('person-add').click();
    await this.page.getByTestId('person-dialog').waitFor();
  }

  async fillPerson(fields: Partial<Record<'idNumber' | 'name' | 'householdNo' | 'relation' | 'phone' | 'cardNumber' | 'bank', string>> & { township?: string; village?: string }): Promise<void> {
    for (const [key, value] of Object.entries(fields)) {
      if (key === 'township' || key === 'village' || value === undefined) continue;
      await this.page.getByTestId(`field-${key}`).fill(value);
    }
    if (fields.township) await this.page.getByTestId('field-townshipCode').selectOption({ label: fields.township });
    if (fields.village) await this.page.getByTestId('field-villageCode').selectOption({ label: fields.village });
  }

  async save(): Promise<void> {
    await this.page.getByTestId('person-save').click();
  }

  fieldError(field: string) {
    return this.page.getByTestId(`error-${field}`);
  }
}
