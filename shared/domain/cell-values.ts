// Values read from township workbook cells: pure parsers that never throw and answer either a valid value
// or an error code. Dates in every spelling of SPEC §4 and as Excel serials (1900 and 1904 systems),
// numbers, full-width digits, closed lists, and long digit strings that Excel turned into numbers.
import { normaliseText } from './id-number';
import { workbenchError, type WorkbenchError } from './errors';

/** A number cell whose style is a date format; the workbook's date system travels with it. */
export interface ExcelDate { kind: 'date'; serial: number; date1904: boolean }
export type CellValue = string | number | boolean | ExcelDate | null | undefined;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: WorkbenchError };

export interface CellContext { date1904: boolean }

export function isExcelDate(value: unknown): value is ExcelDate {
  return typeof value === 'object' && value !== null && (value as ExcelDate).kind === 'date' && typeof (value as ExcelDate).serial === 'number';
}

export function isBlank(value: CellValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && normaliseText(value) === '');
}

/** The text a cell shows, for messages and the error workbook. */
export function displayText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (isExcelDate(value)) return excelSerialToIso(value.serial, value.date1904) ?? String(value.serial);
  return String(value);
}

const MAX_SERIAL = 2958465; // 9999-12-31

function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Excel serial day number → YYYY-MM-DD. 1900 system: serial 1 is 1900-01-01 and serial 60 is Lotus's
 * phantom 1900-02-29 (kept for compatibility, so from 61 on the epoch is 1899-12-30). 1904 system
 * (old Mac Excel, some WPS files): serial 0 is 1904-01-01. The time of day is dropped.
 */
export function excelSerialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_SERIAL) return null;
  const days = Math.floor(serial);
  let epoch: number;
  if (date1904) epoch = Date.UTC(1904, 0, 1);
  else if (days === 60) return null; // 1900-02-29 never existed
  else if (days === 0) return null;
  else epoch = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + days * 86_400_000);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Full-width digits and letters to ASCII, spaces dropped (the text a clerk meant). */
function compact(raw: string): string {
  return normaliseText(raw).replace(/[．。]/g, '.').replace(/[／]/g, '/').replace(/[－—–]/g, '-');
}

/** 2022-3-1, 2022/03/01, 2022.3.1, 2022年3月1日, 20220301, ISO with a time, or an Excel serial. */
export function parseDate(raw: CellValue, context: CellContext): Parsed<string> {
  const bad = (): Parsed<string> => ({ ok: false, error: workbenchError('BAD_DATE', { value: displayText(raw).slice(0, 40) }) });
  if (isExcelDate(raw)) {
    const iso = excelSerialToIso(raw.serial, raw.date1904);
    return iso ? { ok: true, value: iso } : bad();
  }
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 19000101 && raw <= 21001231) {
      const iso = isoDate(Math.floor(raw / 10000), Math.floor(raw / 100) % 100, raw % 100);
      return iso ? { ok: true, value: iso } : bad();
    }
    const iso = excelSerialToIso(raw, context.date1904);
    return iso && raw >= 1 ? { ok: true, value: iso } : bad();
  }
  if (typeof raw !== 'string') return bad();
  // The time part some exports add ("2022/3/1 0:00:00", "2022-03-01T00:00:00Z") says nothing about the day.
  const text = compact(raw.trim().replace(/(\d)[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '$1'));
  let match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!match) match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return bad();
  const iso = isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return iso ? { ok: true, value: iso } : bad();
}

/** A number as typed or stored: full-width digits, thousands separators and spaces are fine. */
export function parseNumber(raw: CellValue): Parsed<number> {
  const bad = (): Parsed<number> => ({ ok: false, error: workbenchError('BAD_NUMBER', { value: displayText(raw).slice(0, 40) }) });
  if (typeof raw === 'number') return Number.isFinite(raw) ? { ok: true, value: raw } : bad();
  if (typeof raw !== 'string') return bad();
  const text = compact(raw).replace(/[,，]/g, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return bad();
  const value = Number(text);
  return Number.isFinite(value) ? { ok: true, value } : bad();
}

/** One of a closed list; aliases map the words townships use to the standard term. */
export function parseEnum<T extends string>(raw: CellValue, allowed: readonly T[], aliases: Readonly<Record<string, T>> = {}): Parsed<T> {
  const text = typeof raw === 'string' || typeof raw === 'number' ? compact(String(raw)).replace(/[()（）]/g, '') : '';
  if ((allowed as readonly string[]).includes(text)) return { ok: true, value: text as T };
  const alias = Object.prototype.hasOwnProperty.call(aliases, text) ? aliases[text] : undefined;
  if (alias) return { ok: true, value: alias };
  return { ok: false, error: workbenchError('BAD_ENUM', { value: displayText(raw).slice(0, 40), allowed: allowed.join('/') }) };
}

/**
 * A cell meant as text (card and phone numbers, household numbers, remarks). A number cell with 16 or more
 * digits, or text like 6.23193E+18, lost its tail to Excel's 15 significant digits: DIGITS_LOST, never
 * repaired by guessing.
 */
export function parseText(raw: CellValue, column: string): Parsed<string> {
  if (raw === null || raw === undefined) return { ok: true, value: '' };
  if (isExcelDate(raw)) return { ok: true, value: displayText(raw) };
  if (typeof raw === 'boolean') return { ok: true, value: raw ? '是' : '否' };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, error: workbenchError('BAD_NUMBER', { value: String(raw) }) };
    if (Number.isInteger(raw) && Math.abs(raw) >= 1e15) return { ok: false, error: workbenchError('DIGITS_LOST', { column }) };
    return { ok: true, value: String(raw) };
  }
  // Most cells need neither: their ends are not blank or a quote, and they do not start with a digit and
  // hold an E (every text cell of every row is parsed here).
  const text = mayNeedTrimming(raw) ? raw.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '').replace(/^['‘’`]/, '') : raw;
  if (mayBeExponent(text) && /^\d(\.\d+)?E\+?\d+$/i.test(text)) return { ok: false, error: workbenchError('DIGITS_LOST', { column }) };
  return { ok: true, value: text };
}

/** A character \s matches (JavaScript's white space and line terminators). */
function isSpace(code: number): boolean {
  return code <= 0x20 ? code === 0x20 || (code >= 0x09 && code <= 0x0d)
    : code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
      || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Whether trimming (blanks at either end, a leading quote) could change the text. */
function mayNeedTrimming(text: string): boolean {
  if (text === '') return false;
  const first = text.charCodeAt(0);
  return isSpace(first) || isSpace(text.charCodeAt(text.length - 1)) || first === 0x27 || first === 0x2018 || first === 0x2019 || first === 0x60;
}

/** Whether the text could be a number in E notation (a digit first, an E in it). */
function mayBeExponent(text: string): boolean {
  const first = text.charCodeAt(0);
  return first >= 0x30 && first <= 0x39 && (text.includes('E') || text.includes('e'));
}
