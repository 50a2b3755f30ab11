// R4 乡村公益性岗位补贴发放明细表 and the bank's transfer list: the month's payroll as report models, rendered
// to .xlsx. Every export goes into the audit log (SPEC §8).
import fs from 'node:fs';
import path from 'node:path';
import type { EngineContext } from '../context';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract/schemas';
import { bankTransferList, r4Report, type ReportModel } from '../../../shared/domain/report-r4';
import { renderReport } from '../excel/report-model-workbook';
import { writeAudit } from '../repositories/audit';
import { payrollMonth } from './payroll';

export async function payrollReportModel(ctx: EngineContext, month: string, kind: 'R4' | 'bank'): Promise<ReportModel> {
  const payroll = await payrollMonth(ctx, month);
  const townships = payroll.townships.map((t) => ({
    code: t.townshipCode, name: t.name, status: t.status, lines: payroll.lines.filter((l) => l.townshipCode === t.townshipCode),
  }));
  if (kind === 'bank') return bankTransferList(month, townships);
  return r4Report({
    month, countyName: ctx.county.name, unitName: `${ctx.county.name}人力资源和社会保障局`, townships,
    villageNameOf: (code) => ctx.divisions.villageNameOf(code),
  });
}

async function renderAndAudit(ctx: EngineContext, month: string, kind: 'R4' | 'bank') {
  const model = await payrollReportModel(ctx, month, kind);
  const buffer = await renderReport(model);
  const rows = model.sheets.slice(kind === 'R4' ? 1 : 0).reduce((n, s) => n + s.rows.length, 0);
  await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'report', entityId: kind, action: 'export', after: { month, rows, file: model.fileName } });
  return { fileName: model.fileName, buffer, rows };
}

export async function exportPayrollHandler(ctx: EngineContext, input: ChannelInput<'payroll.export'>): Promise<ChannelOutput<'payroll.export'>> {
  const { fileName, buffer, rows } = await renderAndAudit(ctx, input.month, input.kind);
  return { fileName, base64: buffer.toString('base64'), rows };
}

/** `workbench report R4 --out DIR`: the R4 workbook and the bank list, written side by side. */
export async function writePayrollReports(ctx: EngineContext, month: string, outDir: string): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  for (const kind of ['R4', 'bank'] as const) {
    const { fileName, buffer } = await renderAndAudit(ctx, month, kind);
    const file = path.resolve(outDir, fileName);
    fs.writeFileSync(file, buffer);
    files.push(file);
  }
  return files;
}
