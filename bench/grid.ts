// Grid benchmark (SPEC §7): 人员台账 with 100,000 people in Debian's chromium — first rows after the page
// starts, and the quick filter — each beside a baseline measured in the same run: the browser fetching and
// parsing the same rows from the same server without rendering anything.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { initCountyDatabase } from '../electron/backend/county-setup';
import { createContext } from '../electron/backend/context';
import { seedDemo } from '../electron/backend/demo/seed';
import { dispatch } from '../electron/backend/dispatch';
import { startServer } from '../electron/cli/server';
import { tempDir } from '../electron/backend/testing/temp-db';
import { chromiumPath } from '../e2e/support/workbench';

export interface Figure { name: string; seconds: number; baseline: string; baselineSeconds: number; target: string }

export async function benchGrid(people = 100_000): Promise<Figure[]> {
  const dir = tempDir('workbench-bench-grid-');
  const wdb = await initCountyDatabase(path.join(dir, 'bench.sqlite'));
  const ctx = await createContext(wdb);
  await seedDemo(ctx, { people });
  await dispatch(ctx, 'users.save', { username: 'bench', displayName: '基准', role: 'admin', townships: [], disabled: false, password: 'Bench12345' });
  const server = await startServer(ctx.engine, { staticDir: path.join(__dirname, '..', 'dist', 'renderer') });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 860 } })).newPage();
    await page.goto(server.url);
    await page.getByTestId('login-username').fill('bench');
    await page.getByTestId('login-password').fill('Bench12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();

    // Baseline: the same rows, fetched and parsed by the same browser, nothing rendered.
    const baselineFetch = await page.evaluate(async () => {
      const t0 = performance.now();
      const response = await fetch('/api/people.list', { method: 'POST', body: '{}' });
      const body = await response.json();
      if (!body.ok || body.data.rows.length === 0) throw new Error('baseline fetch failed');
      return (performance.now() - t0) / 1000;
    });

    const t0 = Date.now();
    // 人员台账 by its address (the workbench lands on 首页 otherwise).
    await page.goto(`${server.url}#people`);
    await page.reload();
    await page.locator('.ag-row[row-index="0"]').first().waitFor({ timeout: 60_000 });
    const firstRows = (Date.now() - t0) / 1000;
    const total = await page.getByTestId('people-count').textContent();
    if (!total?.includes(people.toLocaleString('zh-CN'))) throw new Error(`grid shows ${total}`);

    // Quick filter: time from typing to the count showing the filtered rows.
    const filterOnce = async (text: string) => {
      const started = Date.now();
      await page.getByTestId('people-search').fill(text);
      await page.waitForFunction(([all]) => {
        const count = document.querySelector('[data-testid=people-count]')?.textContent ?? '';
        const shown = count.split('当前显示')[1] ?? '';
        return !shown.includes(all as string);
      }, [people.toLocaleString('zh-CN')]);
      return (Date.now() - started) / 1000;
    };
    await filterOnce('zsf');
    await page.getByTestId('people-search').fill('');
    await page.waitForTimeout(300);
    const quickFilter = await filterOnce('王建');
    // Baseline for the filter: the same substring test over the same rows in plain JavaScript.
    const baselineFilter = await page.evaluate(async () => {
      const body = await (await fetch('/api/people.list', { method: 'POST', body: '{}' })).json();
      const t0 = performance.now();
      const rows = body.data.rows as string[][];
      const hits = rows.filter((r) => `${r[2]} ${r[3]}`.toLowerCase().includes('王建')).length;
      return { seconds: (performance.now() - t0) / 1000, hits };
    });

    return [
      { name: `grid: first rows, ${people.toLocaleString('en')} people`, seconds: firstRows, baseline: 'fetch+parse same rows', baselineSeconds: baselineFetch, target: '≤ 1.5 s' },
      { name: 'grid: quick filter "王建"', seconds: quickFilter, baseline: 'plain JS filter same rows', baselineSeconds: baselineFilter.seconds, target: '≤ 0.3 s' },
    ];
  } finally {
    await browser.close();
    await server.close();
    await wdb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
