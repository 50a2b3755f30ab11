// Masking of ID numbers wherever they appear in text: the one rule dispatch applies to every channel's answer
// (electron/backend/masking.ts), so an ID cannot slip out through a field nobody thought of (a remark, an
// import sample, a refusal). Only real ID numbers (their check character right) are masked: a household
// number or a code of the same length is data a clerk must be able to read and send back unchanged.
import { checkCharacter, maskIdNumber } from './id-number';
import { maskCardNumber } from './person';

// 18 characters, 17 digits and a check character, not part of a longer run of digits or letters.
const ID_RUN = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const ID_ALONE = /^\d{17}[\dXx]$/;

/** Is this 18-character run an ID number (its check character right)? */
export function isIdNumber(run: string): boolean {
  return run.length === 18 && checkCharacter(run) === run[17]!.toUpperCase();
}

/** The text with every ID number in it shown as 130324********123X. */
export function maskNumbersInText(text: string): string {
  // Most values are short (names, codes, dates): the length test keeps the grid's 100,000 rows cheap.
  if (text.length < 18) return text;
  // A value that is exactly an ID (the grid's column) needs no search.
  if (text.length === 18) return ID_ALONE.test(text) && isIdNumber(text) ? maskIdNumber(text.toUpperCase()) : text;
  return text.replace(ID_RUN, (run) => (isIdNumber(run) ? maskIdNumber(run.toUpperCase()) : run));
}

/** A card number shown as ************4712 (already masked values stay as they are). */
export function maskCard(card: string): string {
  return card.includes('*') ? card : maskCardNumber(card);
}
