// Page model of 上岗安置: place, exit, replace, history and the R3 exports, in words a test can read.
import type { Download, Page } from 'playwright-core';

export class PlacementsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-placements').click();
    await this.page.getByTestId('placements-count').waitFor();
  }

  message() {
    return this.page.getByTestId('placements-message');
  }

  /** Opens the 上岗 dialog (or 补岗 for the selected placement), picks the person, the post and the start date. */
  async fillPlacement(options: { person: string; postLabel?: RegExp; startDate: string; replace?: boolean }): Promise<void> {
    await this.page.getByTestId(options.replace ? 'replace-open' : 'place-open').click();
    const dialog = this.page.getByTestId('place-dialog');
    await dialog.waitFor();
    await this.page.getByTestId('place-search').fill(options.person);
    const person = this.page.getByTestId('place-person');
    await person.locator('option').first().waitFor();
    await person.selectOption({ index: 0 });
    if (options.postLabel) {
      const post = this.page.getByTestId('place-post');
      await post.locator('option', { hasText: options.postLabel }).first().waitFor({ state: 'attached' });
      const value = await post.locator('option', { hasText: options.postLabel }).first().getAttribute('value');
      await post.selectOption(value!);
    }
    await this.page.getByTestId('place-start').fill(options.startDate);
    // The checks of this start date (the ones of the default date may still be on screen for a moment).
    await this.page.locator(`[data-testid=place-checks][data-start="${options.startDate}"]`).waitFor({ timeout: 30_000 });
  }

  /** The rule lines the engine explained: [outcome, rule, message]. */
  async checks(): Promise<{ outcome: string; text: string }[]> {
    const items = this.page.getByTestId('place-checks').locator('li');
    const result: { outcome: string; text: string }[] = [];
    for (let i = 0; i < (await items.count()); i++) {
      result.push({ outcome: (await items.nth(i).getAttribute('data-outcome')) ?? '', text: (await items.nth(i).textContent()) ?? '' });
    }
    return result;
  }

  async confirmAndSave(): Promise<string> {
    const confirm = this.page.getByTestId('place-confirm');
    if (await confirm.count()) await confirm.check();
    await this.page.getByTestId('place-save').click();
    await this.page.getByTestId('place-dialog').waitFor({ state: 'detached' });
    return (await this.message().textContent()) ?? '';
  }

  async cancelDialog(): Promise<void> {
    await this.page.getByRole('button', { name: '取消' }).click();
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('placements-search').fill(text);
    await this.page.locator('[data-testid=placements-grid][data-filter-settled=true]').waitFor();
  }

  async select(name: string): Promise<void> {
    await this.search(name);
    await this.page.locator('[data-testid=placements-grid] .ag-row .ag-cell[col-id="name"]').filter({ hasText: name }).first().click();
    await this.page.getByTestId('selected-placement').filter({ hasText: name }).waitFor();
  }

  async exit(date: string, reason: string): Promise<string> {
    await this.page.getByTestId('exit-open').click();
    await this.page.getByTestId('exit-date').fill(date);
    await this.page.getByTestId('exit-reason').selectOption(reason);
    await this.page.getByTestId('exit-save').click();
    await this.page.getByTestId('exit-dialog').waitFor({ state: 'detached' });
    await this.page.waitForFunction(() => (document.querySelector('[data-testid=placements-message]')?.textContent ?? '').includes('已退岗'));
    return (await this.message().textContent()) ?? '';
  }

  async history(): Promise<string[]> {
    await this.page.getByTestId('history-open').click();
    await this.page.getByTestId('post-history').locator('[data-testid=history-entry]').first().waitFor();
    return this.page.getByTestId('history-entry').allTextContents();
  }

  async exportR3(month: string, version: 'full' | 'public'): Promise<Download> {
    await this.page.getByTestId('r3-month').fill(month);
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(version === 'full' ? 'r3-export' : 'r3-export-public').click();
    return download;
  }
}
