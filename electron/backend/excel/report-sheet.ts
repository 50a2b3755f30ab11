// Renders a report model (shared/domain/report-model.ts) as a formatted workbook (SPEC §5): merged title,
// 填报单位 and period line, one- or two-row grouped header, township rows, bold county total row, notes and
// the 负责人/填报人/联系电话/填报日期 footer; 宋体, borders, frozen header, A4 landscape fitted to width,
// header rows repeated on every printed page.
import ExcelJS from 'exceljs';
import type { ReportCell, ReportColumn, ReportSheetModel } from '../../../shared/domain/report-model';

const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};

const NUMBER_FORMATS: Record<ReportColumn['format'], string | undefined> = {
  text: '@', integer: '#,##0', money: '#,##0.00', percent: '0.00%',
};

/** The value Excel stores: money in yuan, percent as a fraction; text stays text (never a formula). */
function excelValue(cell: ReportCell, column: ReportColumn): ExcelJS.CellValue {
  if (cell === null) return null;
  if (typeof cell === 'string') return cell;
  if (column.format === 'money') return cell / 100;
  if (column.format === 'percent') return cell / 10000;
  return cell;
}

function addSheet(workbook: ExcelJS.Workbook, model: ReportSheetModel, fillDate: string): void {
  const columns = model.columns;
  const width = columns.length;
  const grouped = columns.some((c) => c.group);
  const headerRows = grouped ? 2 : 1;
  const headerTop = 3;
  const firstData = headerTop + headerRows;
  const sheet = workbook.addWorksheet(model.sheetName, { views: [{ state: 'frozen', ySplit: firstData - 1, xSplit: 2 }] });
  sheet.columns = columns.map((c) => ({ width: c.width }));

  sheet.mergeCells(1, 1, 1, width);
  const title = sheet.getCell(1, 1);
  title.value = model.title;
  title.font = { name: FONT, size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 32;

  const half = Math.max(1, Math.floor(width / 2));
  sheet.mergeCells(2, 1, 2, half);
  sheet.getCell(2, 1).value = `填报单位：${model.unit}`;
  sheet.mergeCells(2, half + 1, 2, width);
  sheet.getCell(2, half + 1).value = `报告期：${model.period}`;
  sheet.getCell(2, half + 1).alignment = { horizontal: 'right' };
  sheet.getRow(2).font = { name: FONT, size: 11 };

  // Header: a group spans its columns on the first header row; an ungrouped column spans both rows.
  for (let i = 0; i < width; i++) {
    const column = columns[i]!;
    if (!grouped) { sheet.getCell(headerTop, i + 1).value = column.header; continue; }
    if (!column.group) {
      sheet.mergeCells(headerTop, i + 1, headerTop + 1, i + 1);
      sheet.getCell(headerTop, i + 1).value = column.header;
      continue;
    }
    if (i === 0 || columns[i - 1]!.group !== column.group) {
      let end = i;
      while (end + 1 < width && columns[end + 1]!.group === column.group) end += 1;
      if (end > i) sheet.mergeCells(headerTop, i + 1, headerTop, end + 1);
      sheet.getCell(headerTop, i + 1).value = column.group;
    }
    sheet.getCell(headerTop + 1, i + 1).value = column.header;
  }
  for (let r = headerTop; r < firstData; r++) {
    const row = sheet.getRow(r);
    row.height = 30;
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.font = { name: FONT, size: 10, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
    }
  }

  const writeRow = (rowNumber: number, cells: ReportCell[], bold: boolean) => {
    const row = sheet.getRow(rowNumber);
    cells.forEach((value, i) => {
      const column = columns[i]!;
      const cell = row.getCell(i + 1);
      cell.value = excelValue(value, column);
      cell.font = { name: FONT, size: 10, bold };
      cell.border = THIN;
      const format = NUMBER_FORMATS[column.format];
      if (format && column.format !== 'text') cell.numFmt = format;
      cell.alignment = { horizontal: column.format === 'text' ? 'center' : 'right', vertical: 'middle' };
    });
  };
  model.rows.forEach((cells, i) => writeRow(firstData + i, cells, false));
  const totalRow = firstData + model.rows.length;
  writeRow(totalRow, model.total, true);
  sheet.getCell(totalRow, 1).alignment = { horizontal: 'center' };

  let next = totalRow + 1;
  for (const note of model.notes) {
    sheet.mergeCells(next, 1, next, width);
    const cell = sheet.getCell(next, 1);
    cell.value = note;
    cell.font = { name: FONT, size: 9 };
    cell.alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(next).height = 18;
    next += 1;
  }
  next += 1;
  const quarter = Math.max(1, Math.floor(width / 4));
  const footer = ['负责人：', '填报人：', '联系电话：', `填报日期：${fillDate}`];
  footer.forEach((label, i) => {
    const from = 1 + i * quarter;
    const to = i === 3 ? width : from + quarter - 1;
    if (to > from) sheet.mergeCells(next, from, next, to);
    const cell = sheet.getCell(next, from);
    cell.value = label;
    cell.font = { name: FONT, size: 11 };
  });

  sheet.pageSetup = {
    paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
    printTitlesRow: `${headerTop}:${firstData - 1}`, horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

export async function renderReportWorkbook(sheets: readonly ReportSheetModel[], fillDate: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '县级就业帮扶工作台';
  for (const model of sheets) addSheet(workbook, model, fillDate);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
