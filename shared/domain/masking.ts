// Masking of ID and card numbers wherever they appear in text: the one rule dispatch applies to every
// channel's answer (electron/backend/masking.ts), so a number cannot slip out through a field nobody
// thought of (a remark, an import sample, an audit entry).
import { maskIdNumber } from './id-number';
import { maskCardNumber } from './person';

// A run of 16–19 digits (an ID's last may be X), not part of a longer run of digits or letters.
const NUMBER_RUN = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{16,19})(?![0-9A-Za-z])/g;

/** The text with every ID number shown as 130324********123X and every card number as ************4712. */
export function maskNumbersInText(text: string): string {
  // Most values are short (names, codes, dates): the length test keeps the grid's 100,000 rows cheap.
  if (text.length < 16) return text;
  return text.replace(NUMBER_RUN, (run) => run.length === 18 && /^\d{17}[\dXx]$/.test(run) ? maskIdNumber(run.toUpperCase()) : maskCardNumber(run));
}
