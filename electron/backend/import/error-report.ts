// 错误报告: a workbook that mirrors the township's sheet — its title and header rows as they were, the
// same columns in the same order — holding only the rejected rows, each bad cell filled red with a comment,
// and a 错误说明 column, so the township can correct it and send it back.
import ExcelJS from 'exceljs';
import { isExcelDate, excelSerialToIso, type CellValue } from '../../../shared/domain/cell-values';
import type { Analysis, ImportIssue } from './analyse';

const RED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const RED_FONT: Partial<ExcelJS.Font> = { name: '宋体', color: { argb: 'FF9C0006' } };

function cellFor(value: CellValue): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (isExcelDate(value)) {
    const iso = excelSerialToIso(value.serial, value.date1904);
    return iso ? new Date(`${iso}T00:00:00Z`) : value.serial;
  }
  // exceljs writes every string as a string cell: "=…" from a township file stays text, never a formula.
  return value;
}

export function errorReportFileName(fileName: string): string {
  return `${fileName.replace(/\.[^.]*$/, '')}_错误报告.xlsx`;
}

export async function errorWorkbook(analysis: Analysis): Promise<Buffer> {
  const { header, data, columns, errors } = analysis;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '县级就业帮扶工作台';
  const sheet = workbook.addWorksheet(analysis.sheet.name.slice(0, 31) || '错误报告', { views: [{ state: 'frozen', ySplit: header.lastRow }] });
  const width = Math.max(columns.reduce((n, c) => Math.max(n, c.index + 1), 0), ...data.rows.filter((r) => r.row <= header.lastRow).map((r) => r.cells.length));
  const explainColumn = width + 1;

  // Title and header rows exactly where they were, with their merged ranges.
  for (const r of data.rows) {
    if (r.row > header.lastRow) break;
    const row = sheet.getRow(r.row);
    r.cells.forEach((value, i) => { if (value !== undefined) row.getCell(i + 1).value = cellFor(value); });
    row.font = { name: '宋体', bold: r.row >= header.firstRow };
  }
  for (const m of data.merges) {
    if (m.bottom <= header.lastRow) { try { sheet.mergeCells(m.top, m.left, m.bottom, m.right); } catch { /* overlapping ranges in the source: keep the cells */ } }
  }
  const explainHeader = sheet.getCell(header.firstRow, explainColumn);
  explainHeader.value = '错误说明';
  explainHeader.font = { name: '宋体', bold: true, color: { argb: 'FF9C0006' } };
  if (header.lastRow > header.firstRow) sheet.mergeCells(header.firstRow, explainColumn, header.lastRow, explainColumn);

  const byRow = new Map<number, ImportIssue[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const columnByLetter = new Map(columns.map((c) => [c.letter, c.index]));
  // The rejected rows' cells as the sheet has them (unmapped columns too): the analysis keeps only the
  // mapped fields of each row, so the sheet is read again.
  const cellsByRow = new Map((await analysis.workbook.read(analysis.sheet)).rows.filter((r) => byRow.has(r.row)).map((r) => [r.row, r.cells]));
  let target = header.lastRow + 1;
  for (const [rowNumber, issues] of [...byRow.entries()].sort((a, b) => a[0] - b[0])) {
    const cells = cellsByRow.get(rowNumber) ?? [];
    const row = sheet.getRow(target);
    cells.forEach((value, i) => {
      if (value === undefined) return;
      const cell = row.getCell(i + 1);
      cell.value = cellFor(value);
      if (isExcelDate(value)) cell.numFmt = 'yyyy-mm-dd';
    });
    row.font = { name: '宋体' };
    for (const issue of issues) {
      const index = columnByLetter.get(issue.column);
      if (index === undefined) continue;
      const cell = row.getCell(index + 1);
      cell.fill = RED_FILL;
      cell.font = RED_FONT;
      const previous = typeof cell.note === 'string' ? `${cell.note}\n` : '';
      cell.note = `${previous}${issue.message}`;
    }
    const explain = row.getCell(explainColumn);
    explain.value = `原第${rowNumber}行：${issues.map((i) => (i.header ? `【${i.header}】${i.message}` : i.message)).join('；')}`;
    explain.font = RED_FONT;
    explain.alignment = { wrapText: true, vertical: 'top' };
    target += 1;
  }

  // Keep long digit strings as text if the township types over them (ID and card columns).
  for (const c of columns) {
    if (c.field === 'idNumber' || c.field === 'cardNumber' || c.field === 'phone') sheet.getColumn(c.index + 1).numFmt = '@';
    sheet.getColumn(c.index + 1).width = Math.min(40, Math.max(8, c.header.length * 2 + 2, c.field === 'idNumber' ? 22 : 0));
  }
  sheet.getColumn(explainColumn).width = 60;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
