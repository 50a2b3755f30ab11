// The summary of an import as the CLI prints it (SPEC §6) and the UI shows it: one shape for both doors.
import { messageFor } from '../../../shared/domain/errors';
import type { Analysis } from './analyse';
import { localDateTime } from '../../../shared/domain/dates';

export function importSummary(analysis: Analysis, batchId: number | null) {
  return {
    kind: analysis.kind.name,
    title: analysis.kind.title,
    sheet: analysis.sheet.name,
    ...analysis.counts,
    batchId,
    errors: analysis.errors.map(({ row, column, header, code, message, name, value }) => ({ row, column, header, code, message, name, value })),
    ...analysis.evaluation?.figures,
  };
}

export function alreadyImportedNotice(analysis: Analysis) {
  const previous = analysis.alreadyImported;
  if (!previous) return null;
  return { ...previous, message: messageFor('ALREADY_IMPORTED', { at: localDateTime(previous.at), batchId: previous.batchId }) };
}
