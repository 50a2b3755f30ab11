// What of a payroll line goes to the bank this time (本次代发) and what is held back (暂缓发放), and why.
// One rule for R4, the bank list, payment batches and R2, so that they reconcile by construction:
// R4's 实发 = 本次代发 + 暂缓发放 for every line, and the bank file's count and total are R4's 本次代发.
import type { LineStatus, PayrollLine } from './payroll';

export type WithholdReason = 'NOT_APPROVED' | 'NO_CARD' | 'NO_ATTENDANCE' | 'OUTSIDE_AGREEMENT' | 'OUTSIDE_PAID_MONTHS' | 'NOTHING_TO_PAY' | 'NET_NEGATIVE';

/** The 备注 printed beside a line that sends nothing (or less than its 实发) this time. */
export const WITHHOLD_REMARKS: Record<WithholdReason, string> = {
  NOT_APPROVED: '本月未审核，暂缓发放',
  NO_CARD: '缺少卡号，暂缓发放',
  NO_ATTENDANCE: '无考勤，本月不发放',
  OUTSIDE_AGREEMENT: '不在协议期内，本月不发放',
  OUTSIDE_PAID_MONTHS: '不在年度发放月份内，本月不发放',
  NOTHING_TO_PAY: '本月无应发金额',
  NET_NEGATIVE: '扣回后为负数，以后月份继续扣回',
};

export interface TransferSplit {
  /** Sent to the bank in this month's list. */
  transferFen: number;
  /** Owed (实发 > 0) but not sent: no card, or the township-month not approved. */
  withheldFen: number;
  /** Why nothing (or not all) is sent; null when the whole 实发 is sent. */
  reason: WithholdReason | null;
}

const STATUS_REASON: Partial<Record<LineStatus, WithholdReason>> = {
  no_attendance: 'NO_ATTENDANCE',
  outside_agreement: 'OUTSIDE_AGREEMENT',
  outside_paid_months: 'OUTSIDE_PAID_MONTHS',
};

/** Splits one line's 实发. `approved`: the line's township-month is 已审核 (only approved money is sent). */
export function splitTransfer(line: Pick<PayrollLine, 'netFen' | 'cardNumber' | 'status'>, approved: boolean): TransferSplit {
  if (line.netFen < 0) return { transferFen: 0, withheldFen: 0, reason: 'NET_NEGATIVE' };
  if (line.netFen === 0) return { transferFen: 0, withheldFen: 0, reason: STATUS_REASON[line.status] ?? 'NOTHING_TO_PAY' };
  if (!approved) return { transferFen: 0, withheldFen: line.netFen, reason: 'NOT_APPROVED' };
  if (!line.cardNumber || !line.cardNumber.trim()) return { transferFen: 0, withheldFen: line.netFen, reason: 'NO_CARD' };
  return { transferFen: line.netFen, withheldFen: 0, reason: null };
}
