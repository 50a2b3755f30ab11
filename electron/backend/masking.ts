// Who sees full ID and card numbers, decided in one place (SPEC §8; issue 10: a clerk never sees a full ID
// anywhere). dispatch passes every channel's answer through maskAnswer: on screen every number is masked
// for everyone, except on a channel registered `reveals` (an audited, one-record look at the numbers) for a
// manager or administrator. Files are documents for the bank and the city: fullNumbersInFiles says who gets
// them whole there.
import { maskCard, maskNumbersInText } from '../../shared/domain/masking';
import type { Actor } from './context';

/** May this caller see full numbers in the answer of a channel registered with this `reveals` flag? */
export function seesFullNumbers(actor: Pick<Actor, 'role'>, reveals: boolean): boolean {
  return reveals && actor.role !== 'clerk';
}

/** Do files this caller exports (a ledger, a report) carry full numbers? Never a clerk's. */
export function fullNumbersInFiles(actor: Pick<Actor, 'role'>): boolean {
  return actor.role !== 'clerk';
}

/** Fields that hold a card number (a bank card is 16–19 digits, like a household number: known by its field). */
const CARD_FIELDS = new Set(['cardNumber', 'card_number']);

/** A copy of a channel's answer with every ID number in its text and every card field masked (file contents excepted). */
export function maskAnswer<T>(value: T): T {
  return maskValue(value) as T;
}

function maskValue(value: unknown): unknown {
  if (typeof value === 'string') return maskNumbersInText(value);
  if (Array.isArray(value)) return value.map(maskValue);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  // A file travels as base64: its contents were decided where it was written (fullNumbersInFiles).
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === 'base64' ? item : CARD_FIELDS.has(key) && typeof item === 'string' ? maskCard(item) : maskValue(item);
  }
  return out;
}
