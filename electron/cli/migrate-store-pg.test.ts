// `workbench migrate-store` (issue 16): the demo county's laptop file moved to a database of the run's
// throwaway PostgreSQL cluster (unit-pg project): every table's rows and each month's payroll the same on
// both sides, R1–R5 with the same figures from both, the laptop file untouched, a second move refused.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../backend/testing/temp-db';
import { tempPostgresDatabase } from '../backend/testing/temp-postgres';
import { buildEngine, workbenchSync } from './testing/processes';

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('migrate-store from the demo SQLite file to PostgreSQL', () => {
  let dir: string;
  let file: string;
  let target: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    buildEngine();
    dir = tempDir();
    file = path.join(dir, 'county.sqlite');
    expect(workbenchSync('init', '--db', file, '--demo').status).toBe(0);
    target = await tempPostgresDatabase();
  }, 120_000);
  afterAll(async () => {
    await target?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies every table and month, verifies both sides, leaves the laptop file as it was, and refuses a second move', async () => {
    const before = sha256(file);
    const run = workbenchSync('migrate-store', '--from', file, '--to', target.url, '--json');
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const result = run.json() as { ok: boolean; to: string; tables: { table: string; from: number; to: number }[]; months: { month: string; same: boolean; from: { lines: number; totalFen: number } }[] };
    expect(result.ok).toBe(true);
    expect(result.to).not.toContain(new URL(target.url).password || '\u0000');
    const people = result.tables.find((t) => t.table === 'people')!;
    expect(people).toEqual({ table: 'people', from: 9236, to: 9236 });
    for (const table of ['placements', 'attendance', 'payroll_lines', 'audit_log', 'payment_lines']) {
      const row = result.tables.find((t) => t.table === table)!;
      expect(row.from, table).toBeGreaterThan(0);
      expect(row.to, table).toBe(row.from);
    }
    expect(result.months.map((m) => m.month)).toEqual(expect.arrayContaining(['2022-03', '2022-06', '2022-07']));
    expect(result.months.every((m) => m.same && m.from.lines > 0)).toBe(true);
    expect(sha256(file)).toBe(before);

    // The text form prints the same comparison for a person to read.
    const text = workbenchSync('migrate-store', '--from', file, '--to', target.url);
    expect(text.status).toBe(2);
    expect(text.stderr + text.stdout).toContain('PG_NOT_EMPTY');
  }, 180_000);

  it('gives R1–R5 with the same figures from the laptop file and from PostgreSQL', () => {
    for (const report of ['R1', 'R2', 'R3', 'R4', 'R5']) {
      const figures = [file, target.url].map((db, i) => {
        const out = path.join(dir, `${report}-${i}`);
        const run = workbenchSync('report', report, '--db', db, '--month', '2022-06', '--out', out, '--json');
        expect(run.status, `${report} on ${i ? 'PostgreSQL' : 'SQLite'}: ${run.stderr}${run.stdout}`).toBe(0);
        return (run.json() as { reports: Record<string, unknown>[] }).reports.map(({ file: _file, ...rest }) => rest);
      });
      expect(figures[1], report).toEqual(figures[0]);
    }
  }, 180_000);
});
