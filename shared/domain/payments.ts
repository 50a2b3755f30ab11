// 代发批次与回盘: the rules of the money's way to the bank and back, as pure functions. A payroll line
// (month + placement) is sent in a numbered batch; the bank's return file says 成功 or 失败 per line; a failed
// line is sent again only when its card was corrected or a user marked it 重发, and never while an earlier
// send of it is live (its batch not voided) and not failed. Money in integer fen.
import { splitTransfer } from './transfer';
import type { PayrollLine } from './payroll';

export const BATCH_STATUSES = ['已生成', '已报送银行', '已回盘', '作废'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export type SendResult = '成功' | '失败';

/** One send of a payroll line: a line of a payment batch, with the bank's answer when it came. */
export interface Send {
  lineId: number;
  batchId: number;
  batchNo: string;
  batchStatus: BatchStatus;
  month: string;
  placementId: number;
  cardNumber: string;
  amountFen: number;
  result: SendResult | null;
  reason: string | null;
  /** The return row that carried the bank's answer (a re-issue points at it, so that answer cannot be undone under it). */
  returnId: number | null;
  /** A user marked the failed send 重发 (the bank's problem is solved without a new card). */
  retryMarked: boolean;
}

export type PaymentState = '未发送' | '已生成' | '已报送未回盘' | '已发放' | '发放失败';

export interface LinePayment {
  state: PaymentState;
  /** The bank's reason for a failure. */
  reason: string | null;
  /** The batch of the send that decides the state. */
  batchNo: string | null;
  /** Confirmed by the bank (成功). */
  paidFen: number;
}

export const lineKey = (month: string, placementId: number): string => `${month}|${placementId}`;

const isLive = (s: Send) => s.batchStatus !== '作废';

/** The payment state of one payroll line from all its sends (voided batches do not count). */
export function linePayment(sends: readonly Send[]): LinePayment {
  const live = sends.filter(isLive).sort((a, b) => a.lineId - b.lineId);
  const paid = live.find((s) => s.result === '成功');
  if (paid) return { state: '已发放', reason: null, batchNo: paid.batchNo, paidFen: paid.amountFen };
  const pending = live.find((s) => s.result === null);
  if (pending) return { state: pending.batchStatus === '已生成' ? '已生成' : '已报送未回盘', reason: null, batchNo: pending.batchNo, paidFen: 0 };
  const failed = live.at(-1);
  if (failed) return { state: '发放失败', reason: failed.reason, batchNo: failed.batchNo, paidFen: 0 };
  return { state: '未发送', reason: null, batchNo: null, paidFen: 0 };
}

/** May this line be sent (again)? Only when no live send of it succeeded or waits for the bank. */
export function maySend(sends: readonly Send[]): boolean {
  return sends.filter(isLive).every((s) => s.result === '失败');
}

/** The last failed live send of a line, when the line's state is 发放失败. */
export function lastFailure(sends: readonly Send[]): Send | null {
  if (!maySend(sends)) return null;
  return sends.filter(isLive).sort((a, b) => a.lineId - b.lineId).at(-1) ?? null;
}

/** A failed send goes again when the person's card was corrected since, or a user marked it 重发. */
export function retryReason(failed: Send, currentCard: string | null): '卡号已更正' | '重发' | null {
  const card = (currentCard ?? '').trim();
  if (card && card !== failed.cardNumber) return '卡号已更正';
  if (failed.retryMarked && card) return '重发';
  return null;
}

/** A line to be written into a new batch. */
export interface BatchLineDraft {
  month: string;
  placementId: number;
  personId: number;
  name: string;
  idNumber: string;
  cardNumber: string;
  townshipCode: string;
  villageCode: string;
  amountFen: number;
  /** The return row of the failed send this line re-issues, or null for a first send. */
  retryOfReturnId: number | null;
  /** 备注 on the bank file: a re-issue names the month it corrects and why. */
  remark: string;
}

export interface RetryCandidate {
  failed: Send;
  personId: number;
  name: string;
  idNumber: string;
  currentCard: string | null;
  townshipCode: string;
  villageCode: string;
}

/**
 * What a new batch for `month` takes: every approved line of the month whose 本次代发 is above zero and which
 * has never been in a live batch; then (with `retryFailed`) the failed sends of this or earlier months that
 * may go again, at the amount the failed send carried. Money goes to the person's card as it is now
 * (`currentCard`): a card corrected after the month was approved must not be paid to the old one; the amount
 * is always the approved line's, so the batch still adds up to R4's 本次代发.
 */
export function draftBatch(
  month: string,
  approvedLines: readonly PayrollLine[],
  sendsOf: (month: string, placementId: number) => readonly Send[],
  retries: readonly RetryCandidate[],
  retryFailed: boolean,
  currentCard: (personId: number) => string | null = () => null,
): BatchLineDraft[] {
  const drafts: BatchLineDraft[] = [];
  for (const line of approvedLines) {
    const { transferFen } = splitTransfer(line, true);
    if (transferFen <= 0 || sendsOf(month, line.placementId).some(isLive)) continue;
    const frozen = line.cardNumber!.trim();
    const now = (currentCard(line.personId) ?? '').trim();
    drafts.push({
      month, placementId: line.placementId, personId: line.personId, name: line.name, idNumber: line.idNumber, cardNumber: now || frozen,
      townshipCode: line.townshipCode, villageCode: line.villageCode, amountFen: transferFen, retryOfReturnId: null,
      remark: now && now !== frozen ? '审核后卡号已更正' : '',
    });
  }
  if (!retryFailed) return drafts;
  for (const r of retries) {
    if (r.failed.month > month) continue;
    const sends = sendsOf(r.failed.month, r.failed.placementId);
    const last = lastFailure(sends);
    if (!last || last.lineId !== r.failed.lineId) continue;
    const why = retryReason(last, r.currentCard);
    if (!why) continue;
    const correction = r.failed.month === month ? '' : `更正${r.failed.month}发放；`;
    drafts.push({
      month: r.failed.month, placementId: r.failed.placementId, personId: r.personId, name: r.name, idNumber: r.idNumber,
      cardNumber: r.currentCard!.trim(), townshipCode: r.townshipCode, villageCode: r.villageCode, amountFen: r.failed.amountFen,
      retryOfReturnId: r.failed.returnId, remark: `${correction}重发（原${r.failed.batchNo}批失败：${r.failed.reason ?? '银行未说明原因'}；${why}）`,
    });
  }
  return drafts;
}

export interface Figure { lines: number; fen: number }
const zero = (): Figure => ({ lines: 0, fen: 0 });
const add = (f: Figure, fen: number) => { f.lines += 1; f.fen += fen; };

/** 发放对账 of one batch: every sent fen is confirmed, failed or still with the bank; every failed fen is re-issued or not yet. */
export interface BatchReconciliation {
  sent: Figure;
  confirmed: Figure;
  failed: Figure;
  /** Failed here and sent again in a later live batch. */
  reissued: Figure;
  /** Failed here and not (yet) sent again. */
  failedOutstanding: Figure;
  /** No answer from the bank yet. */
  awaiting: Figure;
}

export function reconcileBatch(lines: readonly Pick<Send, 'amountFen' | 'result'>[], reissuedLine: (index: number) => boolean): BatchReconciliation {
  const r: BatchReconciliation = { sent: zero(), confirmed: zero(), failed: zero(), reissued: zero(), failedOutstanding: zero(), awaiting: zero() };
  lines.forEach((line, index) => {
    add(r.sent, line.amountFen);
    if (line.result === '成功') add(r.confirmed, line.amountFen);
    else if (line.result === '失败') {
      add(r.failed, line.amountFen);
      add(reissuedLine(index) ? r.reissued : r.failedOutstanding, line.amountFen);
    } else add(r.awaiting, line.amountFen);
  });
  return r;
}

/**
 * Where a payroll month's 实发 stands with the bank (issue 12), as 首页 and R2 count it. Only `confirmed` is paid.
 * The four parts add up to R4's 实发: confirmed + awaitingReturn + failed + unsent.
 */
export interface MoneyWithBank {
  /** 实发 of the month (R4's 实发). */
  net: Figure;
  /** 银行确认已发放 (成功), by whichever batch carried it. */
  confirmed: Figure;
  /** 已报送未回盘: with the bank, no answer yet. */
  awaitingReturn: Figure;
  /** 发放失败, not (yet) paid by a re-issue. */
  failed: Figure;
  /** Not with the bank: `notSent` + `withheld`, and a negative 实发 carried to later months (fen only). */
  unsent: Figure;
  /** Approved and sendable (R4's 本次代发) but in no batch reported to the bank (none yet, or one still 已生成). */
  notSent: Figure;
  /** R4's 暂缓发放: the township-month not approved, or no card number. */
  withheld: Figure;
}

export const noMoney = (): MoneyWithBank => ({ net: zero(), confirmed: zero(), awaitingReturn: zero(), failed: zero(), unsent: zero(), notSent: zero(), withheld: zero() });

/** Adds one payroll line of a month (its sends: every send of that month and placement) to `into`. */
export function countLineMoney(into: MoneyWithBank, line: Pick<PayrollLine, 'netFen' | 'cardNumber' | 'status'>, approved: boolean, sends: readonly Send[]): void {
  const { transferFen, withheldFen } = splitTransfer(line, approved);
  if (line.netFen !== 0) add(into.net, line.netFen);
  if (transferFen > 0) {
    // The line's own amount: every send of it carries the approved 本次代发 (draftBatch), so the parts add up to 实发.
    const state = linePayment(sends).state;
    if (state === '已发放') add(into.confirmed, transferFen);
    else if (state === '已报送未回盘') add(into.awaitingReturn, transferFen);
    else if (state === '发放失败') add(into.failed, transferFen);
    else { add(into.notSent, transferFen); add(into.unsent, transferFen); }
  } else if (withheldFen > 0) {
    add(into.withheld, withheldFen); add(into.unsent, withheldFen);
  } else if (line.netFen < 0) {
    into.unsent.fen += line.netFen;
  }
}

export function addMoney(into: MoneyWithBank, more: MoneyWithBank): MoneyWithBank {
  for (const key of Object.keys(into) as (keyof MoneyWithBank)[]) { into[key].lines += more[key].lines; into[key].fen += more[key].fen; }
  return into;
}

/** The bank's status text: 成功/交易成功/已入账/正常 are paid; 失败/退回/退票/交易失败 are not; anything else is unknown. */
export function parseReturnStatus(text: string): SendResult | null {
  const t = text.replace(/\s/g, '');
  if (/^(成功|交易成功|处理成功|已入账|入账成功|代发成功|正常|success|ok|s)$/i.test(t)) return '成功';
  if (/^(失败|交易失败|处理失败|代发失败|入账失败|退回|退票|已退回|fail|failed|f)$/i.test(t)) return '失败';
  return null;
}

/** Batch number as printed on the sheet and in the file name: 202203-01. */
export function batchNumber(month: string, seq: number): string {
  return `${month.replace('-', '')}-${String(seq).padStart(2, '0')}`;
}

/** Card numbers as banks print them: digits, perhaps with spaces or dashes. */
export function normaliseCard(value: string): string {
  return value.replace(/[\s\-－'’]/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}
