// R4 乡村公益性岗位补贴发放明细表 and the bank's 代发清单, built from the same lines split by the one rule
// (shared/domain/transfer.ts), so they reconcile by construction: every R4 line's 实发 = 本次代发 + 暂缓发放
// with a 备注 saying why anything is held back, and the bank list's count and total are R4's 本次代发.
// R4: a summary sheet (one row per township) and one sheet per township. Pure.
import { formatYuan, yuanInWords } from '../money';
import { monthLabel } from '../month';
import { sumLines, type PayrollLine } from '../payroll';
import { PAYROLL_STATUS, type PayrollStatus } from '../payroll-lifecycle';
import { splitTransfer, WITHHOLD_REMARKS, type TransferSplit, type WithholdReason } from '../transfer';
import { standardFooter, type ReportColumn, type ReportHead, type ReportModel, type ReportRow, type ReportSheet } from './report-model';

export const R4_TITLE = '乡村公益性岗位补贴发放明细表';
export const BANK_TITLE = '乡村公益性岗位补贴银行代发清单';

export interface R4Township {
  code: string;
  name: string;
  status: PayrollStatus;
  lines: readonly PayrollLine[];
}

export interface R4Input extends ReportHead {
  townships: readonly R4Township[];
  villageNameOf(code: string): string;
}

/** A payroll line with its split: what is sent this time, what is held back and why. */
export interface SplitLine { line: PayrollLine; township: R4Township; split: TransferSplit }

export function splitLines(townships: readonly R4Township[]): SplitLine[] {
  return townships.flatMap((township) => township.lines.map((line) => ({ line, township, split: splitTransfer(line, township.status === PAYROLL_STATUS.APPROVED) })));
}

export interface TransferTotals {
  lines: number;
  netFen: number;
  transferLines: number;
  transferFen: number;
  withheldLines: number;
  withheldFen: number;
  /** Held-back lines by reason (for the notes and the screen). */
  withheldBy: Partial<Record<WithholdReason, { lines: number; fen: number }>>;
}

export function transferTotals(lines: readonly SplitLine[]): TransferTotals {
  const t: TransferTotals = { lines: lines.length, netFen: 0, transferLines: 0, transferFen: 0, withheldLines: 0, withheldFen: 0, withheldBy: {} };
  for (const { line, split } of lines) {
    t.netFen += line.netFen;
    if (split.transferFen > 0) { t.transferLines += 1; t.transferFen += split.transferFen; }
    if (split.withheldFen > 0) {
      t.withheldLines += 1;
      t.withheldFen += split.withheldFen;
      const by = (t.withheldBy[split.reason!] ??= { lines: 0, fen: 0 });
      by.lines += 1;
      by.fen += split.withheldFen;
    }
  }
  return t;
}

const DETAIL_COLUMNS: ReportColumn[] = [
  { header: '序号', kind: 'index', width: 6 },
  { header: '村', kind: 'text', width: 12 },
  { header: '姓名', kind: 'text', width: 9 },
  { header: '身份证号', kind: 'text', width: 21 },
  { header: '卡号', kind: 'text', width: 22 },
  { header: '出勤天数', kind: 'integer', width: 9 },
  { header: '应发', kind: 'money', width: 11 },
  { header: '扣减', kind: 'money', width: 10 },
  // Not in SPEC's column list, but without it a row carrying a correction of an earlier month would not add up.
  { header: '补发/扣回', kind: 'money', width: 10 },
  { header: '实发', kind: 'money', width: 11 },
  { header: '本次代发', kind: 'money', width: 11 },
  { header: '暂缓发放', kind: 'money', width: 10 },
  { header: '签字', kind: 'text', width: 14 },
  { header: '备注', kind: 'text', width: 24 },
];

const SUMMARY_COLUMNS: ReportColumn[] = [
  { header: '序号', kind: 'index', width: 6 },
  { header: '乡镇', kind: 'text', width: 14 },
  { header: '审核状态', kind: 'text', width: 10 },
  { header: '人数', kind: 'integer', width: 8 },
  { header: '应发', kind: 'money', width: 15 },
  { header: '扣减', kind: 'money', width: 13 },
  { header: '补发/扣回', kind: 'money', width: 13 },
  { header: '实发', kind: 'money', width: 15 },
  { header: '人数', group: '本次代发', kind: 'integer', width: 8 },
  { header: '金额', group: '本次代发', kind: 'money', width: 15 },
  { header: '人数', group: '暂缓发放', kind: 'integer', width: 8 },
  { header: '金额', group: '暂缓发放', kind: 'money', width: 13 },
];

/** 大写 of a total; a negative total (more clawed back than paid) says so instead of hiding the sign. */
export function totalInWords(fen: number): string {
  return fen < 0 ? `负${yuanInWords(-fen)}` : yuanInWords(fen);
}

function moneyNote(label: string, fen: number): string {
  return `${label}（大写）：${totalInWords(fen)}\u3000（小写）：¥${formatYuan(fen)}`;
}

function r4Notes(t: TransferTotals): string[] {
  const held = Object.entries(t.withheldBy).map(([reason, v]) => `${WITHHOLD_REMARKS[reason as WithholdReason].replace(/，.*$/, '')}${v.lines}人${formatYuan(v.fen)}元`);
  return [
    moneyNote('实发合计', t.netFen),
    `${moneyNote('本次代发合计', t.transferFen)}\u3000共${t.transferLines}人，与银行代发清单一致`,
    t.withheldLines > 0 ? `暂缓发放${t.withheldLines}人，${formatYuan(t.withheldFen)}元：${held.join('；')}。实发＝本次代发＋暂缓发放。` : '本月无暂缓发放。',
  ];
}

/** An unapproved month can be printed for checking, and says on its face that it is not a payment order. */
function statusOf(approved: boolean): string {
  return approved ? '已审核' : '未审核，仅供核对，不能作为发放依据';
}

function remarkOf(split: TransferSplit): string {
  return split.reason ? WITHHOLD_REMARKS[split.reason] : '';
}

export function buildR4(input: R4Input): ReportModel {
  const period = monthLabel(input.month);
  const all = splitLines(input.townships);
  const footer = standardFooter(input);
  const townshipSheets: ReportSheet[] = input.townships.map((t) => {
    const mine = all.filter((s) => s.township === t);
    const money = sumLines(t.lines);
    const totals = transferTotals(mine);
    const rows: ReportRow[] = mine.map(({ line: l, split }, i) => ({
      kind: 'data',
      cells: [i + 1, input.villageNameOf(l.villageCode), l.name, l.idNumber, l.cardNumber ?? '', l.attendedDays,
        l.payableFen, l.deductionFen, l.adjustmentFen, l.netFen, split.transferFen, split.withheldFen, '', remarkOf(split)],
    }));
    rows.push({ kind: 'total', cells: [null, '合计', money.lines, null, null, null, money.payableFen, money.deductionFen, money.adjustmentFen, money.netFen, totals.transferFen, totals.withheldFen, null, null] });
    return {
      name: t.name, title: `${input.countyName}${R4_TITLE}（${t.name}）`, unit: input.unit, period, status: statusOf(t.status === PAYROLL_STATUS.APPROVED), units: '天、元',
      columns: DETAIL_COLUMNS, rows, footer, notes: r4Notes(totals),
    };
  });

  const money = sumLines(input.townships.flatMap((t) => t.lines));
  const totals = transferTotals(all);
  const summaryRows: ReportRow[] = input.townships.map((t, i) => {
    const m = sumLines(t.lines);
    const s = transferTotals(all.filter((x) => x.township === t));
    return { kind: 'data', cells: [i + 1, t.name, t.status, m.lines, m.payableFen, m.deductionFen, m.adjustmentFen, m.netFen, s.transferLines, s.transferFen, s.withheldLines, s.withheldFen] };
  });
  summaryRows.push({ kind: 'total', cells: [null, '合计', null, money.lines, money.payableFen, money.deductionFen, money.adjustmentFen, money.netFen, totals.transferLines, totals.transferFen, totals.withheldLines, totals.withheldFen] });
  const summary: ReportSheet = {
    name: '汇总', title: `${input.countyName}${R4_TITLE}（汇总）`, unit: input.unit, period,
    status: statusOf(input.townships.every((t) => t.status === PAYROLL_STATUS.APPROVED)), units: '人、元',
    columns: SUMMARY_COLUMNS, rows: summaryRows, footer, notes: r4Notes(totals),
  };
  return { fileName: '', sheets: [summary, ...townshipSheets] };
}

const BANK_COLUMNS: ReportColumn[] = [
  { header: '序号', kind: 'index', width: 6 },
  { header: '乡镇', kind: 'text', width: 10 },
  { header: '村', kind: 'text', width: 12 },
  { header: '姓名', kind: 'text', width: 9 },
  { header: '身份证号', kind: 'text', width: 21 },
  { header: '卡号', kind: 'text', width: 22 },
  { header: '金额', kind: 'money', width: 12 },
];

export interface BankTransfer { townshipName: string; villageCode: string; name: string; idNumber: string; cardNumber: string; amountFen: number }

/** The lines sent this time: exactly R4's 本次代发. */
export function bankTransfers(townships: readonly R4Township[]): BankTransfer[] {
  return splitLines(townships).filter((s) => s.split.transferFen > 0).map(({ line, township, split }) => ({
    townshipName: township.name, villageCode: line.villageCode, name: line.name, idNumber: line.idNumber, cardNumber: line.cardNumber!, amountFen: split.transferFen,
  }));
}

/** 代发清单: one row per transfer, count and total at its foot with the total in capital numerals. */
export function buildBankList(input: R4Input): ReportModel {
  const transfers = bankTransfers(input.townships);
  const totalFen = transfers.reduce((n, t) => n + t.amountFen, 0);
  const rows: ReportRow[] = transfers.map((t, i) => ({
    kind: 'data', cells: [i + 1, t.townshipName, input.villageNameOf(t.villageCode), t.name, t.idNumber, t.cardNumber, t.amountFen],
  }));
  rows.push({ kind: 'total', cells: [null, '合计', null, transfers.length, null, null, totalFen] });
  const approved = input.townships.filter((t) => t.status === PAYROLL_STATUS.APPROVED).map((t) => t.name);
  const pending = input.townships.filter((t) => t.status !== PAYROLL_STATUS.APPROVED).map((t) => t.name);
  return {
    fileName: '',
    sheets: [{
      name: '代发清单', title: `${input.countyName}${BANK_TITLE}`, unit: input.unit, period: monthLabel(input.month), units: '元',
      columns: BANK_COLUMNS, rows, footer: standardFooter(input),
      notes: [
        `合计${transfers.length}人，${moneyNote('金额', totalFen)}。`,
        `本清单与${monthLabel(input.month)}补贴发放明细表（R4）的“本次代发”合计一致；只含已审核乡镇中有卡号的人员。`,
        `已审核乡镇：${approved.length ? approved.join('、') : '无'}${pending.length ? `；未审核（本清单不含）：${pending.join('、')}` : ''}。`,
      ],
    }],
  };
}
