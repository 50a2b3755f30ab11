// A block of cells as Excel and WPS put it on the clipboard: rows separated by newlines, cells by tabs,
// a cell holding a tab, newline or quote wrapped in double quotes (quotes doubled). And back again.

/** "22\t20\r\n18\t0\r\n" → [['22','20'],['18','0']]; the trailing newline Excel adds makes no empty row. */
export function parseClipboardTable(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      // A quoted cell: read to the closing quote, "" being one quote.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') { value += '"'; j += 2; continue; }
          closed = true; j += 1; break;
        }
        value += text[j]; j += 1;
      }
      const next = text[j];
      if (closed && (next === undefined || next === '\t' || next === '\n' || next === '\r')) { cell = value; i = j; atCellStart = false; continue; }
      // Not a well-formed quoted cell: the quote is an ordinary character.
    }
    atCellStart = false;
    if (ch === '\t') { row.push(cell); cell = ''; atCellStart = true; i += 1; continue; }
    if (ch === '\r' || ch === '\n') {
      row.push(cell); rows.push(row); row = []; cell = ''; atCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    cell += ch; i += 1;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

/** [['张三','22']] → "张三\t22"; cells with a tab, newline or quote are quoted the way Excel reads them. */
export function clipboardTableText(rows: readonly (readonly string[])[]): string {
  const quote = (cell: string) => (/[\t\r\n"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((row) => row.map(quote).join('\t')).join('\r\n');
}
