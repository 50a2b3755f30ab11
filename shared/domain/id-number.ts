// Resident ID numbers (居民身份证号码, GB 11643-1999): normalising what clerks and Excel produce,
// the ISO 7064 MOD 11-2 check character, and what the number tells (birth date, sex, age).
import { workbenchError, type WorkbenchError } from './errors';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdResult = { ok: true; value: string } | { ok: false; error: WorkbenchError };

/** The check character for the first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  // charCodeAt, not Number(): masking runs this over every ID of a 100,000-row list.
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** The 18-digit number a 15-digit first-generation number converts to (born in the 1900s). */
export function convertFirstGeneration(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6, 15)}`;
  return first17 + checkCharacter(first17);
}

/** Any character normaliseText changes (most cells have none: they are returned as they are). */
const NEEDS_NORMALISING = /[\uFF01-\uFF5E\s\u3000\u00A0\u200B\uFEFF]|^['‘’`]/;

/** Full-width digits and letters to ASCII; drops spaces of every width and a leading apostrophe. */
export function normaliseText(raw: string): string {
  if (!NEEDS_NORMALISING.test(raw)) return raw;
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u00A0\u200B\uFEFF]/g, '')
    .replace(/^['‘’`]+/, '');
}

/** The last `today` asked about and its local calendar day (as a UTC time). */
let lastToday: { date: Date; time: number; day: number } | null = null;

/**
 * The local calendar day of `today`, as the UTC time of that date: worked out once for the Date an import
 * passes for all its rows (the zone's conversion is most of a row's ID check otherwise).
 */
function localDayOf(today: Date): number {
  const time = today.getTime();
  if (lastToday?.date !== today || lastToday.time !== time) {
    lastToday = { date: today, time, day: Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()) };
  }
  return lastToday.day;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealPastDate(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0)) return false;
  return Date.UTC(year, month - 1, day) <= localDayOf(today);
}

/**
 * Normalises and validates an ID number as typed or as read from a cell.
 * A number cell with 16 or more digits has lost its tail to Excel's 15 significant digits: that is an
 * error (ID_PRECISION_LOST), never repaired by guessing.
 */
export function parseIdNumber(raw: unknown, today: Date = new Date()): IdResult {
  if (raw === null || raw === undefined) return { ok: false, error: workbenchError('ID_MISSING') };
  let text: string;
  if (typeof raw === 'number' || typeof raw === 'bigint') {
    if (typeof raw === 'number' && (!Number.isFinite(raw) || !Number.isInteger(raw))) {
      return { ok: false, error: workbenchError('ID_PRECISION_LOST') };
    }
    text = BigInt(raw).toString();
    if (text.length > 15) return { ok: false, error: workbenchError('ID_PRECISION_LOST') };
  } else if (typeof raw === 'string') {
    text = normaliseText(raw).toUpperCase();
  } else {
    return { ok: false, error: workbenchError('ID_FORMAT') };
  }
  if (text === '') return { ok: false, error: workbenchError('ID_MISSING') };
  // "1.30324E+17" is how a number-formatted ID cell reads once exported as text.
  if (/^\d(\.\d+)?E\+?\d+$/.test(text)) return { ok: false, error: workbenchError('ID_PRECISION_LOST') };
  if (/^\d{15}$/.test(text)) {
    return {
      ok: false,
      error: workbenchError('ID_FORMAT', { hint: `；这是15位的第一代号码，对应的18位号码是 ${convertFirstGeneration(text)}` }),
    };
  }
  if (!/^\d{17}[\dX]$/.test(text)) return { ok: false, error: workbenchError('ID_FORMAT') };
  if (!isRealPastDate(text.slice(6, 14), today)) return { ok: false, error: workbenchError('ID_BIRTHDATE') };
  if (checkCharacter(text.slice(0, 17)) !== text[17]) return { ok: false, error: workbenchError('ID_CHECKSUM') };
  return { ok: true, value: text };
}

/** Birth date as YYYY-MM-DD, from a valid 18-digit number. */
export function birthDateOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export type Sex = '男' | '女';

/** The 17th digit is odd for men, even for women. */
export function sexOf(id: string): Sex {
  return Number(id[16]) % 2 === 1 ? '男' : '女';
}

/** Age in whole years on a date (YYYY-MM-DD); a birthday on that day counts. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** 130324********123X: the address code and the last four stay visible. */
export function maskIdNumber(id: string): string {
  if (id.length !== 18) return id;
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}
