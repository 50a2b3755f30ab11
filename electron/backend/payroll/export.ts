// 考勤发放's export buttons (R2, R4, the bank's 代发清单): the same reports as 报表中心, through the one registry
// of reports (rendered, fingerprinted and audited there).
import type { EngineContext } from '../context';
import { exportReport } from '../reports/exports';

export async function payrollReportFile(ctx: EngineContext, month: string, kind: 'R2' | 'R4' | 'bank'): Promise<{ fileName: string; buffer: Buffer; rows: number }> {
  const file = await exportReport(ctx, kind === 'bank' ? 'BANK' : kind, month);
  return { fileName: file.model.fileName, buffer: file.buffer, rows: file.figures.lines };
}
