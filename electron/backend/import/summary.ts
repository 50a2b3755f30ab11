// The summary of an import as the CLI prints it (SPEC §6) and the UI shows it: one shape for both doors.
import { messageFor } from '../../../shared/domain/errors';
import type { Analysis } from './analyse';

export function importSummary(analysis: Analysis, batchId: number | null) {
  return {
    kind: analysis.kind.name,
    ...analysis.counts,
    batchId,
    errors: analysis.errors.map(({ row, column, header, code, message }) => ({ row, column, header, code, message })),
  };
}

export function alreadyImportedNotice(analysis: Analysis) {
  const previous = analysis.alreadyImported;
  if (!previous) return null;
  return { ...previous, message: messageFor('ALREADY_IMPORTED', { at: localTime(previous.at), batchId: previous.batchId }) };
}

/** 2026-11-23T04:13:47.449Z → 2026-11-23 12:13 on a machine in China (stored times are UTC). */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
