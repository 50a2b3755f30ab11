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

/**
 * A channel's answer with every ID number in its text and every card field masked (file contents excepted),
 * in place: an answer is built for its call (people.list is 100,000 fresh rows, not worth copying).
 */
export function maskAnswer<T>(value: T): T {
  return maskValue(value) as T;
}

function maskValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length < 18 ? value : maskNumbersInText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'number' || (typeof item === 'string' && item.length < 18)) continue;
      const masked = maskValue(item);
      if (masked !== item) value[i] = masked;
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    // A file travels as base64: its contents were decided where it was written (fullNumbersInFiles).
    if (key === 'base64') continue;
    const masked = CARD_FIELDS.has(key) && typeof item === 'string' ? maskCard(item) : maskValue(item);
    if (masked !== item) record[key] = masked;
  }
  return value;
}
