// The contract of the employment ledger, 131 services, trainings, targets and the R1/R5 reports (issue 7).
// Kept in its own file and spread into the contract table in schemas.ts.
import { z } from 'zod';

const text = (max: number) => z.string().max(max);
const year = z.number().int().min(2000).max(2100);
const errorSchema = z.object({ code: z.string(), message: z.string() });
const fieldErrorsSchema = z.record(z.string(), errorSchema);
const id = z.number().int().positive();

/** What a clerk enters. Status and form are free strings here so the engine answers a wrong value in Chinese. */
export const employmentInputSchema = z.object({
  status: text(20),
  form: text(20).nullable(),
  destinationProvince: text(30).nullable(),
  destinationCity: text(30).nullable(),
  employer: text(100).nullable(),
  startMonth: text(20).nullable(),
  monthsWorked: z.number().int().min(0).max(99).nullable(),
  avgIncomeFen: z.number().int().min(0).max(100_000_000).nullable(),
  wantsWork: z.boolean().nullable(),
  reasonNotEmployed: text(100).nullable(),
}).strict();

const progressSchema = z.object({
  guidance: z.number().int(), jobOffers: z.number().int(), training: z.number().int(),
  complete: z.boolean(), missing: z.array(z.string()), label: z.string(),
});

export const ledgerRowSchema = z.object({
  personId: z.number().int(),
  name: z.string(),
  nameInitials: z.string(),
  idNumber: z.string(),
  idMasked: z.string(),
  sex: z.string(),
  age: z.number().int(),
  townshipCode: z.string(),
  townshipName: z.string(),
  villageName: z.string(),
  labourAbility: z.string(),
  status: z.string(),
  form: z.string().nullable(),
  destinationProvince: z.string().nullable(),
  destinationCity: z.string().nullable(),
  employer: z.string().nullable(),
  startMonth: z.string().nullable(),
  monthsWorked: z.number().int().nullable(),
  avgIncomeFen: z.number().int().nullable(),
  wantsWork: z.boolean().nullable(),
  reasonNotEmployed: z.string().nullable(),
  /** entered by a clerk, derived from a post, or nothing recorded */
  source: z.enum(['entered', 'post', 'none']),
  postMonths: z.string().nullable(),
  otherWork: z.string().nullable(),
  serviceTarget: z.boolean(),
  progress: progressSchema,
  lastServiceDate: z.string().nullable(),
  checks: z.array(errorSchema),
  /** The stored record's version (null: none yet); employment.save sends it back. */
  recordVersion: z.number().int().nullable(),
});

const targetsSchema = z.object({
  year: z.number().int(),
  countyTarget: z.number().int().nullable(),
  labourers: z.number().int(),
  employed: z.number().int(),
  /** hundredths of a percent */
  completionRate: z.number().int().nullable(),
  townships: z.array(z.object({
    code: z.string(), name: z.string(), target: z.number().int().nullable(), labourers: z.number().int(), employed: z.number().int(),
    completionRate: z.number().int().nullable(),
  })),
  warnings: z.array(errorSchema),
});

const serviceViewSchema = z.object({
  id: z.number().int(), personId: z.number().int(), date: z.string(), kind: z.enum(['guidance', 'job_offer', 'training_referral']),
  employer: z.string().nullable(), post: z.string().nullable(), note: z.string().nullable(), createdBy: z.string(),
});

const trainingInputSchema = z.object({
  id: id.optional(), year, name: text(100), trade: text(50), startDate: text(10), endDate: text(10), place: text(100), organiser: text(100),
}).strict();

const trainingViewSchema = z.object({
  id: z.number().int(), year: z.number().int(), name: z.string(), trade: z.string(), startDate: z.string(), endDate: z.string(),
  place: z.string(), organiser: z.string(), trainees: z.number().int(), completed: z.number().int(), certified: z.number().int(),
});

const traineeViewSchema = z.object({
  personId: z.number().int(), name: z.string(), idMasked: z.string(), townshipName: z.string(), villageName: z.string(),
  completed: z.boolean(), certificate: z.string().nullable(),
});

export const employmentContract = {
  'employment.ledger': {
    input: z.object({ year }).strict(),
    output: z.object({ year: z.number().int(), checkDate: z.string(), rows: z.array(ledgerRowSchema), targets: targetsSchema }),
  },
  'employment.save': {
    // version: the record's version as loaded (null: there was none). A save over someone else's change is
    // refused with STALE_VERSION. Left out, the save is not checked (scripts); the screens always send it.
    input: z.object({ year, personId: id, version: z.number().int().positive().nullable().optional(), record: employmentInputSchema }).strict(),
    output: z.object({ row: ledgerRowSchema, warnings: fieldErrorsSchema }),
  },
  'employment.checks': {
    input: z.object({ year }).strict(),
    output: z.object({
      checkDate: z.string(),
      items: z.array(z.object({ personId: z.number().int(), name: z.string(), townshipName: z.string(), villageName: z.string(), code: z.string(), message: z.string() })),
    }),
  },
  'employment.targets': {
    input: z.object({ year }).strict(),
    output: targetsSchema,
  },
  'employment.saveTargets': {
    input: z.object({
      year, countyTarget: z.number().int().min(0).max(10_000_000).nullable(),
      townships: z.array(z.object({ code: text(12), target: z.number().int().min(0).max(10_000_000).nullable() }).strict()).max(200),
    }).strict(),
    output: targetsSchema,
  },
  'services.list': {
    input: z.object({ personId: id, year }).strict(),
    output: z.object({ services: z.array(serviceViewSchema), row: ledgerRowSchema.nullable() }),
  },
  'services.add': {
    input: z.object({
      personId: id, date: text(10), kind: z.enum(['guidance', 'job_offer', 'training_referral']),
      employer: text(100).nullable(), post: text(100).nullable(), note: text(200).nullable(),
    }).strict(),
    output: z.object({ service: serviceViewSchema, row: ledgerRowSchema.nullable() }),
  },
  'services.delete': {
    input: z.object({ id }).strict(),
    output: z.object({ row: ledgerRowSchema.nullable() }),
  },
  'trainings.list': {
    input: z.object({ year }).strict(),
    output: z.array(trainingViewSchema),
  },
  'trainings.save': {
    input: trainingInputSchema,
    output: trainingViewSchema,
  },
  'trainings.trainees': {
    input: z.object({ trainingId: id }).strict(),
    output: z.array(traineeViewSchema),
  },
  'trainings.enrol': {
    /** By the people picked in a search, or by ID numbers pasted from a workbook's column (one per line). */
    input: z.object({ trainingId: id, personIds: z.array(id).max(10_000).default([]), idNumbers: z.array(text(40)).max(10_000).default([]) }).strict(),
    output: z.object({
      enrolled: z.number().int(), already: z.number().int(),
      /** Pasted lines that are no valid ID number, or nobody in the ledger. */
      notFound: z.array(z.object({ value: z.string(), code: z.string(), message: z.string() })),
    }),
  },
  'trainings.setTrainee': {
    input: z.object({ trainingId: id, personId: id, completed: z.boolean(), certificate: text(60).nullable() }).strict(),
    output: traineeViewSchema,
  },
  'trainings.unenrol': {
    input: z.object({ trainingId: id, personId: id }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
  'reports.employment': {
    input: z.object({ report: z.enum(['R1', 'R5']), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  },
} as const;

export type LedgerRowView = z.output<typeof ledgerRowSchema>;
export type EmploymentInputData = z.output<typeof employmentInputSchema>;
export type ServiceView = z.output<typeof serviceViewSchema>;
export type TrainingView = z.output<typeof trainingViewSchema>;
export type TraineeView = z.output<typeof traineeViewSchema>;
export type TargetsView = z.output<typeof targetsSchema>;
