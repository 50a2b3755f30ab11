// The engine's contract: for each channel, the zod schema of its input (checked at every door: IPC, HTTP,
// CLI) and of its output. The Api type that the renderer calls is derived from this one table.
import { z } from 'zod';
import type { Channel } from './channels';

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
});

export function decodePeopleList(list: z.output<typeof peopleListSchema>): PersonListRow[] {
  const index = PEOPLE_LIST_COLUMNS.map((c) => list.columns.indexOf(c));
  return list.rows.map((row) => Object.fromEntries(PEOPLE_LIST_COLUMNS.map((c, i) => [c, row[index[i]!]])) as unknown as PersonListRow);
}

const yearPolicySchema = z.object({
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
const roleSchema = z.enum(['clerk', 'manager', 'admin']);
const sessionUserSchema = z.object({ username: z.string(), displayName: z.string(), role: roleSchema, townships: z.array(z.string()).nullable() });
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
const backupViewSchema = z.object({ file: z.string(), name: z.string(), createdAt: z.string(), bytes: z.number().int(), people: z.number().int().nullable(), ok: z.boolean() });
const password = z.string().min(1).max(200);
const username = z.string().trim().min(2).max(30).regex(/^[A-Za-z0-9_.\-\u4e00-\u9fa5]+$/);

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
    input: empty,
    output: peopleListSchema,
  },
  'people.check': {
    input: z.object({ id: z.number().int().positive().optional(), person: personInputSchema }).strict(),
    output: z.object({ errors: fieldErrorsSchema, warnings: fieldErrorsSchema }),
  },
  'people.save': {
    input: z.object({ id: z.number().int().positive().optional(), person: personInputSchema }).strict(),
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
  'backups.list': { input: empty, output: z.object({ directory: z.string(), backups: z.array(backupViewSchema) }) },
  'backups.create': {
    input: z.object({ directory: text(500).optional() }).strict(),
    output: backupViewSchema,
  },
  'backups.restore': {
    input: z.object({ file: text(1000) }).strict(),
    output: z.object({ restored: z.string(), safetyBackup: z.string() }),
  },
} satisfies Record<Channel, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type ChannelInput<K extends Channel> = z.input<Contract[K]['input']>;
export type ChannelOutput<K extends Channel> = z.output<Contract[K]['output']>;
export type PersonView = z.output<typeof personViewSchema>;
export type PersonInputData = z.output<typeof personInputSchema>;
export type SessionUser = z.output<typeof sessionUserSchema>;
export type UserView = z.output<typeof userViewSchema>;
export type AuditEntryView = z.output<typeof auditEntrySchema>;
export type BackupView = z.output<typeof backupViewSchema>;

export interface ApiError { code: string; message: string; details?: unknown }
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** What the renderer calls: one async function per channel, never throwing across the boundary. */
export type Api = { [K in Channel]: (input: ChannelInput<K>) => Promise<ApiResult<ChannelOutput<K>>> };
