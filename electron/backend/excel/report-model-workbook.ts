// Renders a report model (shared/domain/report-r4.ts) to an .xlsx that opens well in Excel, WPS and
// LibreOffice: 宋体, borders, #,##0.00 money, IDs and cards as text, frozen header, A4 landscape fit to
// width, header rows repeated on every printed page. Strings are written as strings: never formulas.
import ExcelJS from 'exceljs';
import type { ReportModel, ReportSheet } from '../../../shared/domain/report-r4';

const FONT = { name: '宋体', size: 10 };
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const MONEY_FORMAT = '#,##0.00';

function renderSheet(workbook: ExcelJS.Workbook, model: ReportSheet): void {
  const width = model.columns.length;
  const hasTitle = model.title !== '';
  const headerRow = hasTitle ? 3 : 1;
  const sheet = workbook.addWorksheet(model.name, {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      printTitlesRow: `1:${headerRow}`, horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  sheet.columns = model.columns.map((c) => ({ width: c.width, style: { font: FONT, ...(c.kind === 'text' ? { numFmt: '@' } : {}) } }));

  if (hasTitle) {
    sheet.mergeCells(1, 1, 1, width);
    const title = sheet.getCell(1, 1);
    title.value = model.title;
    title.font = { name: '宋体', size: 16, bold: true };
    title.alignment = { horizontal: 'center', vertical: 'middle' };
    sheet.getRow(1).height = 28;
    sheet.mergeCells(2, 1, 2, width);
    const subtitle = sheet.getCell(2, 1);
    subtitle.value = model.subtitle;
    subtitle.font = FONT;
  }

  const header = sheet.getRow(headerRow);
  model.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });

  const writeRow = (values: readonly (string | number | null)[], bold: boolean) => {
    const row = sheet.addRow(values.map((v, i) => (v !== null && model.columns[i]!.kind === 'money' ? (v as number) / 100 : v)));
    model.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (hasTitle) cell.border = BORDER;
      if (c.kind === 'money') cell.numFmt = MONEY_FORMAT;
      if (bold) cell.font = { ...FONT, bold: true };
    });
  };
  for (const values of model.rows) writeRow(values, false);
  if (model.totalRow) writeRow(model.totalRow, true);

  for (const note of model.notes) {
    const row = sheet.addRow([note]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.height = 22;
    row.getCell(1).alignment = { vertical: 'middle' };
  }
}

export async function renderReport(model: ReportModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '县级就业帮扶工作台';
  for (const sheet of model.sheets) renderSheet(workbook, sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
