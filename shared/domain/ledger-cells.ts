// One cell of the 就业台账 grid, typed or pasted from Excel/WPS: the text a clerk gave, read into the value
// the record holds — or why it cannot be. Typing and pasting share this check; the engine then checks the
// whole record (checkEmploymentInput) when it is saved.
import { EMPLOYMENT_FORMS, EMPLOYMENT_STATUSES, NOT_EMPLOYED_REASONS } from './employment';
import { messageFor } from './errors';
import { parseYuanToFen } from './money';

export type LedgerCellResult = { ok: true; value: unknown } | { ok: false; reason: string };

const EMPLOYED_WITH_FORM = '已就业：';
const choice = (allowed: readonly string[], text: string): LedgerCellResult =>
  (text === '' ? { ok: true, value: null } : allowed.includes(text) ? { ok: true, value: text } : { ok: false, reason: messageFor('BAD_ENUM', { value: text, allowed: allowed.join('、') }) });

/** Reads one cell's text for the column `field` ('status' may carry its form: 已就业：县内务工). */
export function parseLedgerCell(field: string, raw: unknown): LedgerCellResult {
  const text = raw === null || raw === undefined ? '' : String(raw).trim();
  switch (field) {
    case 'status': {
      if (text.startsWith(EMPLOYED_WITH_FORM) && (EMPLOYMENT_FORMS as readonly string[]).includes(text.slice(EMPLOYED_WITH_FORM.length))) return { ok: true, value: text };
      const read = choice(EMPLOYMENT_STATUSES, text);
      return read.ok && read.value === null ? { ok: false, reason: messageFor('BAD_ENUM', { value: '（空）', allowed: EMPLOYMENT_STATUSES.join('、') }) } : read;
    }
    case 'form': return choice(EMPLOYMENT_FORMS, text);
    case 'reasonNotEmployed': return choice(NOT_EMPLOYED_REASONS, text);
    case 'wantsWork':
      return text === '' ? { ok: true, value: null } : text === '是' ? { ok: true, value: true } : text === '否' ? { ok: true, value: false } : { ok: false, reason: messageFor('BAD_ENUM', { value: text, allowed: '是、否' }) };
    case 'monthsWorked':
      return text === '' ? { ok: true, value: null } : /^\d{1,2}$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, reason: messageFor('BAD_MONTHS_WORKED', { value: text }) };
    case 'avgIncomeFen': {
      if (text === '') return { ok: true, value: null };
      const fen = parseYuanToFen(text);
      return fen !== null && fen >= 0 ? { ok: true, value: fen } : { ok: false, reason: messageFor('BAD_INCOME', { value: text }) };
    }
    default: return { ok: true, value: text === '' ? null : text };
  }
}

/** A status cell's value split into the record's status and form (null: the form stays as it was). */
export function statusChoice(value: string): { status: string; form: string | null } {
  return value.startsWith(EMPLOYED_WITH_FORM) ? { status: '已就业', form: value.slice(EMPLOYED_WITH_FORM.length) } : { status: value, form: null };
}
