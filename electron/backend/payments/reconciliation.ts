// 发放对账表 of one payment batch: what was sent, what the bank confirmed, what failed (re-issued or not yet)
// and what it has not answered, with totals that add up (代发 = 成功 + 失败 + 未回盘; 失败 = 已重发 + 未重发),
// and the failed lines with the bank's reason and the batch that re-issued them.
import ExcelJS from 'exceljs';
import type { EngineContext } from '../context';
import { formatYuan, yuanInWords } from '../../../shared/domain/money';
import { writeAudit } from '../admin/audit-repository';
import { batchLines, batchView } from './batches';

const FONT = { name: '宋体', size: 10 };
const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;

export async function reconciliationFile(ctx: EngineContext, batchId: number): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const batch = await batchView(ctx, batchId);
  const lines = await batchLines(ctx, batchId);
  const r = batch.reconciliation;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '县级就业帮扶工作台';
  const sheet = workbook.addWorksheet('发放对账', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = [{ width: 22 }, { width: 10 }, { width: 18 }, { width: 58 }];
  const title = sheet.addRow([`${ctx.county.name}公益性岗位补贴代发对账表（批次号${batch.batchNo}）`]);
  sheet.mergeCells(title.number, 1, title.number, 4);
  title.getCell(1).font = { ...FONT, size: 14, bold: true };
  title.getCell(1).alignment = { horizontal: 'center' };
  const about = sheet.addRow([`所属月份：${batch.month}\u3000状态：${batch.status}\u3000单位：笔、元\n乡镇：${batch.townships.map((t) => t.name).join('、')}`]);
  sheet.mergeCells(about.number, 1, about.number, 4);
  about.getCell(1).font = FONT;
  about.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  about.height = 30;
  const table = (cells: (string | number)[], bold = false) => {
    const row = sheet.addRow(cells);
    row.eachCell((cell, col) => { cell.font = bold ? { ...FONT, bold: true } : FONT; cell.border = border; if (col === 3 && typeof cell.value === 'number') cell.numFmt = '#,##0.00'; });
  };
  table(['项目', '笔数', '金额', '说明'], true);
  const figure = (label: string, f: { lines: number; fen: number }, note: string) => table([label, f.lines, f.fen / 100, note]);
  figure('代发', r.sent, `大写：${yuanInWords(r.sent.fen)}`);
  figure('银行确认成功', r.confirmed, '计入已发放');
  figure('发放失败', r.failed, '银行退回');
  figure('\u3000其中：已重发', r.reissued, '已进入后续批次');
  figure('\u3000其中：待重发', r.failedOutstanding, '更正卡号或标记重发后进入下一批');
  figure('未回盘', r.awaiting, '银行尚未回盘');
  const adds = r.sent.fen === r.confirmed.fen + r.failed.fen + r.awaiting.fen && r.failed.fen === r.reissued.fen + r.failedOutstanding.fen;
  const check = sheet.addRow([`核对：代发 ${formatYuan(r.sent.fen)} = 成功 ${formatYuan(r.confirmed.fen)} + 失败 ${formatYuan(r.failed.fen)} + 未回盘 ${formatYuan(r.awaiting.fen)}；失败 = 已重发 + 待重发${adds ? '，相符' : '，不符，请核查'}`]);
  sheet.mergeCells(check.number, 1, check.number, 4);
  check.getCell(1).font = FONT;

  const failed = lines.filter((l) => l.result === '失败');
  const detail = workbook.addWorksheet('失败明细', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  detail.columns = [{ header: '序号', width: 6 }, { header: '所属月份', width: 10 }, { header: '姓名', width: 10 }, { header: '乡镇', width: 12 }, { header: '村', width: 12 },
    { header: '卡号', width: 22 }, { header: '金额', width: 12 }, { header: '失败原因', width: 26 }, { header: '重发批次', width: 12 }];
  detail.getRow(1).eachCell((cell) => { cell.font = { ...FONT, bold: true }; cell.border = border; cell.alignment = { horizontal: 'center' }; });
  for (const l of failed) {
    const row = detail.addRow([l.seq, l.month, l.name, l.townshipName, l.villageName, l.cardMasked, l.amountFen / 100, l.reason ?? '', l.reissuedIn ?? '待重发']);
    row.eachCell({ includeEmpty: true }, (cell) => { cell.font = FONT; cell.border = border; });
    row.getCell(7).numFmt = '#,##0.00';
    for (const c of [2, 3, 6, 8, 9]) row.getCell(c).numFmt = '@';
  }
  const fileName = `${ctx.county.name}_代发对账_${batch.month}_批次${batch.batchNo}.xlsx`;
  await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'payment_batch', entityId: batchId, action: 'export_reconciliation', after: { fileName, ...r } });
  return { fileName, bytes: Buffer.from(await workbook.xlsx.writeBuffer()), rows: failed.length };
}
