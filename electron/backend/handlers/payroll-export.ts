// R4 乡村公益性岗位补贴发放明细表 (through the one report renderer) and the bank's transfer list. Every export
// goes into the audit log (SPEC §8).
import fs from 'node:fs';
import path from 'node:path';
import type { EngineContext } from '../context';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract/schemas';
import { bankTransfers, buildR4, type R4Township } from '../../../shared/domain/reports/r4-payroll';
import type { ReportModel } from '../../../shared/domain/reports/report-model';
import { bankListWorkbook } from '../excel/bank-list';
import { writeAudit } from '../repositories/audit';
import { payrollMonth } from './payroll';
import { exportReport, reportingUnit } from './reports';
import { today } from './people';

async function payrollTownships(ctx: EngineContext, month: string): Promise<R4Township[]> {
  const payroll = await payrollMonth(ctx, month);
  return payroll.townships.map((t) => ({
    code: t.townshipCode, name: t.name, status: t.status, lines: payroll.lines.filter((l) => l.townshipCode === t.townshipCode),
  }));
}

export async function r4Model(ctx: EngineContext, month: string, preparedOn: string = today()): Promise<ReportModel> {
  return buildR4({
    countyName: ctx.county.name, unit: reportingUnit(ctx), month, preparedOn, townships: await payrollTownships(ctx, month),
    villageNameOf: (code) => ctx.divisions.villageNameOf(code),
  });
}

async function bankList(ctx: EngineContext, month: string): Promise<{ fileName: string; buffer: Buffer; rows: number }> {
  const transfers = bankTransfers(await payrollTownships(ctx, month));
  const fileName = `代发清单_${month}.xlsx`;
  const buffer = await bankListWorkbook(transfers);
  const totalFen = transfers.reduce((sum, t) => sum + t.amountFen, 0);
  await writeAudit(ctx.wdb.db, { username: ctx.actor.username, entity: 'report', entityId: 'bank', action: 'export', after: { month, fileName, rows: transfers.length, totalFen } });
  return { fileName, buffer, rows: transfers.length };
}

async function render(ctx: EngineContext, month: string, kind: 'R4' | 'bank') {
  return kind === 'R4' ? exportReport(ctx, 'R4', await r4Model(ctx, month), { month }) : bankList(ctx, month);
}

export async function exportPayrollHandler(ctx: EngineContext, input: ChannelInput<'payroll.export'>): Promise<ChannelOutput<'payroll.export'>> {
  const { fileName, buffer, rows } = await render(ctx, input.month, input.kind);
  return { fileName, base64: buffer.toString('base64'), rows };
}

/** `workbench report R4 --out DIR`: the R4 workbook and the bank list, side by side. */
export async function writePayrollReports(ctx: EngineContext, month: string, outDir: string): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  for (const kind of ['R4', 'bank'] as const) {
    const { fileName, buffer } = await render(ctx, month, kind);
    const file = path.resolve(outDir, fileName);
    fs.writeFileSync(file, buffer);
    files.push(file);
  }
  return files;
}
