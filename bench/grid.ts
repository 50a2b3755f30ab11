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
import { startWorkbench } from '../e2e/support/workbench';
import { tempDir } from '../electron/backend/testing/temp-db';
import { chromiumPath } from '../e2e/support/workbench';

export interface Figure { name: string; seconds: number; baseline: string; baselineSeconds: number; target: string }

export async function benchGrid(people = 100_000): Promise<Figure[]> {
  const dir = tempDir('workbench-bench-grid-');
  const wdb = await initCountyDatabase(path.join(dir, 'bench.sqlite'));
  const ctx = await createContext(wdb);
  await seedDemo(ctx, { people });
  await dispatch(ctx, 'users.save', { username: 'bench', displayName: '基准', role: 'admin', townships: [], disabled: false, password: 'Bench12345' });
  await wdb.close();
  // The server in its own process, as `workbench serve` runs for a browser (and the engine in its own process
  // in the desktop app): its synchronous work must not stall this process, which reads the browser's events.
  const server = await startWorkbench({ db: path.join(dir, 'bench.sqlite') });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 860 } })).newPage();
    await page.goto(server.url);
    await page.getByTestId('login-username').fill('bench');
    await page.getByTestId('login-password').fill('Bench12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    // The page loads its rows after login: the baseline waits until the server is idle again.
    await page.locator('.ag-row[row-index="0"]').first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !(document.querySelector('[data-testid=people-count]')?.textContent ?? '').includes('正在载入'), undefined, { timeout: 60_000 });

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
    if (process.env.BENCH_TRACE) {
      page.on('console', (m) => console.log(`${Date.now() - t0} ms console ${m.text()}`));
      page.on('request', (r) => console.log(`${Date.now() - t0} ms → ${r.url().split('/').pop()} ${r.postData() ?? ''}`));
      page.on('requestfinished', (r) => console.log(`${Date.now() - t0} ms ✓ ${r.url().split('/').pop()} ${r.postData() ?? ''}`));
    }
    await page.reload();
    await page.locator('.ag-row[row-index="0"]').first().waitFor({ timeout: 60_000 });
    const firstRows = (Date.now() - t0) / 1000;
    const total = await page.getByTestId('people-count').textContent();
    if (!total?.includes(people.toLocaleString('zh-CN'))) throw new Error(`grid shows ${total}`);
    // The rest arrives behind the first screen: the search then covers every row.
    await page.waitForFunction(() => !(document.querySelector('[data-testid=people-count]')?.textContent ?? '').includes('正在载入'), undefined, { timeout: 60_000 });
    const allRows = (Date.now() - t0) / 1000;

    // Quick filter: from the input event of typing to the next paint after the count shows the filtered
    // rows, timed in the page (no test-driver round trips in the figure).
    const filterOnce = (text: string) => page.evaluate((typed) => {
      const input = document.querySelector<HTMLInputElement>('[data-testid=people-search]')!;
      const counter = document.querySelector('[data-testid=people-count]')!;
      const before = counter.textContent;
      if (input.value === typed) return Promise.resolve(0);
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      return new Promise<number>((resolve) => {
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (counter.textContent === before) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve((performance.now() - t0) / 1000));
        });
        observer.observe(counter, { childList: true, subtree: true, characterData: true });
        setValue.call(input, typed);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }, text);
    // The median of several searches typed from an empty box (the first search after loading also pays for
    // the garbage of the list's arrival; the median is what a clerk feels through the day).
    const times: number[] = [];
    for (const text of ['zsf', '王建', '李秀', 'wjg', '张', '0815']) {
      await filterOnce('');
      times.push(await filterOnce(text));
    }
    if (process.env.BENCH_TRACE) console.log('quick filter times', times.map((t) => t.toFixed(3)).join(' '));
    const quickFilter = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    // Baseline for the filter: the same substring test over the same rows in plain JavaScript.
    const baselineFilter = await page.evaluate(async () => {
      const body = await (await fetch('/api/people.list', { method: 'POST', body: '{}' })).json();
      const t0 = performance.now();
      const rows = body.data.rows as string[][];
      const hits = rows.filter((r) => `${r[2]} ${r[3]}`.toLowerCase().includes('王建')).length;
      return { seconds: (performance.now() - t0) / 1000, hits };
    });

    return [
      { name: `grid: first rows, ${people.toLocaleString('en')} people`, seconds: firstRows, baseline: 'fetch+parse same rows', baselineSeconds: baselineFetch, target: '≤ 0.3 × baseline' },
      { name: `grid: every row loaded, ${people.toLocaleString('en')}`, seconds: allRows, baseline: 'fetch+parse same rows', baselineSeconds: baselineFetch, target: '(information)' },
      { name: 'grid: quick filter (median of 6)', seconds: quickFilter, baseline: 'plain JS filter same rows', baselineSeconds: baselineFilter.seconds, target: '≤ 0.3 s' },
    ];
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
