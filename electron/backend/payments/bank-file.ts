// Writes a payment batch's bank file in the county's template: xlsx (every text cell a text cell, money as
// numbers with two decimals) or csv / txt encoded UTF-8 with BOM or GBK (iconv-lite: many rural banks'
// batch systems read only GBK). The template lives in the database (meta), set under 设置.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { getMeta, setMeta } from '../db/database';
import { bankTemplateSchema } from '../../../shared/contract/payments';
import { DEFAULT_BANK_TEMPLATE, delimitedText, templateProblems, type BankCell, type BankFileModel, type BankFileTemplate } from '../../../shared/domain/bank-file';
import { WorkbenchFailure } from '../failure';

const TEMPLATE_KEY = 'bank_file_template';

export async function readBankTemplate(db: Kysely<Database>): Promise<BankFileTemplate> {
  const stored = await getMeta(db, TEMPLATE_KEY);
  if (!stored) return DEFAULT_BANK_TEMPLATE;
  const parsed = bankTemplateSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : DEFAULT_BANK_TEMPLATE;
}

export async function saveBankTemplate(db: Kysely<Database>, template: BankFileTemplate): Promise<void> {
  const problems = templateProblems(template);
  if (problems.length > 0) throw new WorkbenchFailure('BANK_TEMPLATE_INVALID', { detail: problems.join('；') });
  await setMeta(db, TEMPLATE_KEY, JSON.stringify(template));
}

export const bankFileExtension = (t: BankFileTemplate): string => t.format;

function encode(text: string, encoding: BankFileTemplate['encoding']): Buffer {
  return encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

const FONT = { name: '宋体', size: 10 };
const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;

function setCell(cell: ExcelJS.Cell, value: BankCell): void {
  if ('text' in value) { cell.value = value.text; cell.numFmt = '@'; return; }
  if ('yuanFen' in value) { cell.value = value.yuanFen / 100; cell.numFmt = '0.00'; return; }
  cell.value = 'fen' in value ? value.fen : value.count;
  cell.numFmt = '0';
}

async function xlsxFile(model: BankFileModel, template: BankFileTemplate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '县级就业帮扶工作台';
  const sheet = workbook.addWorksheet('代发清单', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const widths: Record<string, number> = { seq: 6, name: 10, idNumber: 21, cardNumber: 23, amount: 12, amountFen: 12, remark: 52, township: 10, village: 12, month: 10, batchNo: 12 };
  sheet.columns = template.columns.map((c) => ({ width: widths[c.field] ?? 12 }));
  const n = template.columns.length;
  let headerRows = 0;
  if (model.title !== null) {
    const row = sheet.addRow([model.title]);
    sheet.mergeCells(row.number, 1, row.number, n);
    row.getCell(1).font = { ...FONT, size: 14, bold: true };
    row.getCell(1).alignment = { horizontal: 'center' };
    row.height = 24;
    headerRows += 1;
  }
  if (model.header) {
    const row = sheet.addRow(model.header);
    row.eachCell((cell) => { cell.font = { ...FONT, bold: true }; cell.border = border; cell.alignment = { horizontal: 'center' }; cell.numFmt = '@'; });
    headerRows += 1;
  }
  const body = (cells: BankCell[], bold = false) => {
    const row = sheet.addRow([]);
    cells.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      setCell(cell, value);
      cell.font = bold ? { ...FONT, bold: true } : FONT;
      cell.border = border;
    });
  };
  for (const cells of model.rows) body(cells);
  if (model.footer) body(model.footer, true);
  if (headerRows > 0) {
    sheet.views = [{ state: 'frozen', ySplit: headerRows }];
    sheet.pageSetup.printTitlesRow = `1:${headerRows}`;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The file's bytes in the template's format and encoding. */
export async function bankFileBytes(model: BankFileModel, template: BankFileTemplate): Promise<Buffer> {
  if (template.format === 'xlsx') return xlsxFile(model, template);
  return encode(delimitedText(model, template.separator), template.encoding);
}
