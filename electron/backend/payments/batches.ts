// 代发批次: numbered payment batches from approved township-months, their bank files, 已报送 and 作废, 重发
// marks, each payroll line's payment state and a person's payment history (what 首页 and R2 count as paid is
// month-money.ts). Every change is audited; creating and voiding take a backup first.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { EngineContext } from '../context';
import type { PayrollLine } from '../../../shared/domain/payroll';
import type { PaymentBatchView, PaymentDraft, PaymentHistoryRow, PaymentLineView } from '../../../shared/contract/payments';
import {
  batchNumber, draftBatch, lastFailure, lineKey, linePayment, reconcileBatch, type BatchLineDraft, type RetryCandidate, type Send,
} from '../../../shared/domain/payments';
import { bankFileModel, type BankFileLine } from '../../../shared/domain/bank-file';
import { maskIdNumber } from '../../../shared/domain/id-number';
import { maskCardNumber } from '../../../shared/domain/person';
import { firstDayOf, lastDayOf } from '../../../shared/domain/month';
import { WorkbenchFailure } from '../failure';
import { writeAudit } from '../admin/audit-repository';
import { automaticBackup } from '../admin/backups';
import { lockKeys, lockTownshipMonths } from '../db/locks';
import { writeTransaction } from '../db/retry';
import { frozenLines, townshipMonthStates } from '../payroll/repository';
import { requireMonth } from '../payroll/payroll';
import { currentCards, getBatch, insertBatch, listBatchRows, nextSeq, readSends, readSendStates, sendsByLine, type BatchRow, type SendState, type StoredSend } from './repository';
import { bankFileBytes, bankFileExtension, readBankTemplate } from './bank-file';


export interface CreateBatchInput { month: string; townshipCode?: string | null; retryFailed: boolean }

/** The approved township-months of a month (all, or one township) and their frozen lines. */
async function approvedLines(db: Kysely<Database> | Transaction<Database>, month: string, townships: readonly string[]): Promise<{ lines: PayrollLine[]; approved: string[]; notApproved: string[] }> {
  const states = await townshipMonthStates(db, [month]);
  const approved = townships.filter((code) => states.get(`${month}|${code}`)?.status === '已审核');
  // Townships with someone on post that month and not approved: their lines wait (a township without posts is not waiting).
  const onPost = new Set((await db.selectFrom('placements as pl').innerJoin('posts as po', 'po.id', 'pl.post_id').select('po.township_code').distinct()
    .where('pl.start_date', '<=', lastDayOf(month)).where((eb) => eb.or([eb('pl.exit_date', 'is', null), eb('pl.exit_date', '>=', firstDayOf(month))])).execute())
    .map((r) => r.township_code));
  return { lines: await frozenLines(db, month, approved), approved, notApproved: townships.filter((code) => !approved.includes(code) && onPost.has(code)) };
}

function batchTownships(ctx: EngineContext, input: CreateBatchInput): string[] {
  const all = ctx.scope.codes();
  if (!input.townshipCode) return all;
  if (!all.includes(input.townshipCode)) throw new WorkbenchFailure('OUT_OF_SCOPE');
  return [input.townshipCode];
}

/** What a batch created now would hold (`db`: the creating transaction, which reads it again under its lock). */
async function draft(ctx: EngineContext, input: CreateBatchInput, db: Kysely<Database> | Transaction<Database> = ctx.wdb.db): Promise<{ drafts: BatchLineDraft[]; notApproved: string[] }> {
  requireMonth(input.month);
  const townships = batchTownships(ctx, input);
  const { lines, approved, notApproved } = await approvedLines(db, input.month, townships);
  if (input.townshipCode && approved.length === 0) {
    throw new WorkbenchFailure('PAYMENT_NOT_APPROVED', { township: ctx.divisions.townshipNameOf(input.townshipCode), month: input.month });
  }
  const sends = await readSendStates(db);
  const byLine = sendsByLine(sends);
  const sendsOf = (month: string, placementId: number): Send[] => byLine.get(lineKey(month, placementId)) ?? [];
  const failedIds = new Set([...byLine.values()].map((list) => lastFailure(list)).filter((s): s is SendState => s !== null && s.result === '失败')
    .filter((s) => townships.includes(s.townshipCode)).map((s) => s.lineId));
  // Who each failed send went to, read in full only for them.
  const failures = failedIds.size === 0 ? [] : (await readSends(db, { months: [...new Set(sends.filter((s) => failedIds.has(s.lineId)).map((s) => s.month))] }))
    .filter((s) => failedIds.has(s.lineId));
  const cards = await currentCards(db, [...failures.map((f) => f.personId), ...lines.map((l) => l.personId)]);
  const retries: RetryCandidate[] = failures.map((f) => ({
    failed: f, personId: f.personId, name: f.name, idNumber: f.idNumber, currentCard: cards.get(f.personId) ?? null, townshipCode: f.townshipCode, villageCode: f.villageCode,
  }));
  return { drafts: draftBatch(input.month, lines, sendsOf, retries, input.retryFailed, (personId) => cards.get(personId) ?? null), notApproved };
}

export async function previewBatch(ctx: EngineContext, input: CreateBatchInput): Promise<PaymentDraft> {
  const { drafts, notApproved } = await draft(ctx, input);
  const retries = drafts.filter((d) => d.retryOfReturnId !== null);
  const byTownship = new Map<string, { lines: number; totalFen: number }>();
  for (const d of drafts) {
    const t = byTownship.get(d.townshipCode) ?? { lines: 0, totalFen: 0 };
    t.lines += 1; t.totalFen += d.amountFen;
    byTownship.set(d.townshipCode, t);
  }
  return {
    month: input.month, lines: drafts.length, totalFen: drafts.reduce((s, d) => s + d.amountFen, 0),
    retries: retries.length, retryFen: retries.reduce((s, d) => s + d.amountFen, 0),
    townships: [...byTownship].map(([code, t]) => ({ code, name: ctx.divisions.townshipNameOf(code), ...t })),
    notApproved: notApproved.map((code) => ctx.divisions.townshipNameOf(code)),
  };
}

// One batch at a time: two clicks at once must not both take the same lines (the database refuses the
// second anyway, trigger payment_lines_once; this keeps the refusal from being the normal path).
let creating: Promise<unknown> = Promise.resolve();

/** `demo: true` only for the demo seeder, which builds a new database: no backup (as its approvals) and no file. */
export function createBatch(ctx: EngineContext, input: CreateBatchInput, options: { demo?: boolean } = {}): Promise<{ batch: PaymentBatchView; file: { fileName: string; bytes: Buffer } | null }> {
  const run = creating.then(() => createNow(ctx, input, !options.demo));
  creating = run.catch(() => undefined);
  return run;
}

async function createNow(ctx: EngineContext, input: CreateBatchInput, forReal: boolean) {
  const { drafts, notApproved } = await draft(ctx, input);
  if (drafts.length === 0) {
    const waiting = notApproved.length ? `；尚未审核的乡镇：${notApproved.map((c) => ctx.divisions.townshipNameOf(c)).join('、')}` : '';
    throw new WorkbenchFailure('PAYMENT_NOTHING_TO_SEND', { month: input.month, hint: waiting });
  }
  const db = ctx.wdb.db;
  const backup = forReal ? await automaticBackup(ctx.engine, `before-payment-batch-${input.month}`) : null;
  const template = await readBankTemplate(db);
  const batchId = await writeTransaction(ctx.wdb, async (trx) => {
    // Two managers creating batches at once (two office seats, two servers on one PostgreSQL): the month's
    // numbering and its township-months are held, and the lines are read again under that hold, so the
    // second batch sees the first's lines as already sent and never pays a line twice.
    await lockKeys(trx, [`payment-batches:${input.month}`], 'exclusive');
    await lockTownshipMonths(trx, batchTownships(ctx, input).map((townshipCode) => ({ month: input.month, townshipCode })), 'exclusive');
    const { drafts } = await draft(ctx, input, trx);
    if (drafts.length === 0) throw new WorkbenchFailure('PAYMENT_NOTHING_TO_SEND', { month: input.month, hint: '' });
    const townships = [...new Set(drafts.map((d) => d.townshipCode))];
    const seq = await nextSeq(trx, input.month);
    const batchNo = batchNumber(input.month, seq);
    const fileName = `${ctx.county.name}_公益性岗位补贴代发_${input.month}_批次${batchNo}.${bankFileExtension(template)}`;
    try {
      const id = await insertBatch(trx, { month: input.month, seq, batchNo, fileName, townships, createdBy: ctx.actor.username, createdAt: new Date().toISOString(), lines: drafts });
      await writeAudit(trx, {
        username: ctx.actor.username, entity: 'payment_batch', entityId: id, action: 'create',
        after: { batchNo, month: input.month, townships, lines: drafts.length, totalFen: drafts.reduce((s, d) => s + d.amountFen, 0), retries: drafts.filter((d) => d.retryOfReturnId !== null).length, fileName, backup },
      });
      return id;
    } catch (error) {
      if ((error as Error).message === 'PAYMENT_TWICE') throw new WorkbenchFailure('PAYMENT_TWICE', { name: '', month: input.month, batchNo: '' });
      throw error;
    }
  });
  const batch = await batchView(ctx, batchId);
  return { batch, file: forReal ? await batchFile(ctx, batchId) : null };
}

async function requireBatch(ctx: EngineContext, batchId: number): Promise<BatchRow> {
  const batch = await getBatch(ctx.wdb.db, batchId);
  if (!batch) throw new WorkbenchFailure('PAYMENT_BATCH_NOT_FOUND', { batch: batchId });
  return batch;
}

/** The batch's bank file, in the county's template as it is now (same lines, same numbers). */
export async function batchFile(ctx: EngineContext, batchId: number): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const batch = await requireBatch(ctx, batchId);
  const template = await readBankTemplate(ctx.wdb.db);
  const sends = await readSends(ctx.wdb.db, { batchId });
  const lines: BankFileLine[] = sends.map((s) => ({
    seq: s.seq, name: s.name, idNumber: s.idNumber, cardNumber: s.cardNumber, amountFen: s.amountFen, remark: s.remark,
    townshipName: ctx.divisions.townshipNameOf(s.townshipCode), villageName: ctx.divisions.villageNameOf(s.villageCode), month: s.month,
  }));
  const model = bankFileModel({ countyName: ctx.county.name, month: batch.month, batchNo: batch.batch_no }, lines, template);
  const fileName = batch.file_name.replace(/\.(xlsx|csv|txt)$/, `.${bankFileExtension(template)}`);
  await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'payment_batch', entityId: batchId, action: 'export', after: { fileName, lines: model.lines, totalFen: model.totalFen, format: template.format, encoding: template.encoding } });
  return { fileName, bytes: await bankFileBytes(model, template), rows: model.lines };
}

/** Was each send re-issued by a later live send of the same payroll line? */
function reissuedBy(all: readonly SendState[]): Map<number, SendState> {
  const later = new Map<number, SendState>();
  for (const list of sendsByLine(all).values()) {
    const live = list.filter((s) => s.batchStatus !== '作废');
    live.forEach((s, i) => { if (s.result === '失败' && live[i + 1]) later.set(s.lineId, live[i + 1]!); });
  }
  return later;
}

function toBatchView(ctx: EngineContext, batch: BatchRow, lines: readonly SendState[], reissued: Map<number, SendState>): PaymentBatchView {
  return {
    id: batch.id, batchNo: batch.batch_no, month: batch.month, status: batch.status, lines: batch.line_count, totalFen: batch.total_fen,
    townships: (JSON.parse(batch.townships) as string[]).map((code) => ({ code, name: ctx.divisions.townshipNameOf(code) })),
    fileName: batch.file_name, createdBy: batch.created_by, createdAt: batch.created_at, sentAt: batch.sent_at, returnedAt: batch.returned_at,
    voidedAt: batch.voided_at, voidReason: batch.void_reason, reissues: lines.filter((l) => l.retryOfReturnId !== null).length,
    reconciliation: reconcileBatch(lines, (i) => reissued.has(lines[i]!.lineId)),
  };
}

export async function listBatches(ctx: EngineContext, month?: string): Promise<PaymentBatchView[]> {
  const [rows, sends] = await Promise.all([listBatchRows(ctx.wdb.db, month), readSendStates(ctx.wdb.db)]);
  const reissued = reissuedBy(sends);
  const byBatch = new Map<number, SendState[]>();
  for (const s of sends) {
    const list = byBatch.get(s.batchId);
    if (list) list.push(s); else byBatch.set(s.batchId, [s]);
  }
  return rows.map((b) => toBatchView(ctx, b, byBatch.get(b.id) ?? [], reissued));
}

export async function batchView(ctx: EngineContext, batchId: number): Promise<PaymentBatchView> {
  const batch = await requireBatch(ctx, batchId);
  const sends = await readSendStates(ctx.wdb.db, { months: await batchMonths(ctx, batchId) });
  return toBatchView(ctx, batch, sends.filter((s) => s.batchId === batchId), reissuedBy(sends));
}

export async function batchLines(ctx: EngineContext, batchId: number): Promise<PaymentLineView[]> {
  await requireBatch(ctx, batchId);
  // The batch's lines in full; every send of the same payroll lines (other batches too) for their state now.
  const [mine, states] = await Promise.all([readSends(ctx.wdb.db, { batchId }), batchMonths(ctx, batchId).then((months) => readSendStates(ctx.wdb.db, { months }))]);
  const byLine = sendsByLine(states);
  const reissued = reissuedBy(states);
  return mine.map((s) => lineView(ctx, s, byLine.get(lineKey(s.month, s.placementId)) ?? [], reissued));
}

/** The payroll months a batch holds lines of (its own, and those its re-issues correct). */
async function batchMonths(ctx: EngineContext, batchId: number): Promise<string[]> {
  const rows = await ctx.wdb.db.selectFrom('payment_lines').select('month').distinct().where('batch_id', '=', batchId).execute();
  return rows.map((r) => r.month);
}

function lineView(ctx: EngineContext, s: StoredSend, all: readonly Send[], reissued: Map<number, SendState>): PaymentLineView {
  const last = lastFailure(all);
  return {
    lineId: s.lineId, seq: s.seq, month: s.month, placementId: s.placementId, personId: s.personId, name: s.name, idMasked: maskIdNumber(s.idNumber),
    cardMasked: maskCardNumber(s.cardNumber), townshipName: ctx.divisions.townshipNameOf(s.townshipCode), villageName: ctx.divisions.villageNameOf(s.villageCode),
    amountFen: s.amountFen, remark: s.remark, result: s.result, reason: s.reason, retryMarked: s.retryMarked,
    lineState: linePayment(all).state, reissuedIn: reissued.get(s.lineId)?.batchNo ?? null,
    mayMarkRetry: s.batchStatus !== '作废' && last?.lineId === s.lineId && !s.retryMarked,
  };
}

async function setBatchStatus(ctx: EngineContext, batch: BatchRow, values: Partial<Pick<BatchRow, 'status' | 'sent_by' | 'sent_at' | 'voided_by' | 'voided_at' | 'void_reason'>>, audit: { action: string; after: Record<string, unknown> }): Promise<void> {
  await ctx.wdb.db.transaction().execute(async (trx) => {
    const now = await trx.selectFrom('payment_batches').select('status').where('id', '=', batch.id).executeTakeFirstOrThrow();
    if (now.status !== batch.status) throw new WorkbenchFailure('BATCH_STATE', { batchNo: batch.batch_no, status: now.status, action: audit.action });
    await trx.updateTable('payment_batches').set(values).where('id', '=', batch.id).execute();
    await writeAudit(trx, { username: ctx.actor.username, entity: 'payment_batch', entityId: batch.id, action: audit.action, before: { status: batch.status }, after: audit.after });
  });
}

/** 已报送银行: the file went to the bank. */
export async function markSent(ctx: EngineContext, batchId: number): Promise<PaymentBatchView> {
  const batch = await requireBatch(ctx, batchId);
  if (batch.status !== '已生成') throw new WorkbenchFailure('BATCH_STATE', { batchNo: batch.batch_no, status: batch.status, action: '标记为已报送银行' });
  await setBatchStatus(ctx, batch, { status: '已报送银行', sent_by: ctx.actor.username, sent_at: new Date().toISOString() }, { action: 'send', after: { status: '已报送银行' } });
  return batchView(ctx, batchId);
}

/** 作废 with a reason: its lines are free for the next batch. Refused once the bank answered any line. */
export async function voidBatch(ctx: EngineContext, batchId: number, reasonText: string): Promise<PaymentBatchView> {
  const reason = reasonText.trim();
  if (!reason) throw new WorkbenchFailure('REASON_REQUIRED', { action: '作废' });
  const batch = await requireBatch(ctx, batchId);
  const answered = await ctx.wdb.db.selectFrom('payment_returns').select((eb) => eb.fn.countAll<number>().as('n')).where('batch_id', '=', batchId).executeTakeFirstOrThrow();
  if (batch.status === '作废' || batch.status === '已回盘' || Number(answered.n) > 0) {
    throw new WorkbenchFailure('BATCH_STATE', { batchNo: batch.batch_no, status: Number(answered.n) > 0 && batch.status !== '作废' ? '已有回盘' : batch.status, action: '作废' });
  }
  const backup = await automaticBackup(ctx.engine, `before-void-${batch.batch_no}`);
  await setBatchStatus(ctx, batch, { status: '作废', voided_by: ctx.actor.username, voided_at: new Date().toISOString(), void_reason: reason },
    { action: 'void', after: { status: '作废', reason, lines: batch.line_count, totalFen: batch.total_fen, backup } });
  return batchView(ctx, batchId);
}

/** 重发: a failed send whose problem is solved without a new card (an account unfrozen) goes in the next batch. */
export async function markRetry(ctx: EngineContext, lineId: number): Promise<PaymentLineView> {
  const db = ctx.wdb.db;
  const line = await db.selectFrom('payment_lines').select(['id', 'month', 'placement_id', 'name', 'batch_id']).where('id', '=', lineId).executeTakeFirst();
  if (!line) throw new WorkbenchFailure('NOT_FOUND');
  const sends = await readSends(db, { months: [line.month] });
  const all = sends.filter((s) => s.placementId === line.placement_id);
  const last = lastFailure(all);
  if (!last || last.lineId !== lineId || last.returnId === null) {
    throw new WorkbenchFailure('RETRY_NOT_FAILED', { name: line.name, month: line.month, state: linePayment(all).state });
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('payment_returns').set({ retry_marked_by: ctx.actor.username, retry_marked_at: new Date().toISOString() }).where('id', '=', last.returnId!).execute();
    await writeAudit(trx, { username: ctx.actor.username, entity: 'payment_line', entityId: lineId, action: 'mark_retry', after: { month: line.month, placementId: line.placement_id, name: line.name } });
  });
  const fresh = await readSends(db, { months: [line.month] });
  const mine = fresh.filter((s) => s.placementId === line.placement_id);
  return lineView(ctx, mine.find((s) => s.lineId === lineId)!, mine, reissuedBy(mine));
}

/** A person's payment history: month, amount, batch, state, reason — every send, voided ones included. */
export async function personHistory(ctx: EngineContext, personId: number): Promise<PaymentHistoryRow[]> {
  const person = await ctx.wdb.db.selectFrom('people').select('township_code').where('id', '=', personId).executeTakeFirst();
  if (!person) throw new WorkbenchFailure('NOT_FOUND');
  if (ctx.actor.townships && !ctx.actor.townships.includes(person.township_code)) throw new WorkbenchFailure('OUT_OF_SCOPE');
  const sends = await readSends(ctx.wdb.db, { personId });
  return sends.sort((a, b) => (a.month === b.month ? a.lineId - b.lineId : a.month < b.month ? -1 : 1)).map((s) => ({
    month: s.month, amountFen: s.amountFen, batchNo: s.batchNo, batchStatus: s.batchStatus, result: s.result, reason: s.reason,
    cardMasked: maskCardNumber(s.cardNumber), remark: s.remark,
    state: s.batchStatus === '作废' ? '批次已作废' : s.result === '成功' ? '已发放' : s.result === '失败' ? `发放失败（${s.reason ?? '银行未说明原因'}）` : s.batchStatus === '已生成' ? '已生成' : '已报送未回盘',
  }));
}
