// 报表: the city reports: the channels this feature serves, with who may call each and its township scope.
import { registerChannels } from '../registry';
import { MANAGERS } from '../../../shared/contract/access';
import { employmentReportFile } from './employment-reports';
import { exportReport, r3Model } from './r3';
import { reportFiles } from './files';

export const reportsChannels = registerChannels({
  'reports.employment': { access: MANAGERS, scope: 'scoped', handler: async (ctx, input) => {
    const file = await employmentReportFile(ctx, input.report, input.month);
    return { fileName: file.fileName, base64: file.buffer.toString('base64'), rows: file.rows };
  } },
  'reports.r3': { access: MANAGERS, scope: 'scoped', handler: async (ctx, input) => {
    const file = await exportReport(ctx, 'R3', await r3Model(ctx, input.month, input.version), input);
    return { fileName: file.fileName, base64: file.buffer.toString('base64'), rows: file.rows };
  } },
  'reports.files': { access: MANAGERS, scope: 'scoped', handler: async (ctx, input) => ({ files: await reportFiles(ctx, input.report, input.month) }) },
});
