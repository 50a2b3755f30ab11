// Every city report of a month as files (`workbench report R1…R5|all`): R3 with its 公示 version for the
// village notice boards, R4 with the bank's transfer list beside it. Each file is rendered and audited by
// the feature that owns its model.
import type { EngineContext } from '../context';
import { payrollReportFile } from '../payroll/export';
import { employmentReportFile } from './employment-reports';
import { exportReport, r3Model } from './r3';

export type ReportId = 'R1' | 'R2' | 'R3' | 'R4' | 'R5';
export const REPORT_IDS: readonly ReportId[] = ['R1', 'R2', 'R3', 'R4', 'R5'];

async function filesOf(ctx: EngineContext, report: ReportId, month: string): Promise<{ fileName: string; buffer: Buffer; rows: number }[]> {
  switch (report) {
    case 'R1': case 'R5': return [await employmentReportFile(ctx, report, month)];
    case 'R2': return [await payrollReportFile(ctx, month, 'R2')];
    case 'R3': return [
      await exportReport(ctx, 'R3', await r3Model(ctx, month, 'full'), { month, version: 'full' }),
      await exportReport(ctx, 'R3', await r3Model(ctx, month, 'public'), { month, version: 'public' }),
    ];
    case 'R4': return [await payrollReportFile(ctx, month, 'R4'), await payrollReportFile(ctx, month, 'bank')];
  }
}

export async function reportFiles(ctx: EngineContext, report: ReportId | 'all', month: string): Promise<{ fileName: string; base64: string; rows: number }[]> {
  const files = [];
  for (const id of report === 'all' ? REPORT_IDS : [report]) {
    for (const file of await filesOf(ctx, id, month)) files.push({ fileName: file.fileName, base64: file.buffer.toString('base64'), rows: file.rows });
  }
  return files;
}
