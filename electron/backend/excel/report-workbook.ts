// The one visual standard of every report (issue 11), in one place: any report model
// (shared/domain/reports/report-model.ts) becomes a workbook that opens the same in Excel, WPS and
// LibreOffice (SPEC §5): merged title with the period, a line with 填报单位 · 报告期 · 单位, a one- or two-row
// header whose bracketed parts never break, bordered rows with subtotal and total rows in bold and their label
// in the same column, the full signature footer, 宋体, #,##0.00 money, counts as numbers, ID and card numbers
// as text, frozen header, A4 (landscape where wide) fitted to the page width, the header repeated on every
// printed page and page numbers. exceljs writes JS strings as strings, so = + - @ stay text (SPEC §8).
import ExcelJS from 'exceljs';
import { hasGroupedHeader, headerLines, infoLine, isWide, sheetTitle, textWidth, type CellValue, type ReportColumn, type ReportModel, type ReportSheet } from '../../../shared/domain/reports/report-model';

const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };

const NUMBER_FORMATS: Record<ReportColumn['kind'], string> = {
  index: '0', text: '@', integer: '#,##0', money: '#,##0.00', percent: '0.00%', date: '@',
};

/** A count on a subtotal or total row in a text column (姓名: 53人) stays a number, shown with 人. */
const COUNT_FORMAT = '#,##0"人"';

function cellValue(column: ReportColumn, value: CellValue): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  if (column.kind === 'money' && typeof value === 'number') return value / 100; // fen → yuan at the edge
  if ((column.kind === 'text' || column.kind === 'date') && typeof value === 'number') return String(value);
  return value;
}

/** Writes the header (one row, or two when columns are grouped); returns the last header row. */
function writeHeader(sheet: ExcelJS.Worksheet, columns: readonly ReportColumn[], widths: readonly number[], firstRow: number): number {
  const label = (text: string, width: number) => headerLines(text, width).lines.join('\n');
  const twoRows = hasGroupedHeader(columns);
  const lastRow = twoRows ? firstRow + 1 : firstRow;
  let c = 0;
  while (c < columns.length) {
    const column = columns[c]!;
    if (twoRows && column.group) {
      let end = c;
      while (end + 1 < columns.length && columns[end + 1]!.group === column.group) end += 1;
      sheet.getCell(firstRow, c + 1).value = label(column.group, widths.slice(c, end + 1).reduce((a, b) => a + b, 0));
      if (end > c) sheet.mergeCells(firstRow, c + 1, firstRow, end + 1);
      for (let k = c; k <= end; k++) sheet.getCell(lastRow, k + 1).value = label(columns[k]!.header, widths[k]!);
      c = end + 1;
    } else {
      sheet.getCell(firstRow, c + 1).value = label(column.header, widths[c]!);
      if (twoRows) sheet.mergeCells(firstRow, c + 1, lastRow, c + 1);
      c += 1;
    }
  }
  for (let r = firstRow; r <= lastRow; r++) {
    const row = sheet.getRow(r);
    row.height = twoRows ? 30 : 32;
    for (let k = 1; k <= columns.length; k++) {
      const cell = row.getCell(k);
      cell.font = { name: FONT, size: 10, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
      cell.fill = HEADER_FILL;
    }
  }
  return lastRow;
}

/**
 * Column ranges for texts laid over the width: each part gets the columns its text needs (the first from the
 * left, the last from the right, the others between), or null when they cannot all fit on one row.
 */
function segmentsFor(widths: readonly number[], parts: readonly string[]): [number, number][] | null {
  const need = parts.map((p) => textWidth(p) + 2);
  const segments: [number, number][] = [];
  let from = 0;
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    // The parts still to place each need at least one column.
    const maxTo = widths.length - (parts.length - i);
    let to = from;
    let width = widths[from] ?? 0;
    while (!last && width < need[i]! && to < maxTo) { to += 1; width += widths[to]!; }
    if (last) { to = widths.length - 1; width = widths.slice(from).reduce((a, b) => a + b, 0); }
    if (from > to || width < need[i]!) return null;
    segments.push([from, to]);
    from = to + 1;
  }
  return segments;
}

/** Lays texts over one row (or, when they do not fit, one row each), each in its merged range. */
function writeSpread(sheet: ExcelJS.Worksheet, rowNumber: number, widths: readonly number[], parts: readonly string[]): number {
  const segments = segmentsFor(widths, parts);
  if (!segments) {
    parts.forEach((text, i) => writeSpread(sheet, rowNumber + i, widths, [text]));
    return rowNumber + parts.length - 1;
  }
  parts.forEach((text, i) => {
    const [from, to] = segments[i]!;
    const cell = sheet.getCell(rowNumber, from + 1);
    cell.value = text;
    cell.font = { name: FONT, size: 10 };
    const last = i === parts.length - 1 && parts.length > 1;
    cell.alignment = { horizontal: i === 0 ? 'left' : last ? 'right' : 'center', vertical: 'middle' };
    if (to > from) sheet.mergeCells(rowNumber, from + 1, rowNumber, to + 1);
  });
  return rowNumber;
}

/** The footer over the width: one line where it fits, else the names on one line and phone and date on the next. */
function writeFooter(sheet: ExcelJS.Worksheet, rowNumber: number, widths: readonly number[], parts: readonly string[]): number {
  if (segmentsFor(widths, parts)) return writeSpread(sheet, rowNumber, widths, parts);
  const next = writeSpread(sheet, rowNumber, widths, parts.slice(0, 3));
  return writeSpread(sheet, next + 1, widths, parts.slice(3));
}

function writeSheet(workbook: ExcelJS.Workbook, model: ReportSheet): void {
  const columns = model.columns;
  const count = columns.length;
  const sheet = workbook.addWorksheet(model.name);
  const widths = columns.map((c) => headerLines(c.header, c.width).width);
  sheet.columns = widths.map((width) => ({ width }));

  sheet.mergeCells(1, 1, 1, count);
  const title = sheet.getCell(1, 1);
  title.value = sheetTitle(model);
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  sheet.getRow(1).height = 32;

  const infoEnd = writeSpread(sheet, 2, widths, infoLine(model));
  const headerStart = infoEnd + 1;
  const headerEnd = writeHeader(sheet, columns, widths, headerStart);

  // One style object per column and weight, shared by every cell that uses it: exceljs's writer caches
  // styles by object, so 40,000 cells cost a handful of style lookups instead of one each.
  const align = (kind: ReportColumn['kind']) => (kind === 'money' || kind === 'percent' ? 'right' : kind === 'index' || kind === 'integer' ? 'center' : 'left');
  const styleOf = (bold: boolean) => columns.map((column): Partial<ExcelJS.Style> => ({
    numFmt: NUMBER_FORMATS[column.kind],
    font: { name: FONT, size: 10, bold },
    border: THIN,
    alignment: { vertical: 'middle', horizontal: align(column.kind), wrapText: column.kind === 'text' },
  }));
  const plainStyles = styleOf(false);
  const boldStyles = styleOf(true);
  const countStyle: Partial<ExcelJS.Style> = { numFmt: COUNT_FORMAT, font: { name: FONT, size: 10, bold: true }, border: THIN, alignment: { vertical: 'middle', horizontal: 'center' } };
  let rowNumber = headerEnd;
  for (const reportRow of model.rows) {
    rowNumber += 1;
    const row = sheet.getRow(rowNumber);
    const styles = reportRow.kind === 'data' ? plainStyles : boldStyles;
    columns.forEach((column, k) => {
      const cell = row.getCell(k + 1);
      const value = reportRow.cells[k] ?? null;
      const isCount = reportRow.kind !== 'data' && column.kind === 'text' && typeof value === 'number';
      cell.value = isCount ? value : cellValue(column, value);
      cell.style = isCount ? countStyle : styles[k]!;
    });
  }

  rowNumber = writeFooter(sheet, rowNumber + 2, widths, model.footer.map((f) => `${f.label}：${f.value || '\u3000'.repeat(4)}`));
  for (const note of model.notes) {
    rowNumber += 1;
    sheet.mergeCells(rowNumber, 1, rowNumber, count);
    const cell = sheet.getCell(rowNumber, 1);
    cell.value = note;
    cell.font = { name: FONT, size: 10 };
    cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    // A merged cell does not grow with its text: give a long note the lines it needs.
    const perLine = Math.max(20, widths.reduce((a, b) => a + b, 0) - 4);
    sheet.getRow(rowNumber).height = 15 * Math.max(1, Math.ceil(note.length * 2 / perLine));
  }

  sheet.views = [{ state: 'frozen', ySplit: headerEnd, xSplit: 0 }];
  sheet.pageSetup = {
    paperSize: 9, orientation: isWide(columns) ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
    printTitlesRow: `${headerStart}:${headerEnd}`, horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

export async function renderReportWorkbook(model: ReportModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '县级就业帮扶工作台';
  for (const sheet of model.sheets) writeSheet(workbook, sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
