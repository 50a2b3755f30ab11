// The bank's batch-payment file: one plain sheet, a header row and one row per transfer — no title or
// totals rows, which a bank's import would take for data. Card numbers as text; amounts in yuan, 2 decimals.
import ExcelJS from 'exceljs';
import type { BankTransfer } from '../../../shared/domain/reports/r4-payroll';

export async function bankListWorkbook(transfers: readonly BankTransfer[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '县级就业帮扶工作台';
  const sheet = workbook.addWorksheet('代发清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '姓名', width: 10, style: { font: { name: '宋体', size: 10 } } },
    { header: '卡号', width: 24, style: { font: { name: '宋体', size: 10 }, numFmt: '@' } },
    { header: '金额', width: 12, style: { font: { name: '宋体', size: 10 }, numFmt: '0.00' } },
  ];
  for (const t of transfers) sheet.addRow([t.name, t.cardNumber, t.amountFen / 100]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
