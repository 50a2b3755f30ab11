// 数据导入: township workbooks: the channels this feature serves, with who may call each and its township scope.
import { registerChannels } from '../registry';
import { EDITORS } from '../../../shared/contract/access';
import { batchesHandler, commitImportHandler, compareHandler, errorReportHandler, openImportHandler, previewImportHandler, undoHandler } from './handlers';

export const importChannels = registerChannels({
  'import.open': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => openImportHandler(ctx, input) },
  'import.preview': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => previewImportHandler(ctx, input) },
  'import.commit': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => commitImportHandler(ctx, input) },
  'import.errorReport': { access: EDITORS, scope: 'scoped', handler: (ctx, input) => errorReportHandler(ctx, input) },
  'import.batches': { access: 'any', scope: 'scoped', handler: (ctx) => batchesHandler(ctx) },
  'import.undo': { access: EDITORS, scope: 'scopedWrite', handler: (ctx, input) => undoHandler(ctx, input) },
  'import.compare': { access: 'any', scope: 'scoped', handler: (ctx, input) => compareHandler(ctx, input) },
});
