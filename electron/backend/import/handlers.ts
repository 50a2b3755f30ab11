// 数据导入 handlers: open a picked file, preview (dry run) with a sheet and mapping, commit, error report,
// history, undo, and 与上次对比.
import type { ChannelInput, ChannelOutput } from '../../../shared/contract/schemas';
import type { EngineContext } from '../context';
import { WorkbenchFailure } from '../failure';
import { chooseSheets, columnSamples, sha256Of, type Analysis, type ImportRequest } from './analyse';
import { commitImport, dryRun, stillValid } from './commit';
import { errorReportFileName, errorWorkbook } from './error-report';
import { compareBatch, listBatches, undoBatch } from './batches';
import { importKind } from './kinds/index';
import { getUpload, keepUpload } from './uploads';
import { alreadyImportedNotice, importSummary } from './summary';
import { MAX_FILE_BYTES } from './xlsx/workbook';
import { openSpreadsheet } from './spreadsheet';
import { shareable } from './xlsx/scan-aside';

function requestFor(ctx: EngineContext, input: ChannelInput<'import.preview'>): ImportRequest {
  const upload = getUpload(input.token, ctx.actor.username);
  return { bytes: upload.bytes, workbook: upload.workbook, fileName: upload.fileName, kind: input.kind, sheet: input.sheet, mapping: input.mapping ?? undefined, month: input.month };
}

/** The dry run of an upload: the kept one while it still answers the request, else a new one (then kept). */
async function analysisFor(ctx: EngineContext, input: ChannelInput<'import.preview'>): Promise<Analysis> {
  const upload = getUpload(input.token, ctx.actor.username);
  const request = requestFor(ctx, input);
  const kept = await stillValid(ctx, request, upload.dryRun);
  if (kept) return kept.analysis;
  upload.dryRun = undefined; // let the old one go before reading again
  upload.dryRun = await dryRun(ctx, request);
  return upload.dryRun.analysis;
}

export async function openImportHandler(ctx: EngineContext, input: ChannelInput<'import.open'>): Promise<ChannelOutput<'import.open'>> {
  const bytes = shareable(Buffer.from(input.base64, 'base64'));
  if (bytes.length > MAX_FILE_BYTES) throw new WorkbenchFailure('FILE_TOO_LARGE', { size: `${(bytes.length / 1024 / 1024).toFixed(1)} MB` });
  const workbook = openSpreadsheet(bytes, input.fileName);
  if (workbook.sheets.length === 0) throw new WorkbenchFailure('NO_SHEETS');
  const { sheets, defaultSheet } = await chooseSheets(workbook, importKind(input.kind));
  const token = keepUpload(ctx.actor.username, input.fileName, bytes, workbook);
  return { token, fileName: input.fileName, sha256: sha256Of(bytes), sizeBytes: bytes.length, sheets, defaultSheet };
}

export async function previewImportHandler(ctx: EngineContext, input: ChannelInput<'import.preview'>): Promise<ChannelOutput<'import.preview'>> {
  const analysis = await analysisFor(ctx, input);
  const samples = columnSamples(analysis);
  return {
    fileName: analysis.fileName,
    sha256: analysis.sha256,
    sheet: analysis.sheet.name,
    sheets: analysis.sheets,
    headerRows: { first: analysis.header.firstRow, last: analysis.header.lastRow },
    fields: analysis.kind.fields.map(({ key, label, required }) => ({ key, label, required })),
    columns: analysis.columns.map((c) => ({ ...c, samples: samples.get(c.index) ?? [] })),
    missing: analysis.missing,
    ignored: analysis.ignored,
    summary: importSummary(analysis, null),
    warningList: analysis.warnings,
    alreadyImported: alreadyImportedNotice(analysis),
  };
}

export async function commitImportHandler(ctx: EngineContext, input: ChannelInput<'import.commit'>): Promise<ChannelOutput<'import.commit'>> {
  const upload = getUpload(input.token, ctx.actor.username);
  const kept = upload.dryRun;
  // A commit uses the kept dry run once (if it still holds); the memory goes with it.
  upload.dryRun = undefined;
  const { analysis, batchId } = await commitImport(ctx, requestFor(ctx, input), kept);
  return { summary: importSummary(analysis, batchId), alreadyImported: alreadyImportedNotice(analysis) };
}

export async function errorReportHandler(ctx: EngineContext, input: ChannelInput<'import.errorReport'>): Promise<ChannelOutput<'import.errorReport'>> {
  const analysis = await analysisFor(ctx, input);
  const buffer = await errorWorkbook(analysis);
  return { fileName: errorReportFileName(analysis.fileName), base64: buffer.toString('base64'), rows: new Set(analysis.errors.map((e) => e.row)).size };
}

export async function batchesHandler(ctx: EngineContext): Promise<ChannelOutput<'import.batches'>> {
  return listBatches(ctx);
}

export async function undoHandler(ctx: EngineContext, input: ChannelInput<'import.undo'>): Promise<ChannelOutput<'import.undo'>> {
  return undoBatch(ctx, input.batchId);
}

export async function compareHandler(ctx: EngineContext, input: ChannelInput<'import.compare'>): Promise<ChannelOutput<'import.compare'>> {
  return compareBatch(ctx, input.batchId);
}
