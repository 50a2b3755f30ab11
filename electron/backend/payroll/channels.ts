// 考勤与补贴发放: attendance and the monthly payroll: the channels this feature serves, with who may call each and its township scope.
import { registerChannels } from '../registry';
import { EDITORS, MANAGERS } from '../../../shared/contract/access';
import { exportPayrollHandler } from './export';
import { addAdjustment, lockBoard, payrollMonthView, setAttendance, transitionPayroll } from './payroll';

export const payrollChannels = registerChannels({
  'payroll.month': { access: 'any', scope: 'scoped', handler: (ctx, input) => payrollMonthView(ctx, input.month) },
  'payroll.setAttendance': { access: EDITORS, scope: 'scopedWrite', handler: async (ctx, input) => { await setAttendance(ctx, input.month, input.entries); return payrollMonthView(ctx, input.month); } },
  'payroll.transition': { access: 'any', scope: 'scopedWrite', handler: async (ctx, input) => { await transitionPayroll(ctx, input); return payrollMonthView(ctx, input.month); } },
  'payroll.addAdjustment': { access: EDITORS, scope: 'scopedWrite', handler: async (ctx, input) => { await addAdjustment(ctx, input); return payrollMonthView(ctx, input.month); } },
  'payroll.board': { access: 'any', scope: 'scoped', handler: (ctx, input) => lockBoard(ctx, input.year) },
  'payroll.export': { access: MANAGERS, scope: 'scoped', handler: (ctx, input) => exportPayrollHandler(ctx, input) },
});
