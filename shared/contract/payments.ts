// The contract of payment batches, bank files and the bank's answers (issue 12). Kept in its own file and
// spread into the contract table in schemas.ts.
import { z } from 'zod';
import { BANK_FIELDS, type BankField } from '../domain/bank-file';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为YYYY-MM');
const id = z.number().int().positive();
const fen = z.number().int();
const fileOutput = z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() });

export const bankTemplateSchema = z.object({
  format: z.enum(['xlsx', 'csv', 'txt']),
  encoding: z.enum(['utf8-bom', 'gbk']),
  separator: z.string().max(3),
  titleRow: z.boolean(),
  headerRow: z.boolean(),
  footerRow: z.boolean(),
  columns: z.array(z.object({ field: z.enum(Object.keys(BANK_FIELDS) as [BankField, ...BankField[]]), title: z.string().max(30) })).min(1).max(11),
}).strict();

const figure = z.object({ lines: z.number().int(), fen });
export const batchStatusSchema = z.enum(['已生成', '已报送银行', '已回盘', '作废']);
export const paymentStateSchema = z.enum(['未发送', '已生成', '已报送未回盘', '已发放', '发放失败']);

export const paymentBatchViewSchema = z.object({
  id: z.number().int(), batchNo: z.string(), month: z.string(), status: batchStatusSchema, lines: z.number().int(), totalFen: fen,
  townships: z.array(z.object({ code: z.string(), name: z.string() })), fileName: z.string(), createdBy: z.string(), createdAt: z.string(),
  sentAt: z.string().nullable(), returnedAt: z.string().nullable(), voidedAt: z.string().nullable(), voidReason: z.string().nullable(),
  /** Lines re-issuing a failed send (of this or an earlier month). */
  reissues: z.number().int(),
  reconciliation: z.object({ sent: figure, confirmed: figure, failed: figure, reissued: figure, failedOutstanding: figure, awaiting: figure }),
});

export const paymentLineViewSchema = z.object({
  lineId: z.number().int(), seq: z.number().int(), month: z.string(), placementId: z.number().int(), personId: z.number().int(), name: z.string(),
  idMasked: z.string(), cardMasked: z.string(), townshipName: z.string(), villageName: z.string(), amountFen: fen, remark: z.string(),
  result: z.enum(['成功', '失败']).nullable(), reason: z.string().nullable(), retryMarked: z.boolean(),
  /** The payroll line's state now (a failed send re-issued elsewhere shows where it stands). */
  lineState: paymentStateSchema, reissuedIn: z.string().nullable(), mayMarkRetry: z.boolean(),
});

export const paymentHistoryRowSchema = z.object({
  month: z.string(), amountFen: fen, batchNo: z.string(), batchStatus: batchStatusSchema, result: z.enum(['成功', '失败']).nullable(),
  reason: z.string().nullable(), cardMasked: z.string(), remark: z.string(), state: z.string(),
});

const draftSchema = z.object({
  month: z.string(), lines: z.number().int(), totalFen: fen, retries: z.number().int(), retryFen: fen,
  townships: z.array(z.object({ code: z.string(), name: z.string(), lines: z.number().int(), totalFen: fen })),
  /** Townships of the month not approved yet (their lines wait). */
  notApproved: z.array(z.string()),
});

const createInput = z.object({ month, townshipCode: z.string().regex(/^\d{12}$/).nullable().optional(), retryFailed: z.boolean() }).strict();

export const paymentsContract = {
  'payments.batches': { input: z.object({ month: month.optional() }).strict(), output: z.array(paymentBatchViewSchema) },
  'payments.preview': { input: createInput, output: draftSchema },
  'payments.create': { input: createInput, output: z.object({ batch: paymentBatchViewSchema, file: fileOutput }) },
  'payments.file': { input: z.object({ batchId: id }).strict(), output: fileOutput },
  'payments.report': { input: z.object({ batchId: id }).strict(), output: fileOutput },
  'payments.lines': { input: z.object({ batchId: id }).strict(), output: z.array(paymentLineViewSchema) },
  'payments.markSent': { input: z.object({ batchId: id }).strict(), output: paymentBatchViewSchema },
  'payments.void': { input: z.object({ batchId: id, reason: z.string().max(200) }).strict(), output: paymentBatchViewSchema },
  'payments.markRetry': { input: z.object({ lineId: id }).strict(), output: paymentLineViewSchema },
  'payments.personHistory': { input: z.object({ personId: id }).strict(), output: z.array(paymentHistoryRowSchema) },
  'payments.template': { input: z.object({}).strict(), output: bankTemplateSchema },
  'payments.saveTemplate': { input: bankTemplateSchema, output: bankTemplateSchema },
};

export type PaymentBatchView = z.output<typeof paymentBatchViewSchema>;
export type PaymentLineView = z.output<typeof paymentLineViewSchema>;
export type PaymentHistoryRow = z.output<typeof paymentHistoryRowSchema>;
export type PaymentDraft = z.output<typeof draftSchema>;
