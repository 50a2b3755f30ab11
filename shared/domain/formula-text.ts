// A text cell of a CSV/TXT file that a spreadsheet would run as a formula (= + - @, or a tab/CR before
// them) is written with a leading apostrophe, so Excel and WPS show it as text (OWASP "CSV injection").
// Pure and tiny on purpose: the one place this rule lives for delimited files (xlsx cells are typed strings).
const FORMULA_START = /^[=+\-@\t\r]/;

export function formulaSafeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
