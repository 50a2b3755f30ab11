// CSV and TXT exports: the encoding found from the bytes (UTF-8 with or without BOM, UTF-16 with or without
// BOM as Excel's "Unicode text" saves, else GB18030 — the superset of the GBK that Chinese Windows and WPS
// write), the separator from the first records (comma, tab or semicolon), every cell kept as the text it
// is, so an ID number keeps all 18 characters. Excel's ="0123" trick for keeping text is undone.
import iconv from 'iconv-lite';
import { WorkbenchFailure } from '../../failure';
import type { CellValue } from '../../../../shared/domain/cell-values';
import type { SheetRowData } from '../../../../shared/domain/import-headers';
import { MAX_ROWS, type SheetData } from '../xlsx/sheet';
import type { Spreadsheet } from '../spreadsheet';

const SEPARATORS = [',', '\t', ';'] as const;
/** Records looked at to choose the separator. */
const SAMPLE_RECORDS = 64;

type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';

/** UTF-16 without a BOM: ASCII characters leave a zero byte on one side of most pairs. */
function utf16WithoutBom(bytes: Buffer): 'utf16le' | 'utf16be' | null {
  const pairs = Math.min(bytes.length, 4096) >> 1;
  if (pairs < 2) return null;
  let evenZeros = 0, oddZeros = 0;
  for (let i = 0; i < pairs; i++) { if (bytes[2 * i] === 0) evenZeros++; if (bytes[2 * i + 1] === 0) oddZeros++; }
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf16be';
  return null;
}

export function detectEncoding(bytes: Buffer): { encoding: Encoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf16be', bom: 2 };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { encoding: utf16, bom: 0 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf8', bom: 0 };
  } catch {
    return { encoding: 'gb18030', bom: 0 };
  }
}

export function decodeText(bytes: Buffer): string {
  const { encoding, bom } = detectEncoding(bytes);
  const body = bytes.subarray(bom);
  if (encoding === 'utf8') return body.toString('utf8');
  if (encoding === 'utf16le') return body.subarray(0, body.length - (body.length % 2)).toString('utf16le');
  return iconv.decode(body, encoding === 'utf16be' ? 'utf16-be' : 'gb18030');
}

/** Text a township would export (not a binary file, not an HTML page or an XML spreadsheet saved as .xls). */
export function looksLikeText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  const head = decodeText(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  const trimmed = head.trimStart();
  if (trimmed.startsWith('<')) return false;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code === 0 || code === 0xfffd || (code < 0x20 && code !== 9 && code !== 10 && code !== 13 && code !== 12)) control++;
  }
  return control <= head.length * 0.01 && /[,\t;\r\n]/.test(head);
}

/** Splits CSV text into records (RFC 4180 quoting, "" inside quotes, any line ending); limit stops early. */
export function parseRecords(text: string, separator: string, limit = Infinity): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  const sep = separator.charCodeAt(0);
  const endRecord = () => { record.push(field); records.push(record); record = []; field = ''; };
  while (i < n && records.length < limit) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      // A plain run up to the next quote, copied at once.
      const next = text.indexOf('"', i);
      const end = next < 0 ? n : next;
      field += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === 34 && field === '') { quoted = true; i++; continue; }
    if (c === sep) { record.push(field); field = ''; i++; continue; }
    if (c === 10 || c === 13) {
      endRecord();
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      continue;
    }
    let end = i + 1;
    while (end < n) {
      const d = text.charCodeAt(end);
      if (d === sep || d === 10 || d === 13) break;
      end++;
    }
    field += text.slice(i, end);
    i = end;
  }
  if ((field !== '' || record.length > 0) && records.length < limit) endRecord();
  return records;
}

/** The separator whose records agree most on a field count of two or more. */
export function detectSeparator(text: string): string {
  let best: string = SEPARATORS[0];
  let bestScore = -1;
  for (const separator of SEPARATORS) {
    const counts = new Map<number, number>();
    for (const record of parseRecords(text, separator, SAMPLE_RECORDS)) {
      const filled = record.length;
      if (filled >= 2) counts.set(filled, (counts.get(filled) ?? 0) + 1);
    }
    const score = Math.max(0, ...counts.values());
    if (score > bestScore) { best = separator; bestScore = score; }
  }
  return best;
}

function cellOf(text: string): CellValue {
  // ="0130…" is how a spreadsheet is told to keep digits as text in a CSV.
  const kept = /^="(.*)"$/s.exec(text);
  const value = kept ? kept[1]! : text;
  return value.trim() === '' ? undefined : value;
}

export function openCsv(bytes: Buffer, fileName: string): Spreadsheet {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  const separator = detectSeparator(text);
  const name = fileName.replace(/\.[^.]*$/, '').slice(0, 31) || 'CSV';
  let data: SheetData | null = null;
  const readAll = (): SheetData => {
    if (data) return data;
    const rows: SheetRowData[] = [];
    parseRecords(text, separator).forEach((record, index) => {
      const cells = record.map(cellOf);
      while (cells.length > 0 && cells[cells.length - 1] === undefined) cells.pop();
      if (cells.length === 0) return;
      rows.push({ row: index + 1, cells });
      if (rows.length > MAX_ROWS) throw new WorkbenchFailure('TOO_MANY_ROWS', { sheet: name });
    });
    data = { rows, merges: [], truncated: false };
    return data;
  };
  return {
    format: 'csv',
    sheets: [{ name, hidden: false }],
    date1904: false,
    read: async (_sheet, options) => {
      const all = readAll();
      const limit = options?.maxRows ?? Infinity;
      return all.rows.length > limit ? { rows: all.rows.slice(0, limit), merges: [], truncated: true } : all;
    },
  };
}
