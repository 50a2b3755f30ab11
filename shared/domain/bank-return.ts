// The bank's return file (回盘文件), as pure rules: its columns, which batch it answers, and what one row
// becomes — matched to a line of that batch by card number and amount (and name where the file has one),
// or rejected with a stable code: a return never confirms more than was sent, nor a line of another batch.
import { displayText, isBlank, parseNumber, type CellValue } from './cell-values';
import { workbenchError, type WorkbenchError } from './errors';
import type { FieldSpec } from './import-headers';
import { formatYuan } from './money';
import { normaliseCard, parseReturnStatus, type BatchStatus, type SendResult } from './payments';

export const BANK_RETURN_FIELDS: readonly FieldSpec[] = [
  { key: 'seq', label: '序号', required: false, aliases: ['序号', '序列号', '顺序号', '流水号', '编号'] },
  { key: 'name', label: '姓名', required: false, aliases: ['姓名', '户名', '账户名称', '账户名', '收款人', '收款人姓名', '客户名称', '持卡人'] },
  { key: 'cardNumber', label: '卡号', required: true, aliases: ['卡号', '账号', '银行卡号', '银行账号', '收款账号', '收款人账号', '社保卡号', '账户', '卡号/账号'] },
  { key: 'amount', label: '金额', required: true, aliases: ['金额', '交易金额', '代发金额', '实发金额', '金额(元)', '发放金额', '入账金额'] },
  { key: 'status', label: '处理结果', required: true, aliases: ['处理结果', '状态', '交易状态', '结果', '处理状态', '入账状态', '代发结果', '成功/失败'] },
  { key: 'reason', label: '失败原因', required: false, aliases: ['失败原因', '原因', '错误原因', '失败说明', '备注', '说明', '返回信息', '银行备注'] },
  { key: 'batchNo', label: '批次号', required: false, aliases: ['批次号', '批次', '代发批次'] },
];

/** A line of a batch as the matching needs it. */
export interface ReturnTarget {
  lineId: number;
  batchId: number;
  batchNo: string;
  batchStatus: BatchStatus;
  seq: number;
  name: string;
  cardNumber: string;
  amountFen: number;
  /** The bank's answer already recorded for this line, if any. */
  result: SendResult | null;
}

export interface ReturnRowInput { seq: CellValue; name: CellValue; cardNumber: CellValue; amount: CellValue; status: CellValue; reason: CellValue }

export type ReturnRowResult =
  | { ok: true; target: ReturnTarget; result: SendResult; reason: string | null; status: 'created' | 'unchanged' }
  | { ok: false; card: string; errors: { field: string | null; error: WorkbenchError }[] };

export interface ParsedReturnRow { card: string; amountFen: number | null; errors: { field: string | null; error: WorkbenchError }[] }

/** Card and amount of a row (the keys the batch is recognised by). */
export function parseReturnKeys(row: Pick<ReturnRowInput, 'cardNumber' | 'amount'>): ParsedReturnRow {
  const errors: ParsedReturnRow['errors'] = [];
  let card = '';
  if (isBlank(row.cardNumber)) errors.push({ field: 'cardNumber', error: workbenchError('VALUE_MISSING', { column: '卡号' }) });
  else if (typeof row.cardNumber === 'number' && String(row.cardNumber).replace(/\D/g, '').length > 15) {
    errors.push({ field: 'cardNumber', error: workbenchError('DIGITS_LOST', { column: '卡号' }) });
  } else card = normaliseCard(displayText(row.cardNumber));
  let amountFen: number | null = null;
  const amount = isBlank(row.amount) ? null : parseNumber(typeof row.amount === 'string' ? row.amount.replace(/[,，元]/g, '') : row.amount);
  if (amount === null) errors.push({ field: 'amount', error: workbenchError('VALUE_MISSING', { column: '金额' }) });
  else if (!amount.ok) errors.push({ field: 'amount', error: amount.error });
  else if (Math.abs(amount.value * 100 - Math.round(amount.value * 100)) > 1e-6 || amount.value <= 0) {
    errors.push({ field: 'amount', error: workbenchError('BAD_NUMBER', { value: displayText(row.amount) }) });
  } else amountFen = Math.round(amount.value * 100);
  return { card, amountFen, errors };
}

/**
 * Judges one row against the batch the file answers (`batch`: its lines) and the lines of every other live
 * batch (`elsewhere`, to say "another batch" rather than "no such line"). `taken` remembers which line an
 * earlier row of the file answered (line id → Excel row).
 */
export function judgeReturnRow(
  row: ReturnRowInput, rowNumber: number, batchNo: string,
  batch: readonly ReturnTarget[], elsewhere: readonly ReturnTarget[], taken: Map<number, number>,
): ReturnRowResult {
  const keys = parseReturnKeys(row);
  const errors = [...keys.errors];
  const statusText = isBlank(row.status) ? '' : displayText(row.status);
  const result = parseReturnStatus(statusText);
  if (!statusText) errors.push({ field: 'status', error: workbenchError('VALUE_MISSING', { column: '处理结果' }) });
  else if (!result) errors.push({ field: 'status', error: workbenchError('RETURN_STATUS', { value: statusText }) });
  if (errors.length > 0 || keys.amountFen === null || !result) return { ok: false, card: keys.card, errors };
  const amountFen = keys.amountFen;

  const sameCard = batch.filter((t) => t.cardNumber === keys.card);
  const fail = (field: string | null, error: WorkbenchError): ReturnRowResult => ({ ok: false, card: keys.card, errors: [{ field, error }] });
  if (sameCard.length === 0) {
    const other = elsewhere.find((t) => t.cardNumber === keys.card && t.amountFen === amountFen);
    if (other) return fail('cardNumber', workbenchError('RETURN_OTHER_BATCH', { other: other.batchNo, batchNo }));
    return fail('cardNumber', workbenchError('RETURN_NO_LINE', { batchNo, card: keys.card, amount: formatYuan(amountFen) }));
  }
  const sameAmount = sameCard.filter((t) => t.amountFen === amountFen);
  if (sameAmount.length === 0) {
    return fail('amount', workbenchError('RETURN_AMOUNT', { card: keys.card, batchNo, expected: sameCard.map((t) => formatYuan(t.amountFen)).join('、'), actual: formatYuan(amountFen) }));
  }
  // Two lines with one card and amount (a person's month and a re-issue of an earlier one): the 序号 decides, else file order.
  const seq = isBlank(row.seq) ? null : Number(displayText(row.seq));
  const free = sameAmount.filter((t) => !taken.has(t.lineId));
  const target = free.find((t) => t.seq === seq) ?? free[0];
  if (!target) return fail('cardNumber', workbenchError('RETURN_DUPLICATE', { firstRow: taken.get(sameAmount[0]!.lineId)! }));
  const name = isBlank(row.name) ? '' : displayText(row.name).replace(/\s/g, '');
  if (name && name !== target.name) {
    return fail('name', workbenchError('RETURN_NAME_MISMATCH', { card: keys.card, batchNo, expected: target.name, actual: name }));
  }
  if (target.result && target.result !== result) return fail('status', workbenchError('RETURN_CONTRADICTS', { before: target.result, after: result }));
  taken.set(target.lineId, rowNumber);
  const reasonText = isBlank(row.reason) ? '' : displayText(row.reason).trim();
  const reason = result === '失败' ? (reasonText || '银行未说明原因') : null;
  return { ok: true, target, result, reason, status: target.result ? 'unchanged' : 'created' };
}

/** Which batch a file answers: the batch number it names (column or title), else the live batch most rows match. */
export function chooseReturnBatch(
  named: string | null, keys: readonly ParsedReturnRow[], targets: readonly ReturnTarget[],
): { batchNo: string; voided: boolean } | null {
  const batches = new Map(targets.map((t) => [t.batchNo, t.batchStatus]));
  if (named) return batches.has(named) ? { batchNo: named, voided: batches.get(named) === '作废' } : null;
  const votes = new Map<string, number>();
  for (const k of keys) {
    if (k.amountFen === null) continue;
    for (const no of new Set(targets.filter((t) => t.cardNumber === k.card && t.amountFen === k.amountFen).map((t) => t.batchNo))) votes.set(no, (votes.get(no) ?? 0) + 1);
  }
  // Live batches first (a voided batch's lines are usually sent again with the same card and amount).
  const ranked = [...votes].sort((a, b) => Number(batches.get(a[0]) === '作废') - Number(batches.get(b[0]) === '作废') || b[1] - a[1]);
  const best = ranked[0];
  return best ? { batchNo: best[0], voided: batches.get(best[0]) === '作废' } : null;
}
