// The file a payment batch goes to the bank in: the default sheet (序号, 姓名, 身份证号, 卡号, 金额, 备注, with
// the count and total at the foot) or the county's own template from 设置 (column order and names, title /
// header / foot rows, xlsx / csv / txt, separator, encoding). Pure: a model of rows and the delimited text;
// the engine writes xlsx and encodes (UTF-8 with BOM or GBK).
import { formatYuan } from './money';
import { csvLine } from './spreadsheet-text';

export const BANK_FIELDS = {
  seq: '序号', name: '姓名', idNumber: '身份证号', cardNumber: '卡号', amount: '金额', amountFen: '金额（分）', remark: '备注',
  township: '乡镇', village: '村', month: '所属月份', batchNo: '批次号',
} as const;
export type BankField = keyof typeof BANK_FIELDS;

export interface BankFileTemplate {
  format: 'xlsx' | 'csv' | 'txt';
  encoding: 'utf8-bom' | 'gbk';
  /** Between the cells of csv / txt. */
  separator: string;
  /** A title row naming the county, month and batch number above the header. */
  titleRow: boolean;
  /** The row of column names. */
  headerRow: boolean;
  /** The foot row with the count and total. */
  footerRow: boolean;
  columns: { field: BankField; title: string }[];
}

export const DEFAULT_BANK_TEMPLATE: BankFileTemplate = {
  format: 'xlsx', encoding: 'utf8-bom', separator: ',', titleRow: true, headerRow: true, footerRow: true,
  columns: (['seq', 'name', 'idNumber', 'cardNumber', 'amount', 'remark'] as const).map((field) => ({ field, title: BANK_FIELDS[field] })),
};

/** What a template is checked for before it is saved: a bank file without a card or an amount is useless. */
export function templateProblems(t: BankFileTemplate): string[] {
  const problems: string[] = [];
  const fields = t.columns.map((c) => c.field);
  if (!fields.includes('cardNumber')) problems.push('必须有“卡号”列');
  if (!fields.includes('amount') && !fields.includes('amountFen')) problems.push('必须有“金额”列');
  if (new Set(fields).size !== fields.length) problems.push('同一项不能出现两列');
  if (t.columns.some((c) => c.title.trim() === '')) problems.push('列名不能为空');
  if (t.format !== 'xlsx' && (t.separator === '' || /[\r\n"]/.test(t.separator))) problems.push('分隔符不能为空、换行或双引号');
  return problems;
}

export interface BankFileLine {
  seq: number; name: string; idNumber: string; cardNumber: string; amountFen: number; remark: string;
  townshipName: string; villageName: string; month: string;
}

export interface BankFileInfo { countyName: string; month: string; batchNo: string }

/** A cell: text (written as text everywhere) or money (yuan with two decimals, or whole fen) or a count. */
export type BankCell = { text: string } | { yuanFen: number } | { fen: number } | { count: number };

export interface BankFileModel {
  title: string | null;
  header: string[] | null;
  rows: BankCell[][];
  footer: BankCell[] | null;
  lines: number;
  totalFen: number;
}

function cellOf(field: BankField, line: BankFileLine, info: BankFileInfo): BankCell {
  switch (field) {
    case 'seq': return { count: line.seq };
    case 'name': return { text: line.name };
    case 'idNumber': return { text: line.idNumber };
    case 'cardNumber': return { text: line.cardNumber };
    case 'amount': return { yuanFen: line.amountFen };
    case 'amountFen': return { fen: line.amountFen };
    case 'remark': return { text: line.remark };
    case 'township': return { text: line.townshipName };
    case 'village': return { text: line.villageName };
    case 'month': return { text: line.month };
    case 'batchNo': return { text: info.batchNo };
  }
}

export function bankFileTitle(info: BankFileInfo): string {
  return `${info.countyName}乡村公益性岗位补贴代发 ${info.month} 批次号${info.batchNo}`;
}

export function bankFileModel(info: BankFileInfo, lines: readonly BankFileLine[], template: BankFileTemplate): BankFileModel {
  const totalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  const fields = template.columns.map((c) => c.field);
  let footer: BankCell[] | null = null;
  if (template.footerRow) {
    // 合计 in the first column, the count beside it, the total under the amount.
    footer = fields.map((field, i): BankCell => {
      if (field === 'amount') return { yuanFen: totalFen };
      if (field === 'amountFen') return { fen: totalFen };
      if (i === 0) return { text: '合计' };
      if (i === 1) return { text: `共${lines.length}笔` };
      return { text: '' };
    });
  }
  return {
    title: template.titleRow ? bankFileTitle(info) : null,
    header: template.headerRow ? template.columns.map((c) => c.title) : null,
    rows: lines.map((line) => fields.map((field) => cellOf(field, line, info))),
    footer, lines: lines.length, totalFen,
  };
}

/** A cell as it reads in a delimited file: money with two decimals (no thousands separator); text as typed. */
export function cellText(cell: BankCell): string {
  if ('text' in cell) return cell.text;
  if ('yuanFen' in cell) return formatYuan(cell.yuanFen).replace(/,/g, '');
  if ('fen' in cell) return String(cell.fen);
  return String(cell.count);
}

/** csv / txt: rows joined by the separator, CRLF line ends (what Windows bank clients expect); text that a
 * spreadsheet would run as a formula gets a leading apostrophe and separators are quoted (spreadsheet-text.ts). */
export function delimitedText(model: BankFileModel, separator: string): string {
  const lines: string[] = [];
  if (model.title !== null) lines.push(csvLine([model.title], separator));
  if (model.header) lines.push(csvLine(model.header, separator));
  for (const cells of model.rows) lines.push(csvLine(cells.map(cellText), separator));
  if (model.footer) lines.push(csvLine(model.footer.map(cellText), separator));
  return lines.join('\r\n') + '\r\n';
}
