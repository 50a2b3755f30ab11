// Which rows of a township sheet are data: titles and headers are above the data; below and among it
// come empty rows, a column-number row (1 2 3 …), totals (合计/总计/小计) and notes (填表人, 审核人, 注：).
import { normaliseText } from './id-number';
import { displayText, type CellValue } from './cell-values';

export type RowKind = 'data' | 'empty' | 'totals' | 'notes' | 'column-numbers';

const TOTALS = /^(合计|总计|小计|共计|累计|本页合计|全乡合计|全镇合计)/;
/** 燕河营镇小计, 全县合计： */
const TOTALS_AT_END = /(合计|总计|小计)[:：]?$/;
const NOTES = /^(填表人|填报人|制表人|审核人|审核|负责人|经办人|统计人|联系电话|填表日期|填报日期|制表日期|注|说明|备注[:：]|附注|单位负责人|分管领导|主管领导|盖章)/;

export function classifyRow(cells: readonly CellValue[]): RowKind {
  // What decides: the first three texts (normalised), how many texts there are, and whether they run
  // 1, 2, 3 …; a later text only needs to be non-blank (every row of 100,000 is classified).
  const lead: string[] = [];
  let count = 0;
  let numbered = true;
  for (const cell of cells) {
    if (cell === undefined || cell === null) continue;
    // Full normalising is for the few leading texts that decide; the rest only need to be non-blank. A 1 MB
    // cell says no more about the row than its start.
    const text = count < 3 || typeof cell !== 'string' ? normaliseText(displayText(cell).slice(0, 200)) : cell.slice(0, 200).trim();
    if (!text) continue;
    if (count < 3) lead.push(text);
    if (numbered && text !== String(count + 1)) numbered = false;
    count += 1;
  }
  if (count === 0) return 'empty';
  // Totals are written in the first cells (序号 or 乡镇 column), sometimes "合 计".
  if (lead.some((t) => TOTALS.test(t) || (t.length <= 12 && TOTALS_AT_END.test(t)))) return 'totals';
  const first = lead[0]!;
  if (NOTES.test(first) && (/[:：]/.test(first) || count <= 3)) return 'notes';
  if (count <= 2 && /(填表人|审核人|制表人|填报人)[:：]/.test(lead.join(''))) return 'notes';
  // A row of column numbers under the header: 1, 2, 3 … (as numbers or text).
  if (count >= 3 && numbered) return 'column-numbers';
  return 'data';
}
