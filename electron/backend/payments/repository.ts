// Payment batches, their lines and the bank's answers: plain functions over a db or a transaction.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, PaymentBatchTable } from '../db/schema';
import type { BatchLineDraft, Send } from '../../../shared/domain/payments';
import { lineKey } from '../../../shared/domain/payments';

type Db = Kysely<Database> | Transaction<Database>;
export type BatchRow = Selectable<PaymentBatchTable>;

export interface SendFilter { months?: readonly string[]; personId?: number; batchId?: number }
export type SendState = Send & { townshipCode: string; retryOfReturnId: number | null };
export type StoredSend = SendState & { personId: number; name: string; idNumber: string; villageCode: string; seq: number; remark: string };

function sendQuery(db: Db, filter: SendFilter) {
  let query = db.selectFrom('payment_lines as l').innerJoin('payment_batches as b', 'b.id', 'l.batch_id')
    .leftJoin('payment_returns as r', 'r.line_id', 'l.id')
    .select([
      'l.id as lineId', 'l.batch_id as batchId', 'b.batch_no as batchNo', 'b.status as batchStatus', 'l.month', 'l.placement_id as placementId',
      'l.card_number as cardNumber', 'l.amount_fen as amountFen', 'r.result', 'r.reason', 'r.id as returnId', 'r.retry_marked_at as retryMarkedAt',
      'l.township_code as townshipCode', 'l.retry_of_return_id as retryOfReturnId',
    ]);
  if (filter.months) query = query.where('l.month', 'in', filter.months.length ? [...filter.months] : ['']);
  if (filter.personId !== undefined) query = query.where('l.person_id', '=', filter.personId);
  if (filter.batchId !== undefined) query = query.where('l.batch_id', '=', filter.batchId);
  return query.orderBy('l.id');
}

type SendRow = Awaited<ReturnType<ReturnType<typeof sendQuery>['execute']>>[number];

// Written out field by field: tens of thousands of rows are read for a year's figures.
function toSendState(r: SendRow): SendState {
  return {
    lineId: r.lineId, batchId: r.batchId, batchNo: r.batchNo, batchStatus: r.batchStatus, month: r.month, placementId: r.placementId,
    cardNumber: r.cardNumber, amountFen: r.amountFen, result: r.result ?? null, reason: r.reason ?? null, returnId: r.returnId ?? null,
    retryMarked: r.retryMarkedAt !== null && r.retryMarkedAt !== undefined, townshipCode: r.townshipCode, retryOfReturnId: r.retryOfReturnId,
  };
}

/** Every send as the rules read it (state, amount, card), filtered to payroll months, a person or a batch. */
export async function readSendStates(db: Db, filter: SendFilter = {}): Promise<SendState[]> {
  return (await sendQuery(db, filter).execute()).map(toSendState);
}

/** Sends with who they went to and the 序号/备注 of the bank file, for lists and files. */
export async function readSends(db: Db, filter: SendFilter = {}): Promise<StoredSend[]> {
  const rows = await sendQuery(db, filter)
    .select(['l.person_id as personId', 'l.name', 'l.id_number as idNumber', 'l.village_code as villageCode', 'l.seq', 'l.remark']).execute();
  return rows.map((r) => {
    const send = toSendState(r) as StoredSend;
    send.personId = r.personId; send.name = r.name; send.idNumber = r.idNumber; send.villageCode = r.villageCode; send.seq = r.seq; send.remark = r.remark;
    return send;
  });
}

/** Sends grouped by payroll line (month|placement). */
export function sendsByLine<T extends Send>(sends: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const s of sends) {
    const key = lineKey(s.month, s.placementId);
    const list = map.get(key);
    if (list) list.push(s); else map.set(key, [s]);
  }
  return map;
}

export async function getBatch(db: Db, batchId: number): Promise<BatchRow | undefined> {
  return db.selectFrom('payment_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
}

export async function listBatchRows(db: Db, month?: string): Promise<BatchRow[]> {
  let query = db.selectFrom('payment_batches').selectAll();
  if (month) query = query.where('month', '=', month);
  return query.orderBy('id', 'desc').execute();
}

export async function nextSeq(db: Db, month: string): Promise<number> {
  const row = await db.selectFrom('payment_batches').select((eb) => eb.fn.max('seq').as('seq')).where('month', '=', month).executeTakeFirst();
  return Number(row?.seq ?? 0) + 1;
}

export async function insertBatch(trx: Transaction<Database>, batch: {
  month: string; seq: number; batchNo: string; fileName: string; townships: string[]; createdBy: string; createdAt: string; lines: readonly BatchLineDraft[];
}): Promise<number> {
  const totalFen = batch.lines.reduce((sum, l) => sum + l.amountFen, 0);
  const { id } = await trx.insertInto('payment_batches').values({
    month: batch.month, seq: batch.seq, batch_no: batch.batchNo, status: '已生成', line_count: batch.lines.length, total_fen: totalFen,
    townships: JSON.stringify(batch.townships), file_name: batch.fileName, created_by: batch.createdBy, created_at: batch.createdAt,
  }).returning('id').executeTakeFirstOrThrow();
  const rows = batch.lines.map((l, i) => ({
    batch_id: id, seq: i + 1, month: l.month, placement_id: l.placementId, person_id: l.personId, name: l.name, id_number: l.idNumber,
    card_number: l.cardNumber, township_code: l.townshipCode, village_code: l.villageCode, amount_fen: l.amountFen, remark: l.remark,
    retry_of_return_id: l.retryOfReturnId,
  }));
  // Several hundred rows per statement (SQLite allows 32,766 parameters): a county's batch in a few statements.
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('payment_lines').values(rows.slice(i, i + 500)).execute();
  return id;
}

/** The people's cards as they are now (a re-issue goes to the corrected card). */
export async function currentCards(db: Db, personIds: readonly number[]): Promise<Map<number, string | null>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.selectFrom('people').select(['id', 'card_number']).where('id', 'in', [...new Set(personIds)]).execute();
  return new Map(rows.map((r) => [r.id, r.card_number]));
}
