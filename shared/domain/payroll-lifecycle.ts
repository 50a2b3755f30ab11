// The life of one township-month of payroll (月度发放): 未提交 → 已提交 → 已审核 (locked), who may move it,
// and what may still be edited in each state. Pure: the engine asks, then writes.
import { workbenchError, type WorkbenchError } from './errors';
import type { Role } from './roles';

export type { Role };

/**
 * The states of a township-month, by name; the values are what payroll_months.status stores and what the
 * screens show (a month 退回 with a reason goes back to OPEN, the reason kept in returned_reason).
 */
export const PAYROLL_STATUS = { OPEN: '未提交', SUBMITTED: '已提交', APPROVED: '已审核' } as const;
export const PAYROLL_STATUSES = [PAYROLL_STATUS.OPEN, PAYROLL_STATUS.SUBMITTED, PAYROLL_STATUS.APPROVED] as const;
export type PayrollStatus = (typeof PAYROLL_STATUSES)[number];
const { OPEN, SUBMITTED, APPROVED } = PAYROLL_STATUS;

export const PAYROLL_ACTIONS = ['submit', 'approve', 'return', 'reopen'] as const;
export type PayrollAction = (typeof PAYROLL_ACTIONS)[number];

interface Transition {
  label: string;
  from: PayrollStatus;
  to: PayrollStatus;
  /** The administrator may do everything: the single-user desktop and the CLI act as administrator. */
  roles: readonly Role[];
  needsReason: boolean;
}

export const PAYROLL_TRANSITIONS: Record<PayrollAction, Transition> = {
  submit: { label: '提交', from: OPEN, to: SUBMITTED, roles: ['clerk', 'admin'], needsReason: false },
  approve: { label: '审核通过', from: SUBMITTED, to: APPROVED, roles: ['manager', 'admin'], needsReason: false },
  return: { label: '退回', from: SUBMITTED, to: OPEN, roles: ['manager', 'admin'], needsReason: true },
  reopen: { label: '重新打开', from: APPROVED, to: OPEN, roles: ['admin'], needsReason: true },
};

export type TransitionCheck = { ok: true; to: PayrollStatus } | { ok: false; error: WorkbenchError };

/** Whether `role` may take `action` on a township-month in `status`; the refusal says why. */
export function checkTransition(action: PayrollAction, status: PayrollStatus, role: Role, reason: string, where: { month: string; township: string }): TransitionCheck {
  const transition = PAYROLL_TRANSITIONS[action];
  if (!transition.roles.includes(role)) return { ok: false, error: workbenchError('FORBIDDEN') };
  if (status !== transition.from) {
    return { ok: false, error: workbenchError('PAYROLL_STATE', { ...where, status, action: transition.label }) };
  }
  if (transition.needsReason && reason.trim() === '') return { ok: false, error: workbenchError('REASON_REQUIRED', { action: transition.label }) };
  return { ok: true, to: transition.to };
}

/** Attendance and adjustments of a township-month can change only while it is 未提交. */
export function editRefusal(status: PayrollStatus, where: { month: string; township: string }): WorkbenchError | null {
  if (status === APPROVED) return workbenchError('MONTH_LOCKED', { month: `${where.month}${where.township}` });
  if (status === SUBMITTED) return workbenchError('MONTH_SUBMITTED', where);
  return null;
}

/** Who enters attendance and adjustments: the clerk (and the administrator), not the reviewer. */
export function mayEditPayroll(role: Role): boolean {
  return role === 'clerk' || role === 'admin';
}
