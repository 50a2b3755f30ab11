// Renders any report model (shared/domain/reports/report-model.ts) as a formatted workbook the city accepts
// and that opens the same in Excel, WPS and LibreOffice (SPEC §5): merged title, 填报单位 and period line,
// a one- or two-row header, bordered rows with subtotal and total rows in bold, the signature footer, 宋体,
// #,##0.00 money, ID numbers as text, frozen header, A4 landscape fitted to the page width with the header
// repeated on every printed page. exceljs writes JS strings as strings, so = + - @ stay text (SPEC §8).
import ExcelJS from 'exceljs';
import { hasGroupedHeader, type CellValue, type ReportColumn, type ReportModel, type ReportSheet } from '../../../shared/domain/reports/report-model';

const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };

const NUMBER_FORMATS: Record<ReportColumn['kind'], string> = {
  index: '0', text: '@', integer: '#,##0', money: '#,##0.00', percent: '0.00%', date: '@',
};

function cellValue(column: ReportColumn, value: CellValue): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  if (column.kind === 'money' && typeof value === 'number') return value / 100; // fen → yuan at the edge
  if ((column.kind === 'text' || column.kind === 'date') && typeof value === 'number') return String(value);
  return value;
}

/** Writes the header (one row, or two when columns are grouped); returns the last header row. */
function writeHeader(sheet: ExcelJS.Worksheet, columns: readonly ReportColumn[], firstRow: number): number {
  const twoRows = hasGroupedHeader(columns);
  const lastRow = twoRows ? firstRow + 1 : firstRow;
  let c = 0;
  while (c < columns.length) {
    const column = columns[c]!;
    if (twoRows && column.group) {
      let end = c;
      while (end + 1 < columns.length && columns[end + 1]!.group === column.group) end += 1;
      sheet.getCell(firstRow, c + 1).value = column.group;
      if (end > c) sheet.mergeCells(firstRow, c + 1, firstRow, end + 1);
      for (let k = c; k <= end; k++) sheet.getCell(lastRow, k + 1).value = columns[k]!.header;
      c = end + 1;
    } else {
      sheet.getCell(firstRow, c + 1).value = column.header;
      if (twoRows) sheet.mergeCells(firstRow, c + 1, lastRow, c + 1);
      c += 1;
    }
  }
  for (let r = firstRow; r <= lastRow; r++) {
    const row = sheet.getRow(r);
    row.height = 30;
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

/** Spreads label/value pairs over the width in equal merged segments. */
function writeSpread(sheet: ExcelJS.Worksheet, rowNumber: number, columnCount: number, parts: readonly string[]): void {
  const segment = Math.max(1, Math.floor(columnCount / parts.length));
  parts.forEach((text, i) => {
    const from = i * segment + 1;
    const to = i === parts.length - 1 ? columnCount : Math.min(columnCount, from + segment - 1);
    const cell = sheet.getCell(rowNumber, from);
    cell.value = text;
    cell.font = { name: FONT, size: 10 };
    cell.alignment = { horizontal: i === parts.length - 1 && parts.length > 1 ? 'right' : 'left', vertical: 'middle' };
    if (to > from) sheet.mergeCells(rowNumber, from, rowNumber, to);
  });
}

function writeSheet(workbook: ExcelJS.Workbook, model: ReportSheet): void {
  const columns = model.columns;
  const count = columns.length;
  const sheet = workbook.addWorksheet(model.name);
  sheet.columns = columns.map((c) => ({ width: c.width }));

  sheet.mergeCells(1, 1, 1, count);
  const title = sheet.getCell(1, 1);
  title.value = model.title;
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 32;

  writeSpread(sheet, 2, count, [`填报单位：${model.unit}`, `报告期：${model.period}`]);
  const headerEnd = writeHeader(sheet, columns, 3);

  // One style object per column and weight, shared by every cell that uses it: exceljs's writer caches
  // styles by object, so 40,000 cells cost a handful of style lookups instead of one each.
  const styleOf = (bold: boolean) => columns.map((column): Partial<ExcelJS.Style> => ({
    numFmt: NUMBER_FORMATS[column.kind],
    font: { name: FONT, size: 10, bold },
    border: THIN,
    alignment: { vertical: 'middle', horizontal: column.kind === 'money' || column.kind === 'percent' ? 'right' : column.kind === 'index' || column.kind === 'integer' ? 'center' : 'left' },
  }));
  const plainStyles = styleOf(false);
  const boldStyles = styleOf(true);
  let rowNumber = headerEnd;
  for (const reportRow of model.rows) {
    rowNumber += 1;
    const row = sheet.getRow(rowNumber);
    const styles = reportRow.kind === 'data' ? plainStyles : boldStyles;
    columns.forEach((column, k) => {
      const cell = row.getCell(k + 1);
      cell.value = cellValue(column, reportRow.cells[k] ?? null);
      cell.style = styles[k]!;
    });
  }

  rowNumber += 2;
  writeSpread(sheet, rowNumber, count, model.footer.map((f) => `${f.label}：${f.value}`));
  for (const note of model.notes) {
    rowNumber += 1;
    sheet.mergeCells(rowNumber, 1, rowNumber, count);
    const cell = sheet.getCell(rowNumber, 1);
    cell.value = note;
    cell.font = { name: FONT, size: 10 };
    cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  }

  sheet.views = [{ state: 'frozen', ySplit: headerEnd, xSplit: 0 }];
  sheet.pageSetup = {
    paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
    printTitlesRow: `3:${headerEnd}`, horizontalCentered: true,
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
