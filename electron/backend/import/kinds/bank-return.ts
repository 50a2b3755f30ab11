// The bank-return kind (回盘文件, `--kind bank-return`): the bank's answer to a payment batch, line by line.
// The rules are pure (shared/domain/bank-return.ts); this file loads the batches' lines, writes each answer
// as a payment_returns row and the batch's new state, recording both so the batch can be undone like any
// import (an answer a re-issue already relies on cannot be undone: the re-issue line references it).
import { BANK_RETURN_FIELDS, chooseReturnBatch, judgeReturnRow, parseReturnKeys, type ReturnTarget } from '../../../../shared/domain/bank-return';
import { displayText, isBlank } from '../../../../shared/domain/cell-values';
import type { SendResult } from '../../../../shared/domain/payments';
import { formatYuan } from '../../../../shared/domain/money';
import { WorkbenchFailure } from '../../failure';
import type { FieldIssue, ImportKind, KindContext, KindEvaluation, RowInput, RowOutcome, SnapshotRow } from '../kind';
import { importStore, type ImportStore } from '../store';

interface Accepted { target: ReturnTarget; result: SendResult; reason: string | null; row: number; status: 'created' | 'unchanged' }

const BATCH_NO = /(\d{6}-\d{2})/;

export const bankReturnKind: ImportKind = {
  name: 'bank-return',
  title: '银行回盘',
  fields: BANK_RETURN_FIELDS,
  entityTables: { payment_return: 'payment_returns', payment_batch: 'payment_batches' },

  async evaluate(rows: readonly RowInput[], { ctx, titleText }: KindContext): Promise<KindEvaluation> {
    // A return file answers for the whole county's batch: not for a clerk's townships.
    if (ctx.actor.townships !== null) throw new WorkbenchFailure('RETURN_SCOPE');
    const targets = (await importStore(ctx.wdb).all<ReturnTarget & { result: SendResult | null }>(`select l.id "lineId", l.batch_id "batchId", b.batch_no "batchNo", b.status "batchStatus", l.seq, l.name,
        l.card_number "cardNumber", l.amount_fen "amountFen", r.result
      from payment_lines l join payment_batches b on b.id = l.batch_id left join payment_returns r on r.line_id = l.id order by l.id`))
      .map((t) => ({ ...t, result: t.result ?? null }));
    const namedInFile = rows.map((r) => (isBlank(r.values.batchNo) ? '' : displayText(r.values.batchNo))).find((v) => BATCH_NO.test(v));
    const named = (namedInFile ?? titleText).match(BATCH_NO)?.[1] ?? null;
    const keys = rows.map((r) => parseReturnKeys({ cardNumber: r.values.cardNumber, amount: r.values.amount }));
    const chosen = chooseReturnBatch(named, keys, targets);
    if (!chosen) throw new WorkbenchFailure('RETURN_NO_BATCH');
    if (chosen.voided) throw new WorkbenchFailure('RETURN_BATCH_VOIDED', { batchNo: chosen.batchNo });
    const batch = targets.filter((t) => t.batchNo === chosen.batchNo);
    const elsewhere = targets.filter((t) => t.batchNo !== chosen.batchNo && t.batchStatus !== '作废');
    const batchId = batch[0]!.batchId;

    // A row is matched among the lines of its own card only (judgeReturnRow looks no further): the lines
    // by card, not every line of the county for every row (2,400 rows × 7,200 lines).
    const byCard = (lines: readonly ReturnTarget[]) => {
      const map = new Map<string, ReturnTarget[]>();
      for (const t of lines) { const list = map.get(t.cardNumber); if (list) list.push(t); else map.set(t.cardNumber, [t]); }
      return map;
    };
    const batchByCard = byCard(batch);
    const elsewhereByCard = byCard(elsewhere);
    const taken = new Map<number, number>();
    const accepted: Accepted[] = [];
    const outcomes = rows.map((input, index): RowOutcome => {
      const v = input.values;
      const card = keys[index]!.card;
      const judged = judgeReturnRow({ seq: v.seq, name: v.name, cardNumber: v.cardNumber, amount: v.amount, status: v.status, reason: v.reason }, input.row, chosen.batchNo,
        batchByCard.get(card) ?? [], elsewhereByCard.get(card) ?? [], taken);
      if (!judged.ok) {
        const errors: FieldIssue[] = judged.errors.map((e) => ({ field: e.field, code: e.error.code, message: e.error.message }));
        return { row: input.row, status: 'rejected', key: judged.card || null, label: isBlank(v.name) ? judged.card : displayText(v.name), errors, warnings: [], changedFields: [] };
      }
      accepted.push({ target: judged.target, result: judged.result, reason: judged.reason, row: input.row, status: judged.status });
      return { row: input.row, status: judged.status, key: `${chosen.batchNo}#${judged.target.seq}`, label: judged.target.name, errors: [], warnings: [], changedFields: [] };
    });
    const answered = (result: SendResult) => accepted.filter((a) => a.result === result).length;

    return {
      outcomes,
      townshipCode: null,
      figures: { paid: answered('成功'), failed: answered('失败') },
      async apply(store: ImportStore, importBatchId: number) {
        const change = 'insert into import_changes (batch_id, entity, entity_id, action, before_json, after_json) values (?, ?, ?, ?, ?, ?)';
        for (const a of accepted) {
          if (a.status === 'unchanged') continue;
          const { id } = (await store.get<{ id: number }>('insert into payment_returns (line_id, batch_id, result, reason, import_batch_id, row) values (?, ?, ?, ?, ?, ?) returning id',
            [a.target.lineId, batchId, a.result, a.reason, importBatchId, a.row]))!;
          await store.run(change, [importBatchId, 'payment_return', id, 'create', null, JSON.stringify({ name: a.target.name, line_id: a.target.lineId, result: a.result, reason: a.reason })]);
        }
        // The batch: answered in full → 已回盘 (a return for a batch not yet marked 已报送 proves it was sent).
        const before = (await store.get<{ status: string; sent_by: string | null; sent_at: string | null; returned_at: string | null; line_count: number }>(
          'select status, sent_by, sent_at, returned_at, line_count from payment_batches where id = ?', [batchId]))!;
        const { n } = (await store.get<{ n: number }>('select count(*) as n from payment_returns where batch_id = ?', [batchId]))!;
        const now = new Date().toISOString();
        const after = {
          status: Number(n) >= before.line_count ? '已回盘' : '已报送银行',
          sent_by: before.sent_by ?? ctx.actor.username, sent_at: before.sent_at ?? now, returned_at: Number(n) >= before.line_count ? now : before.returned_at,
        };
        if (after.status !== before.status || after.sent_at !== before.sent_at) {
          await store.run('update payment_batches set status = ?, sent_by = ?, sent_at = ?, returned_at = ? where id = ?', [after.status, after.sent_by, after.sent_at, after.returned_at, batchId]);
          const { line_count: _count, ...previous } = before;
          await store.run(change, [importBatchId, 'payment_batch', batchId, 'update', JSON.stringify(previous), JSON.stringify(after)]);
        }
      },
      snapshot(): SnapshotRow[] {
        return accepted.map((a) => ({
          key: `${chosen.batchNo}#${a.target.seq}`, label: a.target.name,
          fields: { 批次号: chosen.batchNo, 卡号: a.target.cardNumber, 金额: formatYuan(a.target.amountFen), 处理结果: a.result, 失败原因: a.reason ?? '' },
        }));
      },
    };
  },
};
