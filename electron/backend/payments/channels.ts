// 代发批次与回盘: payment batches, their bank files, the bank's answers: the channels this feature serves, with
// who may call each and its township scope. Batches are the county's money: managers and administrators
// (whose scope is every township); the bank file template is not township data.
import { registerChannels } from '../registry';
import { MANAGERS } from '../../../shared/contract/access';
import { batchFile, batchLines, createBatch, listBatches, markRetry, markSent, personHistory, previewBatch, voidBatch } from './batches';
import { reconciliationFile } from './reconciliation';
import { readBankTemplate, saveBankTemplate } from './bank-file';
import { writeAudit } from '../admin/audit-repository';

const fileOf = (file: { fileName: string; bytes: Buffer; rows: number }) => ({ fileName: file.fileName, base64: file.bytes.toString('base64'), rows: file.rows });

export const paymentsChannels = registerChannels({
  'payments.batches': { access: MANAGERS, scope: 'scoped', handler: (ctx, input) => listBatches(ctx, input.month) },
  'payments.preview': { access: MANAGERS, scope: 'scoped', handler: (ctx, input) => previewBatch(ctx, input) },
  'payments.create': {
    access: MANAGERS, scope: 'scopedWrite',
    handler: async (ctx, input) => {
      const { batch, file } = await createBatch(ctx, input);
      return { batch, file: fileOf({ ...file!, rows: batch.lines }) };
    },
  },
  'payments.file': { access: MANAGERS, scope: 'scoped', handler: async (ctx, input) => fileOf(await batchFile(ctx, input.batchId)) },
  'payments.report': { access: MANAGERS, scope: 'scoped', handler: async (ctx, input) => fileOf(await reconciliationFile(ctx, input.batchId)) },
  'payments.lines': { access: MANAGERS, scope: 'scoped', handler: (ctx, input) => batchLines(ctx, input.batchId) },
  'payments.markSent': { access: MANAGERS, scope: 'scopedWrite', handler: (ctx, input) => markSent(ctx, input.batchId) },
  'payments.void': { access: MANAGERS, scope: 'scopedWrite', handler: (ctx, input) => voidBatch(ctx, input.batchId, input.reason) },
  'payments.markRetry': { access: MANAGERS, scope: 'scopedWrite', handler: (ctx, input) => markRetry(ctx, input.lineId) },
  'payments.personHistory': { access: 'any', scope: 'scoped', handler: (ctx, input) => personHistory(ctx, input.personId) },
  'payments.template': { access: MANAGERS, scope: 'county', handler: (ctx) => readBankTemplate(ctx.wdb.db) },
  'payments.saveTemplate': {
    access: MANAGERS, scope: 'county',
    handler: async (ctx, input) => {
      const before = await readBankTemplate(ctx.wdb.db);
      await saveBankTemplate(ctx.wdb.db, input);
      await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'bank_template', entityId: null, action: 'update', before, after: input });
      return readBankTemplate(ctx.wdb.db);
    },
  },
});

