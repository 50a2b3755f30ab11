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
  const texts: string[] = [];
  for (const cell of cells) {
    if (cell === undefined || cell === null) continue;
    // Full normalising is for the few leading texts that decide; the rest only need to be non-blank.
    const shown = displayText(cell).slice(0, 200); // a 1 MB cell says no more about the row than its start
    const text = texts.length < 3 || typeof cell !== 'string' ? normaliseText(shown) : shown.trim();
    if (text) texts.push(text);
  }
  if (texts.length === 0) return 'empty';
  // Totals are written in the first cells (序号 or 乡镇 column), sometimes "合 计".
  if (texts.slice(0, 3).some((t) => TOTALS.test(t) || (t.length <= 12 && TOTALS_AT_END.test(t)))) return 'totals';
  const first = texts[0]!;
  if (NOTES.test(first) && (/[:：]/.test(first) || texts.length <= 3)) return 'notes';
  if (texts.length <= 2 && /(填表人|审核人|制表人|填报人)[:：]/.test(texts.join(''))) return 'notes';
  // A row of column numbers under the header: 1, 2, 3 … (as numbers or text).
  if (texts.length >= 3 && texts.every((t, i) => t === String(i + 1))) return 'column-numbers';
  return 'data';
}
