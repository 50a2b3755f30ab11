// Page model of 设置 (用户管理, 审计日志) and of the header's 修改密码: what an administrator and every user do there.
import type { Page } from 'playwright-core';

export class SettingsPage {
  constructor(readonly page: Page) {}

  async open(tab: 'county' | 'reports' | 'users' | 'backups' | 'audit' | 'bank' | 'connection' = 'county'): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await this.page.getByTestId(`settings-tab-${tab}`).click();
  }

  async openNewUser(): Promise<void> {
    await this.page.getByTestId('user-add').click();
    await this.page.getByTestId('user-dialog').waitFor();
  }

  async fillUser(user: { username: string; displayName: string; role: 'clerk' | 'manager' | 'admin'; password: string; townships?: string[] }): Promise<void> {
    await this.page.getByTestId('user-username').fill(user.username);
    await this.page.getByTestId('user-display-name').fill(user.displayName);
    await this.page.getByTestId('user-role').selectOption(user.role);
    await this.page.getByTestId('user-password').fill(user.password);
    for (const t of user.townships ?? []) await this.page.getByTestId(`user-township-${t}`).check();
  }

  /** Saves the user dialog; returns the refusal shown inside it, or null when it closed. */
  async saveUser(): Promise<string | null> {
    await this.page.getByTestId('user-save').click();
    await this.page.waitForFunction(() => !document.querySelector('[data-testid=user-dialog]') || document.querySelector('[data-testid=user-failure]'));
    const failure = this.page.getByTestId('user-failure');
    return (await failure.count()) ? await failure.textContent() : null;
  }

  /** Fills the password dialog (重置密码 or 修改我的密码) and saves; returns the refusal inside it, or null. */
  async submitPassword(password: string, oldPassword?: string): Promise<string | null> {
    if (oldPassword !== undefined) await this.page.getByTestId('password-old').fill(oldPassword);
    await this.page.getByTestId('password-new').fill(password);
    await this.page.getByTestId('password-again').fill(password);
    await this.page.getByTestId('password-save').click();
    await this.page.waitForFunction(() => !document.querySelector('[data-testid=password-dialog]') || document.querySelector('[data-testid=password-failure]'));
    const failure = this.page.getByTestId('password-failure');
    return (await failure.count()) ? await failure.textContent() : null;
  }

  async auditEntries(): Promise<{ summary: string; changes: string }[]> {
    await this.page.getByTestId('audit-entry').first().waitFor();
    return this.page.getByTestId('audit-entry').evaluateAll((rows) => rows.map((r) => ({
      summary: r.children[2]?.textContent ?? '', changes: r.children[3]?.textContent ?? '',
    })));
  }
}
