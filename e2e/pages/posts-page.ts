// Page models of 设置 → 年度政策 and 公益岗位: what an administrator and a clerk see and do there.
import type { Page } from 'playwright-core';

export class PolicySettings {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByTestId('policy-editor').waitFor();
  }

  async chooseYear(year: number): Promise<void> {
    await this.page.getByTestId('policy-year-select').selectOption(String(year));
  }

  field(name: string) {
    return this.page.getByTestId(`policy-${name}`);
  }

  townshipPlan(township: string) {
    return this.page.getByLabel(`${township}计划岗位`);
  }

  async save(): Promise<string> {
    await this.page.getByTestId('policy-save').click();
    const message = this.page.getByTestId('policy-message');
    await message.waitFor();
    return (await message.textContent()) ?? '';
  }
}

export class PostsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-posts').click();
    await this.page.getByTestId('posts-summary').waitFor();
  }

  /** The summary line of a township (or the county with '合计'): plan, developed, filled, vacant. */
  async summaryOf(township: string | 'county'): Promise<{ plan: string; developed: number; filled: number; vacant: number }> {
    const row = this.page.getByTestId(township === 'county' ? 'summary-county' : `summary-${township}`);
    // Figures carry thousands separators (2,434).
    const cells = (await row.locator('td').allTextContents()).map((c) => c.replace(/,/g, ''));
    return { plan: cells[1]!, developed: Number(cells[2]), filled: Number(cells[3]), vacant: Number(cells[4]) };
  }

  async addPost(township: string, village: string, postType: string): Promise<string> {
    await this.page.getByTestId('post-township').selectOption({ label: township });
    await this.page.getByTestId('post-village').selectOption({ label: village });
    await this.page.getByTestId('post-type').selectOption(postType);
    await this.page.getByTestId('post-add').click();
    const message = this.page.getByTestId('posts-message');
    await this.page.waitForFunction(() => /已新增岗位|不能/.test(document.querySelector('[data-testid=posts-message]')?.textContent ?? ''));
    return (await message.textContent()) ?? '';
  }
}
