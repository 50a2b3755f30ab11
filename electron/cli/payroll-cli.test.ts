// `workbench payroll` and `workbench report R4` as a user runs them (SPEC §6), on the demo county.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { tempDir } from '../backend/testing/temp-db';
import { formatYuan, yuanInWords } from '../../shared/domain/money';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'workbench.cjs');

function workbench(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: () => JSON.parse(result.stdout) };
}

describe('workbench payroll and report R4', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'engine'], { stdio: 'ignore' });
    dir = tempDir();
    db = path.join(dir, 'demo.sqlite');
    expect(workbench('init', '--db', db, '--demo', '--json').status).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the month with its total in figures and capital numerals, and its anomalies', () => {
    const run = workbench('payroll', '--db', db, '--month', '2022-06', '--json');
    expect(run.status).toBe(0);
    const result = run.json();
    expect(Object.keys(result).sort()).toEqual(['anomalies', 'lines', 'month', 'paymentLines', 'payments', 'totalFen', 'totalInWords', 'totalYuan']);
    const sqlite = new Database(db, { readonly: true });
    const frozen = sqlite.prepare("select count(*) n, sum(net_fen) fen from payroll_lines where month = '2022-06'").get() as { n: number; fen: number };
    const missingCards = (sqlite.prepare(`select count(*) n from placements pl join posts po on po.id = pl.post_id join people pe on pe.id = pl.person_id
      where po.year = 2022 and pl.start_date <= '2022-06-30' and (pl.exit_date is null or pl.exit_date >= '2022-06-01') and pe.card_number is null`).get() as { n: number }).n;
    sqlite.close();
    expect(result).toMatchObject({ month: '2022-06', lines: 2434, totalFen: frozen.fen, totalYuan: formatYuan(frozen.fen), totalInWords: yuanInWords(frozen.fen) });
    expect(frozen.n).toBe(2434);
    expect(result.anomalies.filter((a: { code: string }) => a.code === 'PAY_CARD_MISSING')).toHaveLength(missingCards);
    for (const a of result.anomalies) expect(Object.keys(a).sort()).toEqual(['code', 'message', 'personId']);
  });

  it('computes an open month without approving it', () => {
    const run = workbench('payroll', '--db', db, '--month', '2022-08', '--json');
    expect(run.status).toBe(0);
    expect(run.json()).toMatchObject({ month: '2022-08', lines: 2434, totalFen: 0, totalInWords: '零元整' });
    expect(run.json().anomalies.filter((a: { code: string }) => a.code === 'PAY_NO_ATTENDANCE')).toHaveLength(2434);
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare("select count(*) n from payroll_lines where month = '2022-08'").get()).toEqual({ n: 0 });
    sqlite.close();
  });

  it('writes R4 and the bank list with their figures, and refuses a bad month or report with exit 2', () => {
    const out = path.join(dir, 'reports');
    const run = workbench('report', 'R4', '--db', db, '--month', '2022-06', '--out', out, '--json');
    expect(run.status).toBe(0);
    const r4 = run.json().reports[0];
    expect(path.basename(r4.file)).toBe('卢龙县_R4_乡村公益性岗位补贴发放明细表_2022年6月.xlsx');
    expect(r4.totalFen).toBe(r4.transferFen + r4.withheldFen);
    const bank = workbench('report', 'BANK', '--db', db, '--month', '2022-06', '--out', out, '--json');
    expect(bank.json().reports[0]).toEqual({ report: 'BANK', lines: expect.any(Number), totalFen: r4.transferFen, file: expect.stringContaining('代发清单') });
    for (const f of [...run.json().files, ...bank.json().files]) expect(fs.statSync(f).size).toBeGreaterThan(1000);
    const bad = workbench('payroll', '--db', db, '--month', '2022-13', '--json');
    expect(bad.status).toBe(2);
    expect(bad.json().error.code).toBe('USAGE');
    expect(workbench('report', 'R9', '--db', db, '--month', '2022-06', '--out', out).status).toBe(2);
    const all = workbench('report', 'all', '--db', db, '--month', '2022-06', '--out', path.join(dir, 'all'), '--json');
    expect(all.status).toBe(0);
    expect(all.json().files.map((f: string) => path.basename(f).split('_')[1])).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', '公示', '代发']);
  });
});
