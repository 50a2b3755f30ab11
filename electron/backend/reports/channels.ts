// 报表: the city reports: the channels this feature serves, with who may call each and its township scope.
import { registerChannels } from '../registry';
import { MANAGERS } from '../../../shared/contract/access';
import { employmentReportFile } from './employment-reports';
import { r3Handler } from './r3';

export const reportsChannels = registerChannels({
  'reports.employment': { access: MANAGERS, scope: 'scoped', handler: async (ctx, input) => {
    const file = await employmentReportFile(ctx, input.report, input.month);
    return { fileName: file.fileName, base64: file.buffer.toString('base64'), rows: file.rows };
  } },
  'reports.r3': { access: MANAGERS, scope: 'scoped', handler: (ctx, input) => r3Handler(ctx, input) },
});
