// `workbench bank-batch` and `workbench import --kind bank-return` as a user runs them, on the demo county:
// a batch, a re-run that takes nothing twice, the bank's return file (written by openpyxl, as the bank's own
// software would) with failures, a corrected card, the re-issue, and every fen of the month accounted for.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { tempDir } from '../backend/testing/temp-db';
import { writeBankReturn } from '../backend/testing/bank-return';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'workbench.cjs');

function workbench(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: () => JSON.parse(result.stdout) };
}

function bankReturn(bankFile: string, out: string, failures: Record<number, string>) {
  writeBankReturn(bankFile, out, failures);
  expect(fs.existsSync(out)).toBe(true);
}

describe('workbench bank-batch and the bank-return import', () => {
  let dir: string;
  let db: string;
  let sqlite: Database.Database;
  const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
  beforeAll(() => {
    spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'engine'], { stdio: 'ignore' });
    dir = tempDir();
    db = path.join(dir, 'demo.sqlite');
    expect(workbench('init', '--db', db, '--demo', '--json').status).toBe(0);
    sqlite = new Database(db, { readonly: true });
  }, 120_000);
  afterAll(() => { sqlite.close(); fs.rmSync(dir, { recursive: true, force: true }); });

  let batch: { batchId: number; batchNo: string; lines: number; totalFen: number; file: string; townships: string[] };
  it('creates a batch of 2022-06\'s approved lines with a card, and running it again takes nothing twice', () => {
    const run = workbench('bank-batch', '--db', db, '--month', '2022-06', '--out', path.join(dir, 'bank'), '--json');
    expect(run.stderr).toBe('');
    batch = run.json();
    const sendable = one<{ n: number; fen: number }>("select count(*) n, sum(net_fen) fen from payroll_lines where month = '2022-06' and net_fen > 0 and card_number is not null and card_number <> ''");
    expect(batch).toMatchObject({ batchNo: '202206-01', lines: sendable.n, totalFen: sendable.fen, retries: 0 });
    expect(batch.townships).toHaveLength(12);
    expect(fs.existsSync(batch.file)).toBe(true);
    const again = workbench('bank-batch', '--db', db, '--month', '2022-06', '--out', path.join(dir, 'bank'), '--json');
    expect(again.status).toBe(0);
    expect(again.json()).toMatchObject({ batchId: null, lines: 0, totalFen: 0, file: null });
    expect(fs.readdirSync(path.join(dir, 'bank'))).toHaveLength(1);
  });

  const failures = { 7: '账号不存在', 120: '户名与账号不符', 900: '账户已冻结' };
  let failedFen = 0;
  it('applies the bank\'s return file with failures: paid and failed per line, the batch 已回盘', () => {
    const file = path.join(dir, '回盘_202206.xlsx');
    bankReturn(batch.file, file, failures);
    const dry = workbench('import', file, '--kind', 'bank-return', '--db', db, '--dry-run', '--json');
    expect(dry.json()).toMatchObject({ kind: 'bank-return', rows: batch.lines, created: batch.lines, rejected: 0, paid: batch.lines - 3, failed: 3 });
    expect(one<{ n: number }>('select count(*) n from payment_returns where batch_id = ?', batch.batchId).n).toBe(0);
    const run = workbench('import', file, '--kind', 'bank-return', '--db', db, '--json');
    expect(run.status).toBe(0);
    expect(run.json()).toMatchObject({ kind: 'bank-return', created: batch.lines, rejected: 0, paid: batch.lines - 3, failed: 3, errors: [] });
    expect(one<{ status: string }>('select status from payment_batches where id = ?', batch.batchId).status).toBe('已回盘');
    failedFen = one<{ fen: number }>("select sum(l.amount_fen) fen from payment_lines l join payment_returns r on r.line_id = l.id where r.result = '失败' and l.batch_id = ?", batch.batchId).fen;
    const payroll = workbench('payroll', '--db', db, '--month', '2022-06', '--json').json();
    expect(payroll.payments['发放失败']).toEqual({ lines: 3, fen: failedFen });
    const failedLine = payroll.paymentLines.find((l: { payment: { reason: string | null } }) => l.payment.reason === '账户已冻结');
    expect(failedLine.payment).toMatchObject({ state: '发放失败', batchNo: '202206-01' });
  });

  it('re-issues the line whose card was corrected (with 2022-05\'s corrected failures), never one still failing unchanged', () => {
    const line = one<{ person_id: number }>('select person_id from payment_lines where batch_id = ? and seq = 7', batch.batchId);
    // A clerk corrects the card in 人员台账.
    const writer = new Database(db);
    writer.prepare("update people set card_number = '6217991234567890123' where id = ?").run(line.person_id);
    writer.close();
    const may = one<{ n: number; fen: number }>(`select count(*) n, sum(l.amount_fen) fen from payment_lines l join payment_returns r on r.line_id = l.id
      where r.result = '失败' and l.month = '2022-05' and not exists (select 1 from payment_lines l2 where l2.retry_of_return_id = r.id)`);
    const run = workbench('bank-batch', '--db', db, '--month', '2022-06', '--out', path.join(dir, 'bank'), '--retry-failed', '--json');
    const retry = run.json();
    const seven = one<{ amount_fen: number }>('select amount_fen from payment_lines where batch_id = ? and seq = 7', batch.batchId).amount_fen;
    expect(retry).toMatchObject({ batchNo: '202206-02', lines: may.n + 1, retries: may.n + 1, totalFen: may.fen + seven });
    const lines = sqlite.prepare('select month, card_number, remark from payment_lines where batch_id = ?').all(retry.batchId) as { month: string; card_number: string; remark: string }[];
    expect(lines.find((l) => l.card_number === '6217991234567890123')!.remark).toBe('重发（原202206-01批失败：账号不存在；卡号已更正）');
    expect(lines.filter((l) => l.month === '2022-05').every((l) => l.remark.startsWith('更正2022-05发放；重发'))).toBe(true);
    expect(workbench('bank-batch', '--db', db, '--month', '2022-06', '--out', path.join(dir, 'bank'), '--retry-failed', '--json').json().lines).toBe(0);
    // The return the re-issue relies on cannot be undone now.
    const importBatch = one<{ id: number }>("select max(id) id from import_batches where kind = 'bank-return'").id;
    const undo = workbench('undo-import', String(importBatch), '--db', db, '--json');
    expect(undo.status).toBe(2);
    expect(undo.json().error.code).toBe('RETURN_UNDO_REISSUED');

    const returnFile = path.join(dir, '回盘_202206-02.xlsx');
    bankReturn(retry.file, returnFile, {});
    expect(workbench('import', returnFile, '--kind', 'bank-return', '--db', db, '--json').json()).toMatchObject({ paid: retry.lines, failed: 0, rejected: 0 });
  });

  it('ends with every fen of 2022-06 accounted for: paid by the bank, failed and waiting, or held back with a reason', () => {
    const payroll = workbench('payroll', '--db', db, '--month', '2022-06', '--json').json();
    const total = payroll.totalFen as number;
    const states = payroll.payments as Record<string, { lines: number; fen: number }>;
    expect(Object.keys(states).sort()).toEqual(['发放失败', '已发放', '未发送']);
    expect(states['发放失败']!.lines).toBe(2);
    expect(states['已发放']!.fen + states['发放失败']!.fen + states['未发送']!.fen).toBe(total);
    // Held back: no card (R4's 暂缓发放), never in a batch.
    const held = payroll.paymentLines.filter((l: { payment: { state: string }; netFen: number }) => l.payment.state === '未发送' && l.netFen > 0);
    expect(held.every((l: { payment: { reason: string } }) => l.payment.reason === '缺少卡号，暂缓发放')).toBe(true);
    const list = workbench('bank-batch', '--db', db, '--list', '--month', '2022-06', '--json').json().batches as { batchNo: string; totalFen: number; reconciliation: Record<'sent' | 'confirmed' | 'failed' | 'awaiting' | 'reissued' | 'failedOutstanding', { lines: number; fen: number }> }[];
    const r = list.find((b) => b.batchNo === '202206-01')!.reconciliation;
    expect(r.sent.fen).toBe(batch.totalFen);
    expect(r.confirmed.fen + r.failed.fen + r.awaiting.fen).toBe(r.sent.fen);
    expect(r.failed).toEqual({ lines: 3, fen: failedFen });
    expect(r.reissued.lines + r.failedOutstanding.lines).toBe(3);
    expect(r.reissued.lines).toBe(1);
    const report = workbench('bank-batch', '--db', db, '--reconcile', String(batch.batchId), '--out', path.join(dir, 'recon'), '--json');
    expect(report.status).toBe(0);
    expect(fs.existsSync(report.json().file)).toBe(true);
  });
});
