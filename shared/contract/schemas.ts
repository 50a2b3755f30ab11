// The engine's contract: for each channel, the zod schema of its input (checked at every door: IPC, HTTP,
// CLI) and of its output. The Api type that the renderer calls is derived from this one table.
import { z } from 'zod';
import './zod-chinese';
import type { Channel } from './channels';
import { employmentContract } from './employment';
import { reportsContract } from './reports';
import { paymentsContract, paymentStateSchema } from './payments';
import { ROLES } from '../domain/roles';
import { IMPORT_ACCESS, type ImportKindName } from './access';
import { PAYROLL_STATUSES } from '../domain/payroll-lifecycle';

const text = (max: number) => z.string().max(max);

export const personInputSchema = z.object({
  idNumber: text(40),
  name: text(50),
  phone: text(30),
  townshipCode: text(12),
  villageCode: text(12),
  householdNo: text(40),
  relation: text(20),
  category: text(20),
  labourAbility: text(20),
  cardNumber: text(40),
  bank: text(50),
  remark: text(200),
}).strict();

const errorSchema = z.object({ code: z.string(), message: z.string() });
const fieldErrorsSchema = z.record(z.string(), errorSchema);

export const personViewSchema = z.object({
  id: z.number().int(),
  idNumber: z.string(),
  idMasked: z.string(),
  name: z.string(),
  nameInitials: z.string(),
  sex: z.enum(['男', '女']),
  birthDate: z.string(),
  age: z.number().int(),
  phone: z.string(),
  townshipCode: z.string(),
  townshipName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  householdNo: z.string(),
  relation: z.string(),
  category: z.string(),
  labourAbility: z.string(),
  cardNumber: z.string(),
  cardMasked: z.string(),
  bank: z.string(),
  remark: z.string(),
  updatedAt: z.string(),
  /** The row's version: an edit form sends it back with people.save (a stale one is refused). */
  version: z.number().int(),
});

/**
 * people.list is columnar: 100,000 people as arrays of values, not objects, so the grid's data is a third
 * of the size to send and parse. decodePeopleList (renderer) turns it back into rows.
 */
export const PEOPLE_LIST_COLUMNS = [
  'id', 'idNumber', 'name', 'nameInitials', 'sex', 'age', 'townshipCode', 'villageCode', 'householdNo',
  'relation', 'category', 'labourAbility', 'phone', 'cardMasked', 'bank', 'remark',
] as const;
export type PersonListRow = Pick<PersonView, (typeof PEOPLE_LIST_COLUMNS)[number]>;
const peopleListSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number()]))),
  /** All the rows the actor may see: more than `rows` when a window (offset, limit) was asked for. */
  total: z.number().int(),
});

export function decodePeopleList(list: z.output<typeof peopleListSchema>): PersonListRow[] {
  const index = PEOPLE_LIST_COLUMNS.map((c) => list.columns.indexOf(c));
  return list.rows.map((row) => Object.fromEntries(PEOPLE_LIST_COLUMNS.map((c, i) => [c, row[index[i]!]])) as unknown as PersonListRow);
}

export const yearPolicySchema = z.object({
  year: z.number().int(),
  monthlySubsidyFen: z.number().int(),
  agreementMonths: z.number().int(),
  firstPaidMonth: z.string(),
  lastPaidMonth: z.string(),
  plannedPosts: z.number().int(),
  employmentTarget: z.number().int().nullable(),
  requiredDays: z.number().int(),
  minAge: z.number().int(),
  warnAge: z.number().int(),
  refuseAge: z.number().int(),
  householdRule: z.enum(['warn', 'refuse']),
});

const empty = z.object({}).strict();
const roleSchema = z.enum(ROLES);
const sessionUserSchema = z.object({
  username: z.string(), displayName: z.string(), role: roleSchema, townships: z.array(z.string()).nullable(),
  /** The channels this user may call, as the engine registers them (the UI hides the rest). */
  channels: z.array(z.string()),
});
const fileSchema = z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() });
const userViewSchema = z.object({
  id: z.number().int(), username: z.string(), displayName: z.string(), role: roleSchema, townships: z.array(z.string()),
  disabled: z.boolean(), lockedUntil: z.string().nullable(),
});
const auditFilterSchema = z.object({
  person: text(40).optional(), username: text(50).optional(), action: text(30).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
}).strict();
const auditEntrySchema = z.object({
  id: z.number().int(), at: z.string(), username: z.string(), entity: z.string(), entityId: z.string().nullable(),
  action: z.string(), before: z.string().nullable(), after: z.string().nullable(), summary: z.string(),
});
/** risky: before an import, undo, approval or restore; migration: before an upgrade; daily; manual. */
export const BACKUP_KINDS = ['risky', 'daily', 'migration', 'manual'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];
const backupViewSchema = z.object({ file: z.string(), name: z.string(), createdAt: z.string(), bytes: z.number().int(), people: z.number().int().nullable(), ok: z.boolean(), kind: z.enum(BACKUP_KINDS) });
const backupRetentionSchema = z.object({ kind: z.enum(BACKUP_KINDS), label: z.string(), count: z.number().int(), keep: z.number().int() });
const password = z.string().min(1).max(200);
const username = z.string().trim().min(2).max(30).regex(/^[A-Za-z0-9_.\-\u4e00-\u9fa5]+$/);

// ---- Posts and placements (公益岗位与上岗安置) ----
const year = z.number().int().min(2000).max(2100);
const isoDate = z.string().max(20);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为YYYY-MM');
const id = z.number().int().positive();

const townshipPlanSchema = z.object({
  townshipCode: text(12),
  plannedPosts: z.number().int().min(0).nullable(),
  employmentTarget: z.number().int().min(0).nullable(),
}).strict();

const quotaLineSchema = z.object({
  code: z.string(),
  name: z.string(),
  plannedPosts: z.number().int().nullable(),
  /** The township has a plan of its own (else the county's plan bounds it). */
  ownPlan: z.boolean(),
  developed: z.number().int(),
  filled: z.number().int(),
  vacant: z.number().int(),
});

export const postViewSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  townshipCode: z.string(),
  townshipName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  postType: z.string(),
  employingUnit: z.string(),
  status: z.enum(['在岗', '空缺']),
  holderName: z.string(),
  holderPlacementId: z.number().int().nullable(),
  /** When vacant: the first day it is free (null: never held). */
  vacantFrom: z.string().nullable(),
  holders: z.number().int(),
});

export const placementViewSchema = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  name: z.string(),
  idMasked: z.string(),
  sex: z.string(),
  ageOnStart: z.number().int(),
  postId: z.number().int(),
  postYear: z.number().int(),
  townshipName: z.string(),
  villageName: z.string(),
  postType: z.string(),
  employingUnit: z.string(),
  startDate: z.string(),
  agreementEndDate: z.string(),
  exitDate: z.string().nullable(),
  exitReason: z.string().nullable(),
  subsidyFen: z.number().int(),
  status: z.enum(['在岗', '已退岗', '协议期满', '未开始']),
  replacesPlacementId: z.number().int().nullable(),
  replacesName: z.string().nullable(),
  confirmedWarnings: z.array(z.string()),
});

const ruleCheckSchema = z.object({ rule: z.string(), outcome: z.enum(['pass', 'warn', 'refuse']), code: z.string().optional(), message: z.string() });

const placeInput = z.object({
  personId: id,
  postId: id,
  startDate: isoDate,
  agreementEndDate: isoDate.optional(),
}).strict();

const fileOutput = z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() });

// ---- Payroll (考勤与补贴发放) ----
const fen = z.number().int();
const payrollStatus = z.enum(PAYROLL_STATUSES);

const moneyTotalsSchema = z.object({ lines: z.number().int(), payableFen: fen, deductionFen: fen, adjustmentFen: fen, netFen: fen });

/** One payroll line as a screen shows it: ID and card masked (R4 and the bank list carry them in full). */
export const payrollLineViewSchema = z.object({
  placementId: z.number().int(),
  personId: z.number().int(),
  name: z.string(),
  idMasked: z.string(),
  cardMasked: z.string(),
  townshipCode: z.string(),
  townshipName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  status: z.enum(['paid', 'no_attendance', 'outside_agreement', 'outside_paid_months', 'adjustment_only']),
  locked: z.boolean(),
  activeDays: z.number().int(),
  daysInMonth: z.number().int(),
  requiredDays: z.number().int(),
  attendedDays: z.number().int().nullable(),
  payableFen: fen,
  deductionFen: fen,
  adjustmentFen: fen,
  netFen: fen,
  /** Where the line's money stands with the bank (代发批次与回盘), and why when it failed or is held back. */
  payment: z.object({ state: paymentStateSchema, reason: z.string().nullable(), batchNo: z.string().nullable() }),
  /** The attendance row's version (null: none entered): sent back with payroll.setAttendance. */
  attendanceVersion: z.number().int().nullable(),
});

export const payrollMonthViewSchema = z.object({
  month: z.string(),
  lines: z.array(payrollLineViewSchema),
  villages: z.array(z.object({ townshipCode: z.string(), villageCode: z.string(), villageName: z.string(), totals: moneyTotalsSchema })),
  townships: z.array(z.object({
    code: z.string(), name: z.string(), status: payrollStatus, submittedBy: z.string().nullable(), submittedAt: z.string().nullable(),
    approvedBy: z.string().nullable(), approvedAt: z.string().nullable(), returnedReason: z.string().nullable(),
    totals: moneyTotalsSchema, anomalies: z.number().int(),
  })),
  totals: moneyTotalsSchema,
  totalInWords: z.string(),
  anomalies: z.array(z.object({ code: z.string(), personId: z.number().int(), placementId: z.number().int(), townshipCode: z.string(), message: z.string() })),
  adjustments: z.array(z.object({
    id: z.number().int(), placementId: z.number().int(), name: z.string(), amountFen: fen, reason: z.string(), correctsMonth: z.string(), createdBy: z.string(),
  })),
});
// 数据导入: a file is opened once (its bytes stay in the engine under a token), then previewed with the
// clerk's sheet and mapping as often as needed, committed, and its rejected rows fetched as a workbook.
/** The largest workbook an import accepts; it travels as about 67 MB of base64. */
export { MAX_IMPORT_FILE_BYTES } from './limits';
const MAX_UPLOAD_BASE64 = 70 * 1024 * 1024;
// The kinds are the keys of the table of who may import them (access.ts), so a new kind cannot lack an access rule.
const importKindSchema = z.enum(Object.keys(IMPORT_ACCESS) as [ImportKindName, ...ImportKindName[]]);
/** The kinds of 数据导入 (the CLI's --kind). */
export const IMPORT_KINDS = importKindSchema.options;
const importOptionsSchema = z.object({
  token: z.string().regex(/^[0-9a-f]{32}$/),
  kind: importKindSchema,
  sheet: z.string().max(100).optional(),
  mapping: z.record(z.string().regex(/^\d{1,5}$/), z.string().max(40).nullable()).optional(),
  /** The month an attendance file is for. */
  month: month.optional(),
}).strict();
const importIssueSchema = z.object({
  row: z.number().int(), column: z.string(), header: z.string(), code: z.string(), message: z.string(),
  /** The row's name and the offending cell's text (an ID masked), for a clerk to find the line. */
  name: z.string().optional(), value: z.string().optional(),
});
const importSummarySchema = z.object({
  kind: importKindSchema,
  /** The kind's Chinese title and the sheet read, for a summary line (the CLI prints them). */
  title: z.string(), sheet: z.string(),
  rows: z.number().int(), created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(),
  rejected: z.number().int(), warnings: z.number().int(),
  batchId: z.number().int().nullable(),
  errors: z.array(importIssueSchema),
  /** A bank return file: lines the bank paid and lines it could not pay. */
  paid: z.number().int().optional(),
  failed: z.number().int().optional(),
});
const alreadyImportedSchema = z.object({ batchId: z.number().int(), at: z.string(), message: z.string() }).nullable();
const importSheetSchema = z.object({ name: z.string(), hidden: z.boolean(), score: z.number().int() });
const importBatchSchema = z.object({
  id: z.number().int(), fileName: z.string(), sha256: z.string(), kind: z.string(), townshipCode: z.string().nullable(),
  townshipName: z.string(), createdBy: z.string(), createdAt: z.string(), rows: z.number().int(), created: z.number().int(),
  updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int(), warnings: z.number().int(),
  status: z.enum(['applied', 'undone']),
});
const keyLabelSchema = z.object({ key: z.string(), label: z.string() });

export const contract = {
  'auth.status': {
    input: empty,
    output: z.object({ needsSetup: z.boolean(), user: sessionUserSchema.nullable(), idleMinutes: z.number().int() }),
  },
  'auth.setup': {
    input: z.object({ username, displayName: text(30).min(1), password }).strict(),
    output: z.object({ user: sessionUserSchema }),
  },
  'auth.login': {
    input: z.object({ username: text(30), password }).strict(),
    output: z.object({ user: sessionUserSchema }),
  },
  'auth.logout': { input: empty, output: z.object({ loggedOut: z.literal(true) }) },
  'auth.changePassword': {
    input: z.object({ oldPassword: password, password }).strict(),
    output: z.object({ changed: z.literal(true) }),
  },
  'app.info': {
    input: empty,
    output: z.object({
      county: z.object({ code: z.string(), name: z.string(), cityName: z.string(), provinceName: z.string() }),
      databasePath: z.string(),
      peopleCount: z.number().int(),
      policies: z.array(yearPolicySchema),
      user: z.object({ username: z.string(), role: roleSchema }),
    }),
  },
  'divisions.townships': {
    input: empty,
    output: z.array(z.object({
      code: z.string(),
      name: z.string(),
      villages: z.array(z.object({ code: z.string(), name: z.string(), displayName: z.string() })),
    })),
  },
  'people.list': {
    // A window of the list: 人员台账 shows the first screen before the rest arrives.
    // ageOn: the ages as a rule uses them (the placement dialog: age on the start date), today by default.
    input: z.object({ offset: z.number().int().min(0).optional(), limit: z.number().int().positive().max(1_000_000).optional(), ageOn: z.iso.date().optional() }).strict(),
    output: peopleListSchema,
  },
  'people.check': {
    input: z.object({ id: z.number().int().positive().optional(), person: personInputSchema }).strict(),
    output: z.object({ errors: fieldErrorsSchema, warnings: fieldErrorsSchema }),
  },
  'people.save': {
    // Changing a person (id given) names the version the form loaded: a save over someone else's change is
    // refused with STALE_VERSION instead of overwriting it.
    input: z.object({ id: z.number().int().positive().optional(), version: z.number().int().positive().optional(), person: personInputSchema }).strict()
      .refine((v) => v.id === undefined || v.version !== undefined, { message: '修改人员时须带上读取时的版本号（version）', path: ['version'] }),
    output: z.object({ person: personViewSchema, warnings: fieldErrorsSchema }),
  },
  'people.export': {
    input: z.object({ ids: z.array(z.number().int().positive()).max(1_000_000) }).strict(),
    output: fileSchema,
  },
  'people.get': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: personViewSchema,
  },
  'people.reveal': {
    input: z.object({ id: z.number().int().positive(), field: z.enum(['idNumber', 'cardNumber']) }).strict(),
    output: z.object({ value: z.string() }),
  },
  'people.matchId': {
    input: z.object({ fragment: z.string().regex(/^[0-9Xx]{4,18}$/) }).strict(),
    output: z.object({ ids: z.array(z.number().int()) }),
  },
  'users.list': { input: empty, output: z.array(userViewSchema) },
  'users.save': {
    input: z.object({
      id: z.number().int().positive().optional(), username, displayName: text(30).min(1), role: roleSchema,
      townships: z.array(text(12)).max(100), disabled: z.boolean(), password: password.optional(),
    }).strict(),
    output: userViewSchema,
  },
  'users.resetPassword': {
    input: z.object({ id: z.number().int().positive(), password }).strict(),
    output: z.object({ reset: z.literal(true) }),
  },
  'audit.list': { input: auditFilterSchema, output: z.object({ entries: z.array(auditEntrySchema), truncated: z.boolean() }) },
  'audit.export': { input: auditFilterSchema, output: fileSchema },
  'backups.list': { input: empty, output: z.object({ directory: z.string(), backups: z.array(backupViewSchema), retention: z.array(backupRetentionSchema) }) },
  'backups.create': {
    input: z.object({ directory: text(500).optional() }).strict(),
    output: backupViewSchema,
  },
  'backups.restore': {
    input: z.object({ file: text(1000), confirmNoAdmin: z.boolean().optional() }).strict(),
    output: z.object({ restored: z.string(), safetyBackup: z.string() }),
  },
  ...employmentContract,
  ...reportsContract,
  ...paymentsContract,
  'policies.plans': {
    input: z.object({ year }).strict(),
    output: z.array(townshipPlanSchema),
  },
  'policies.save': {
    input: z.object({ policy: yearPolicySchema.strict(), townshipPlans: z.array(townshipPlanSchema).max(200) }).strict(),
    output: z.object({ policy: yearPolicySchema, townshipPlans: z.array(townshipPlanSchema) }),
  },
  'plans.save': {
    input: z.object({ year, townshipCode: text(12), plannedPosts: z.number().int().min(0).nullable() }).strict(),
    output: townshipPlanSchema,
  },
  'posts.summary': {
    input: z.object({ year }).strict(),
    output: z.object({ year: z.number().int(), asOf: z.string(), county: quotaLineSchema, townships: z.array(quotaLineSchema) }),
  },
  'posts.list': {
    input: z.object({ year }).strict(),
    output: z.object({ asOf: z.string(), posts: z.array(postViewSchema) }),
  },
  'posts.create': {
    input: z.object({ year, villageCode: text(12), postType: text(20), employingUnit: text(60).optional() }).strict(),
    output: postViewSchema,
  },
  'posts.history': {
    input: z.object({ postId: id }).strict(),
    output: z.object({ post: postViewSchema, placements: z.array(placementViewSchema) }),
  },
  'placements.list': {
    input: z.object({ year }).strict(),
    output: z.array(placementViewSchema),
  },
  'placements.check': {
    input: placeInput,
    output: z.object({
      checks: z.array(ruleCheckSchema),
      canPlace: z.boolean(),
      needsConfirmation: z.boolean(),
      agreementEndDate: z.string().nullable(),
      maxAgreementEndDate: z.string().nullable(),
      subsidyFen: z.number().int().nullable(),
    }),
  },
  'placements.place': {
    input: placeInput.extend({ confirmWarnings: z.boolean() }).strict(),
    output: placementViewSchema,
  },
  'placements.exit': {
    input: z.object({ placementId: id, exitDate: isoDate, reason: text(20) }).strict(),
    output: placementViewSchema,
  },
  'reports.r3': {
    input: z.object({ month, version: z.enum(['full', 'public']) }).strict(),
    output: fileOutput,
  },
  'payroll.month': {
    input: z.object({ month }).strict(),
    output: payrollMonthViewSchema,
  },
  'payroll.setAttendance': {
    input: z.object({
      month,
      // version: the line's attendanceVersion as loaded; a change over someone else's is refused with
      // STALE_VERSION. Left out, not checked (scripts); the grid always sends it.
      entries: z.array(z.object({
        placementId: z.number().int().positive(), attendedDays: z.number().int().min(0).max(31).nullable(), version: z.number().int().positive().nullable().optional(),
      }).strict()).min(1).max(100_000),
    }).strict(),
    output: payrollMonthViewSchema,
  },
  'payroll.transition': {
    input: z.object({ month, townshipCode: text(12), action: z.enum(['submit', 'approve', 'return', 'reopen']), reason: text(200).optional() }).strict(),
    output: payrollMonthViewSchema,
  },
  'payroll.addAdjustment': {
    input: z.object({
      month, placementId: z.number().int().positive(), kind: z.enum(['补发', '扣回']), amountFen: z.number().int().positive().max(100_000_000),
      correctsMonth: month, reason: text(200),
    }).strict(),
    output: payrollMonthViewSchema,
  },
  'payroll.board': {
    input: z.object({ year: z.number().int().min(2000).max(2100) }).strict(),
    output: z.object({ months: z.array(z.string()), townships: z.array(z.object({ code: z.string(), name: z.string(), statuses: z.array(payrollStatus) })) }),
  },
  'payroll.export': {
    input: z.object({ month, kind: z.enum(['R2', 'R4', 'bank']) }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  },
  'payroll.compute': {
    input: z.object({ month }).strict(),
    output: z.object({
      month: z.string(), lines: z.number().int(), totalFen: z.number().int(), totalYuan: z.string(), totalInWords: z.string(),
      anomalies: z.array(z.object({ code: z.string(), personId: z.number().int(), message: z.string() })),
      townships: z.array(z.object({ code: z.string(), name: z.string(), status: z.string(), lines: z.number().int(), netFen: z.number().int() })),
    }),
  },
  'reports.files': {
    input: z.object({ report: z.enum(['R1', 'R2', 'R3', 'R4', 'R5', 'all']), month }).strict(),
    output: z.object({ files: z.array(fileSchema) }),
  },
  'import.open': {
    input: z.object({ fileName: text(255), base64: z.string().max(MAX_UPLOAD_BASE64), kind: importKindSchema }).strict(),
    output: z.object({
      token: z.string(), fileName: z.string(), sha256: z.string(), sizeBytes: z.number().int(),
      sheets: z.array(importSheetSchema), defaultSheet: z.string().nullable(),
    }),
  },
  'import.preview': {
    input: importOptionsSchema,
    output: z.object({
      fileName: z.string(), sha256: z.string(), sheet: z.string(), sheets: z.array(importSheetSchema),
      headerRows: z.object({ first: z.number().int(), last: z.number().int() }),
      fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
      columns: z.array(z.object({ index: z.number().int(), letter: z.string(), header: z.string(), field: z.string().nullable(), samples: z.array(z.string()) })),
      missing: z.array(z.string()),
      ignored: z.array(z.string()),
      summary: importSummarySchema,
      warningList: z.array(importIssueSchema),
      alreadyImported: alreadyImportedSchema,
    }),
  },
  'import.commit': {
    input: importOptionsSchema,
    output: z.object({ summary: importSummarySchema, alreadyImported: alreadyImportedSchema }),
  },
  'import.errorReport': {
    input: importOptionsSchema,
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  },
  'import.batches': {
    input: empty,
    output: z.array(importBatchSchema),
  },
  'import.undo': {
    input: z.object({ batchId: z.number().int().positive() }).strict(),
    output: z.object({ batchId: z.number().int(), undone: z.literal(true) }),
  },
  'import.compare': {
    input: z.object({ batchId: z.number().int().positive() }).strict(),
    output: z.object({
      batchId: z.number().int(),
      previous: importBatchSchema.nullable(),
      added: z.array(keyLabelSchema),
      missing: z.array(keyLabelSchema),
      changed: z.array(keyLabelSchema.extend({ fields: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })) })),
    }),
  },
} satisfies Record<Channel, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type ChannelInput<K extends Channel> = z.input<Contract[K]['input']>;
export type ChannelOutput<K extends Channel> = z.output<Contract[K]['output']>;
export type PersonView = z.output<typeof personViewSchema>;
export type PayrollMonthView = z.output<typeof payrollMonthViewSchema>;
export type PayrollLineView = z.output<typeof payrollLineViewSchema>;
export type PersonInputData = z.output<typeof personInputSchema>;
export type SessionUser = z.output<typeof sessionUserSchema>;
export type UserView = z.output<typeof userViewSchema>;
export type AuditEntryView = z.output<typeof auditEntrySchema>;
export type BackupView = z.output<typeof backupViewSchema>;
export type PostView = z.output<typeof postViewSchema>;
export type PlacementView = z.output<typeof placementViewSchema>;
export type ImportPreview = ChannelOutput<'import.preview'>;
export type ImportSummary = z.output<typeof importSummarySchema>;
export type ImportIssueView = z.output<typeof importIssueSchema>;
export type ImportBatchView = z.output<typeof importBatchSchema>;

export interface ApiError { code: string; message: string; details?: unknown }
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** What the renderer calls: one async function per channel, never throwing across the boundary. */
export type Api = { [K in Channel]: (input: ChannelInput<K>) => Promise<ApiResult<ChannelOutput<K>>> };
