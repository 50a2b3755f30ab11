// `workbench report`: R3 and the 公示 roster are reports of the registry, each written under its own name;
// an unknown report or a bad month answers with exit 2 and a clear message.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './cli';
import { createTempDb, type TempDb } from '../backend/testing/temp-db';

let temp: TempDb;
let printed: string[];

beforeEach(async () => {
  temp = await createTempDb();
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => { printed.push(line); });
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => { vi.restoreAllMocks(); await temp.cleanup(); });

describe('workbench report', () => {
  it('refuses an empty roster rather than writing one (nobody is on post in a new county)', async () => {
    const out = path.join(temp.dir, 'reports');
    for (const report of ['R3', '公示', 'PUBLIC']) {
      const code = await main(['report', report, '--db', temp.file, '--month', '2022-06', '--out', out, '--json']);
      expect(code).toBe(2);
      expect(JSON.parse(printed.at(-1)!)).toMatchObject({ error: { code: 'REPORT_PERIOD_EMPTY' } });
    }
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('refuses an unknown report and a bad month with exit 2', async () => {
    expect(await main(['report', 'R3', '--db', temp.file, '--month', '2022-13', '--out', temp.dir, '--json'])).toBe(2);
    expect(await main(['report', 'R9', '--db', temp.file, '--month', '2022-06', '--out', temp.dir, '--json'])).toBe(2);
  });
});
