// 考勤与补贴发放: attendance and the monthly payroll: the channels this feature serves, with who may call each and its township scope.
import { registerChannels } from '../registry';
import { EDITORS, MANAGERS } from '../../../shared/contract/access';
import { payrollReportFile } from './export';
import { addAdjustment, lockBoard, payrollMonthView, payrollSummary, setAttendance, transitionPayroll } from './payroll';

export const payrollChannels = registerChannels({
  'payroll.month': { access: 'any', scope: 'scoped', handler: (ctx, input) => payrollMonthView(ctx, input.month) },
  'payroll.compute': { access: 'any', scope: 'scoped', handler: (ctx, input) => payrollSummary(ctx, input.month) },
  'payroll.setAttendance': { access: EDITORS, scope: 'scopedWrite', handler: async (ctx, input) => { await setAttendance(ctx, input.month, input.entries); return payrollMonthView(ctx, input.month); } },
  'payroll.transition': { access: 'any', scope: 'scopedWrite', handler: async (ctx, input) => { await transitionPayroll(ctx, input); return payrollMonthView(ctx, input.month); } },
  'payroll.addAdjustment': { access: EDITORS, scope: 'scopedWrite', handler: async (ctx, input) => { await addAdjustment(ctx, input); return payrollMonthView(ctx, input.month); } },
  'payroll.board': { access: 'any', scope: 'scoped', handler: (ctx, input) => lockBoard(ctx, input.year) },
  'payroll.export': { access: MANAGERS, scope: 'scoped', handler: async (ctx, input) => {
    const { fileName, buffer, rows } = await payrollReportFile(ctx, input.month, input.kind);
    return { fileName, base64: buffer.toString('base64'), rows };
  } },
});
