// `workbench report`: R3 writes the roster and its 公示 version and prints their paths; the reports still to
// come answer with exit 2 and a clear message.
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
  it('writes R3 and its 公示 version and prints {"files":[...]}', async () => {
    const out = path.join(temp.dir, 'reports');
    const code = await main(['report', 'R3', '--db', temp.file, '--month', '2022-06', '--out', out, '--json']);
    expect(code).toBe(0);
    const { files } = JSON.parse(printed.at(-1)!) as { files: string[] };
    expect(files.map((f) => path.basename(f))).toEqual(['R3_乡村公益性岗位人员花名册_2022-06.xlsx', 'R3_乡村公益性岗位人员花名册（公示）_2022-06.xlsx']);
    for (const file of files) expect(fs.statSync(file).size).toBeGreaterThan(4000);
  });

  it('refuses an unknown report and a bad month with exit 2', async () => {
    expect(await main(['report', 'R3', '--db', temp.file, '--month', '2022-13', '--out', temp.dir, '--json'])).toBe(2);
    expect(await main(['report', 'R9', '--db', temp.file, '--month', '2022-06', '--out', temp.dir, '--json'])).toBe(2);
  });
});
