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

export const contract = {
  'app.info': {
    input: empty,
    output: z.object({
      county: z.object({ code: z.string(), name: z.string(), cityName: z.string(), provinceName: z.string() }),
      databasePath: z.string(),
      peopleCount: z.number().int(),
      policies: z.array(yearPolicySchema),
      user: z.object({ username: z.string(), role: z.enum(['clerk', 'manager', 'admin']) }),
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
    output: z.array(personViewSchema),
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
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  },
} satisfies Record<Channel, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type ChannelInput<K extends Channel> = z.input<Contract[K]['input']>;
export type ChannelOutput<K extends Channel> = z.output<Contract[K]['output']>;
export type PersonView = z.output<typeof personViewSchema>;
export type PersonInputData = z.output<typeof personInputSchema>;

export interface ApiError { code: string; message: string; details?: unknown }
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** What the renderer calls: one async function per channel, never throwing across the boundary. */
export type Api = { [K in Channel]: (input: ChannelInput<K>) => Promise<ApiResult<ChannelOutput<K>>> };
