// Text that a spreadsheet would run as a formula (=HYPERLINK(…), +cmd|…, -2+3, @SUM(1)) or that hides a
// line start (tab, carriage return). Stored as typed; written to xlsx as text cells (never formulas), and
// to CSV/TXT with a leading single quote, as OWASP recommends — one rule for every delimited file.

const FORMULA_START = /^[=+\-@\t\r]/;

/** Would Excel, WPS or LibreOffice treat this as the start of a formula if it opened a CSV holding it? */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** One CSV field: neutralised (leading ') and quoted when it holds the delimiter, a quote or a line break. */
export function csvField(value: string | number | null | undefined, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = startsLikeFormula(value) ? `'${value}` : value;
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line (without the line ending). */
export function csvLine(values: readonly (string | number | null | undefined)[], delimiter = ','): string {
  return values.map((v) => csvField(v, delimiter)).join(delimiter);
}
