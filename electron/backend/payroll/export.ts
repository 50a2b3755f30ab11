// 考勤发放's export buttons (R2, R4, the bank's 代发清单): the same reports as 报表中心, through the one registry.
import type { EngineContext } from '../context';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract/schemas';
import { reportFile } from '../reports/channels';

export async function exportPayrollHandler(ctx: EngineContext, input: ChannelInput<'payroll.export'>): Promise<ChannelOutput<'payroll.export'>> {
  const { fileName, base64, rows } = await reportFile(ctx, input.kind === 'bank' ? 'BANK' : input.kind, input.month);
  return { fileName, base64, rows };
}
