// Placeholder until R4 lands in this branch.
import type { EngineContext } from '../context';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract/schemas';
export async function exportPayrollHandler(_ctx: EngineContext, _input: ChannelInput<'payroll.export'>): Promise<ChannelOutput<'payroll.export'>> {
  throw new Error('not yet');
}
