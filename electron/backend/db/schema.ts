// The database, typed once: every table of the domain model (SPEC §2). Money columns end in _fen.
import type { Role } from '../../../shared/domain/roles';
import type { PayrollStatus } from '../../../shared/domain/payroll-lifecycle';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type CreatedAt = ColumnType<string, string | undefined, never>;

export interface MetaTable { key: string; value: string }

export interface DivisionTable {
  code: string;
  name: string;
  level: 'county' | 'township' | 'village';
  parent_code: string | null;
}

/** Former or variant names of a division (印庄乡 for 印庄镇), used by the importer. */
export interface DivisionAliasTable { alias: string; code: string }

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  disabled: Generated<number>;
  created_at: CreatedAt;
}

export interface UserTownshipTable { user_id: number; township_code: string }

export interface PersonTable {
  id: Generated<number>;
  id_number: string;
  name: string;
  sex: '男' | '女';
  birth_date: string;
  phone: string | null;
  township_code: string;
  village_code: string;
  household_no: string | null;
  relation: string | null;
  category: string;
  labour_ability: string;
  card_number: string | null;
  bank: string | null;
  remark: string | null;
  /** Pinyin initials of the name (张三丰 → zsf), for the quick search. */
  name_initials: string;
  created_at: CreatedAt;
  updated_at: string;
  /** Raised by the database on every update (migration row_versions): a save names the one it loaded. */
  version: Generated<number>;
}

export interface YearPolicyTable {
  year: number;
  monthly_subsidy_fen: number;
  agreement_months: number;
  first_paid_month: string;
  last_paid_month: string;
  planned_posts: number;
  employment_target: number | null;
  required_days: number;
  min_age: number;
  warn_age: number;
  refuse_age: number;
  household_rule: 'warn' | 'refuse';
  pay_rule: Generated<'prorate' | 'per_day_deduction'>;
  deduction_per_day_fen: number | null;
}

export interface TownshipPlanTable {
  year: number;
  township_code: string;
  planned_posts: number | null;
  employment_target: number | null;
}

export interface PostTable {
  id: Generated<number>;
  year: number;
  township_code: string;
  village_code: string;
  post_type: string;
  employing_unit: string;
  created_at: CreatedAt;
}

export interface PlacementTable {
  id: Generated<number>;
  person_id: number;
  post_id: number;
  start_date: string;
  agreement_end_date: string;
  subsidy_fen: number;
  exit_date: string | null;
  exit_reason: string | null;
  replaces_placement_id: number | null;
  created_at: CreatedAt;
  /** JSON array of the warning codes the clerk confirmed when placing (migration 003). */
  confirmed_warnings: string | null;
  version: Generated<number>;
}

export interface AttendanceTable {
  placement_id: number;
  month: string;
  attended_days: number;
  batch_id: number | null;
  version: Generated<number>;
}

export interface PayrollMonthTable {
  month: string;
  township_code: string;
  status: PayrollStatus;
  submitted_by: string | null;
  submitted_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  returned_reason: string | null;
}

/** Lines frozen when a township-month is approved; an open month is computed, not stored. */
export interface PayrollLineTable {
  id: Generated<number>;
  month: string;
  placement_id: number;
  required_days: number;
  attended_days: number;
  payable_fen: number;
  deduction_fen: number;
  adjustment_fen: number;
  net_fen: number;
  // Snapshot at approval (migration 002): who, which card, where, and how the line was judged.
  person_id: number | null;
  name: string | null;
  id_number: string | null;
  card_number: string | null;
  township_code: string | null;
  village_code: string | null;
  status: string | null;
  active_days: number | null;
}

export interface AdjustmentTable {
  id: Generated<number>;
  month: string;
  placement_id: number;
  amount_fen: number;
  reason: string;
  corrects_month: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface EmploymentRecordTable {
  id: Generated<number>;
  person_id: number;
  year: number;
  status: '已就业' | '未就业' | '无劳动能力';
  form: string | null;
  /** The province (or 本县) a labourer works in. */
  destination: string | null;
  destination_city: string | null;
  employer: string | null;
  start_month: string | null;
  months_worked: number | null;
  avg_income_fen: number | null;
  wants_work: number | null;
  reason_not_employed: string | null;
  updated_at: string;
  version: Generated<number>;
}

export interface ServiceTable {
  id: Generated<number>;
  person_id: number;
  date: string;
  kind: 'guidance' | 'job_offer' | 'training_referral';
  employer: string | null;
  post: string | null;
  note: string | null;
  created_by: string;
}

export interface TrainingTable {
  id: Generated<number>;
  year: number;
  name: string;
  trade: string;
  start_date: string;
  end_date: string;
  place: string | null;
  organiser: string | null;
}

export interface TraineeTable {
  training_id: number;
  person_id: number;
  completed: Generated<number>;
  certificate: string | null;
}

export interface ImportBatchTable {
  id: Generated<number>;
  file_name: string;
  sha256: string;
  kind: 'people' | 'employment' | 'placements' | 'attendance' | 'bank-return';
  month: string | null;
  township_code: string | null;
  created_by: string;
  created_at: CreatedAt;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  status: 'applied' | 'undone';
}

/** What one batch did to one record, so the batch can be undone. */
export interface ImportChangeTable {
  id: Generated<number>;
  batch_id: number;
  entity: string;
  entity_id: number;
  action: 'create' | 'update';
  before_json: string | null;
  after_json: string;
}

/** The accepted rows of a batch's file (gzipped JSON of SnapshotRow[]), for 与上次对比. */
export interface ImportSnapshotTable {
  batch_id: number;
  rows_gz: Buffer;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  username: string;
  entity: string;
  entity_id: string | null;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

export interface ReportSettingTable { key: string; value: string }

export interface ReportExportTable {
  id: Generated<number>;
  report: string;
  month: string;
  file_name: string;
  username: string;
  exported_at: string;
  digest: string;
  snapshot: string;
}

/** A numbered payment batch (代发批次, migration 202611300547). */
export interface PaymentBatchTable {
  id: Generated<number>;
  month: string;
  seq: number;
  batch_no: string;
  status: '已生成' | '已报送银行' | '已回盘' | '作废';
  line_count: number;
  total_fen: number;
  /** JSON array of the township codes whose lines it holds. */
  townships: string;
  file_name: string;
  created_by: string;
  created_at: string;
  sent_by: string | null;
  sent_at: string | null;
  returned_at: string | null;
  voided_by: string | null;
  voided_at: string | null;
  void_reason: string | null;
}

/** One send of a payroll line (month + placement) in a batch, with the name, ID and card it went with. */
export interface PaymentLineTable {
  id: Generated<number>;
  batch_id: number;
  seq: number;
  month: string;
  placement_id: number;
  person_id: number;
  name: string;
  id_number: string;
  card_number: string;
  township_code: string;
  village_code: string;
  amount_fen: number;
  remark: Generated<string>;
  retry_of_return_id: number | null;
}

/** The bank's answer for one line, from a return file (回盘). */
export interface PaymentReturnTable {
  id: Generated<number>;
  line_id: number;
  batch_id: number;
  result: '成功' | '失败';
  reason: string | null;
  import_batch_id: number | null;
  row: number | null;
  retry_marked_by: string | null;
  retry_marked_at: string | null;
}

export interface Database {
  meta: MetaTable;
  divisions: DivisionTable;
  division_aliases: DivisionAliasTable;
  users: UserTable;
  user_townships: UserTownshipTable;
  people: PersonTable;
  year_policies: YearPolicyTable;
  township_plans: TownshipPlanTable;
  posts: PostTable;
  placements: PlacementTable;
  attendance: AttendanceTable;
  payroll_months: PayrollMonthTable;
  payroll_lines: PayrollLineTable;
  adjustments: AdjustmentTable;
  employment_records: EmploymentRecordTable;
  services: ServiceTable;
  trainings: TrainingTable;
  trainees: TraineeTable;
  import_batches: ImportBatchTable;
  import_changes: ImportChangeTable;
  import_snapshots: ImportSnapshotTable;
  audit_log: AuditLogTable;
  report_settings: ReportSettingTable;
  report_exports: ReportExportTable;
  payment_batches: PaymentBatchTable;
  payment_lines: PaymentLineTable;
  payment_returns: PaymentReturnTable;
}

export type PersonRow = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type YearPolicyRow = Selectable<YearPolicyTable>;
export type DivisionRow = Selectable<DivisionTable>;
export type EmploymentRecordRow = Selectable<EmploymentRecordTable>;
export type ServiceRow = Selectable<ServiceTable>;
export type TrainingRow = Selectable<TrainingTable>;
export type PostRow = Selectable<PostTable>;
export type NewPost = Insertable<PostTable>;
export type PlacementRow = Selectable<PlacementTable>;
export type NewPlacement = Insertable<PlacementTable>;
