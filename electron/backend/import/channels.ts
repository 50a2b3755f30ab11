// 数据导入: township workbooks and the bank's return files: the channels this feature serves, with who may call each and its township scope.
import { registerChannels } from '../registry';
import { IMPORT_ACCESS, IMPORTERS } from '../../../shared/contract/access';
import { batchKind } from './batches';
import { batchesHandler, commitImportHandler, compareHandler, errorReportHandler, openImportHandler, previewImportHandler, undoHandler } from './handlers';

// Who may import depends on the kind (IMPORT_ACCESS): a township workbook is for clerks, a bank's return file
// for managers; dispatch checks the kind the input names, or, for an undo, the kind of the batch.
const byInputKind = { access: IMPORT_ACCESS, kindOf: (_ctx: unknown, input: { kind: string }) => input.kind };
const byBatchKind = { access: IMPORT_ACCESS, kindOf: (ctx: Parameters<typeof batchKind>[0], input: { batchId: number }) => batchKind(ctx, input.batchId) };

export const importChannels = registerChannels({
  'import.open': { access: IMPORTERS, byKind: byInputKind, scope: 'scopedWrite', handler: (ctx, input) => openImportHandler(ctx, input) },
  'import.preview': { access: IMPORTERS, byKind: byInputKind, scope: 'scopedWrite', handler: (ctx, input) => previewImportHandler(ctx, input) },
  'import.commit': { access: IMPORTERS, byKind: byInputKind, scope: 'scopedWrite', handler: (ctx, input) => commitImportHandler(ctx, input) },
  'import.errorReport': { access: IMPORTERS, byKind: byInputKind, scope: 'scoped', handler: (ctx, input) => errorReportHandler(ctx, input) },
  'import.batches': { access: 'any', scope: 'scoped', handler: (ctx) => batchesHandler(ctx) },
  'import.undo': { access: IMPORTERS, byKind: byBatchKind, scope: 'scopedWrite', handler: (ctx, input) => undoHandler(ctx, input) },
  'import.compare': { access: 'any', scope: 'scoped', handler: (ctx, input) => compareHandler(ctx, input) },
});
