// The contract of 报表中心 and 首页 (issue 11): preview and export of any report of the registry, the report
// settings kept in 设置, and the county at a glance. Spread into the contract table in schemas.ts.
import { z } from 'zod';
import { REPORT_IDS } from '../domain/reports/catalogue';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为YYYY-MM');
const text = (max: number) => z.string().max(max);
const int = z.number().int();
const reportId = z.enum(REPORT_IDS);

export const reportFiguresSchema = z.object({
  report: reportId, lines: int, totalFen: int.optional(), transferFen: int.optional(), withheldFen: int.optional(), withheldLines: int.optional(),
  confirmedFen: int.optional(), awaitingFen: int.optional(), failedFen: int.optional(), unsentFen: int.optional(),
  employed: int.optional(), labourers: int.optional(), target: int.optional(), completionRate: int.optional(), warnings: z.array(z.string()).optional(),
});

const sinceSchema = z.object({
  exportedAt: z.string(), username: z.string(), fileName: z.string(),
  changes: z.object({ lines: z.array(z.string()), count: int }),
}).nullable();

const cell = z.union([z.string(), z.number(), z.null()]);
const sheetSchema = z.object({
  name: z.string(), title: z.string(), unit: z.string(), period: z.string(), status: z.string().optional(), units: z.string(),
  columns: z.array(z.object({ header: z.string(), group: z.string().optional(), kind: z.enum(['index', 'text', 'integer', 'money', 'percent', 'date']), width: z.number() })),
  rows: z.array(z.object({ kind: z.enum(['data', 'subtotal', 'total']), cells: z.array(cell) })),
  footer: z.array(z.object({ label: z.string(), value: z.string() })),
  notes: z.array(z.string()),
});

export const reportSettingsSchema = z.object({
  signatures: z.object({ unit: text(60), head: text(30), reviewer: text(30), preparer: text(30), phone: text(30) }).strict(),
  publicity: z.object({ days: z.number().int().min(1).max(60), phone: text(30), grouping: z.enum(['township', 'village']) }).strict(),
}).strict();

/**
 * A month's money as 首页 shows it (issue 12): 实发 (netFen, R4's), of it 本次代发 (transferFen, people), and where
 * it stands with the bank — confirmed (the only money counted as paid), 已报送未回盘, 发放失败, not with the bank
 * (未发送 and 暂缓); confirmedFen + awaitingFen + failedFen + unsentFen = netFen. yearConfirmedFen: what the
 * bank confirmed for the year's months so far.
 */
const moneyFields = {
  people: int, netFen: int, transferFen: int,
  confirmedPeople: int, confirmedFen: int, awaitingFen: int, failedFen: int, unsentFen: int, yearConfirmedFen: int,
};

const townshipSummarySchema = z.object({
  code: z.string(), name: z.string(),
  planned: int.nullable(), developed: int, filled: int, vacant: int,
  ...moneyFields,
  /** What the bank confirmed for each paid month of the year; null when none of that month's money has reached the bank. */
  monthly: z.array(z.object({ month: z.string(), confirmedFen: int.nullable() })),
  labourers: int, employed: int, target: int.nullable(), rate: int.nullable(),
  anomalies: int, status: z.string(), toApprove: int,
});

export const summarySchema = z.object({
  month: z.string(),
  posts: z.object({ planned: int.nullable(), developed: int, filled: int, vacant: int }),
  payroll: z.object({ ...moneyFields, withheldFen: int }),
  employment: z.object({ labourers: int, employed: int, target: int.nullable(), rate: int.nullable(), hasLedger: z.boolean() }),
  services: z.object({ targets: int, complete: int, rate: int.nullable(), guidance: int, jobOffers: int, trainingReferrals: int }),
  training: z.object({ sessions: int, trainees: int }),
  anomalies: int,
  toApprove: int,
  townships: z.array(townshipSummarySchema),
});

export const reportsContract = {
  'reports.preview': {
    input: z.object({ report: reportId, month }).strict(),
    output: z.object({ report: reportId, fileName: z.string(), figures: reportFiguresSchema, sheets: z.array(sheetSchema), since: sinceSchema }),
  },
  'reports.export': {
    input: z.object({ report: reportId, month }).strict(),
    output: z.object({ report: reportId, fileName: z.string(), base64: z.string(), rows: int, figures: reportFiguresSchema, since: sinceSchema }),
  },
  'reports.settings': {
    input: z.object({}).strict(),
    output: reportSettingsSchema,
  },
  'reports.saveSettings': {
    input: reportSettingsSchema,
    output: reportSettingsSchema,
  },
  'reports.summary': {
    /** Without a month: the latest month with attendance or payroll (the month being worked on). */
    input: z.object({ month: month.optional() }).strict(),
    output: summarySchema,
  },
} as const;

export type ReportPreview = z.output<(typeof reportsContract)['reports.preview']['output']>;
export type ReportExport = z.output<(typeof reportsContract)['reports.export']['output']>;
export type WorkbenchSummary = z.output<typeof summarySchema>;
export type ReportSettingsView = z.output<typeof reportSettingsSchema>;
