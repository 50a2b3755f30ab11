// Export of the people grid's current view: a plain, well-formatted workbook with IDs and cards as text.
// exceljs writes every JS string as a string cell, so text starting with = + - @ stays text (SPEC §8).
import ExcelJS from 'exceljs';
import type { PersonView } from '../../../shared/contract/schemas';

export const PEOPLE_EXPORT_COLUMNS: { header: string; width: number; value: (p: PersonView) => string | number }[] = [
  { header: '序号', width: 7, value: () => 0 },
  { header: '乡镇', width: 12, value: (p) => p.townshipName },
  { header: '村', width: 14, value: (p) => p.villageName },
  { header: '姓名', width: 10, value: (p) => p.name },
  { header: '身份证号', width: 22, value: (p) => p.idNumber },
  { header: '性别', width: 6, value: (p) => p.sex },
  { header: '出生日期', width: 12, value: (p) => p.birthDate },
  { header: '户编号', width: 18, value: (p) => p.householdNo },
  { header: '与户主关系', width: 10, value: (p) => p.relation },
  { header: '人员类别', width: 14, value: (p) => p.category },
  { header: '劳动能力', width: 16, value: (p) => p.labourAbility },
  { header: '联系电话', width: 14, value: (p) => p.phone },
  { header: '社保卡号', width: 22, value: (p) => p.cardNumber },
  { header: '开户银行', width: 18, value: (p) => p.bank },
  { header: '备注', width: 20, value: (p) => p.remark },
];

export async function peopleWorkbook(people: PersonView[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '县级就业帮扶工作台';
  const sheet = workbook.addWorksheet('人员台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = PEOPLE_EXPORT_COLUMNS.map((c) => ({ width: c.width }));
  sheet.mergeCells(1, 1, 1, PEOPLE_EXPORT_COLUMNS.length);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { name: '宋体', size: 16, bold: true };
  titleCell.alignment = { horizontal: 'center' };
  const header = sheet.getRow(2);
  PEOPLE_EXPORT_COLUMNS.forEach((c, i) => { header.getCell(i + 1).value = c.header; });
  header.font = { name: '宋体', bold: true };
  people.forEach((person, index) => {
    const row = sheet.addRow(PEOPLE_EXPORT_COLUMNS.map((c, i) => (i === 0 ? index + 1 : c.value(person))));
    row.font = { name: '宋体' };
  });
  // ID and card columns as text so Excel never turns them into 1.30324E+17.
  for (const col of [5, 13]) sheet.getColumn(col).numFmt = '@';
  sheet.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
