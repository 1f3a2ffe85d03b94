// The PostgreSQL schema as Kysely sees it. Columns mirror db/migrations; closed lists of values
// take their types from domain/vocabulary.ts, and an actor column holds a domain/access.ts Principal.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Principal, Role } from '../domain/access.js';
import type { PolicyName } from '../domain/policy.js';
import type {
  AssigneeRole,
  CalendarDayKind,
  HukouType,
  NotificationKind,
  PaymentAttemptStatus,
  Sex,
  StandardStatus,
  TaskStatus,
  WebhookFormat,
} from '../domain/vocabulary.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in when the insert leaves it out. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns are read as YYYY-MM-DD strings (see db/database.ts type parser). */
type DateString = ColumnType<string, string, string>;
/** bigint money columns are parsed to number: fen amounts stay far below 2^53. */
type Fen = ColumnType<number, number, number>;
/** JSON columns are written as serialised text and read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export interface DivisionsTable {
  code: string;
  name: string;
  parent_code: string | null;
  level: number;
}

export interface DepartmentsTable {
  code: string;
  name_zh: string;
  name_en: string;
  is_lead: boolean;
}

export interface PersonsTable {
  person_id: string;
  id_number: string;
  /** HMAC-SHA-256 of id_number under SEARCH_HASH_KEY (db/idNumberHash.ts): what search matches. */
  id_number_hash: string | null;
  name: string;
  birth_date: DateString;
  sex: Sex;
  hukou_type: HukouType;
  disability: Json<{ category: string; grade: number }> | null;
  serious_illness: ColumnType<boolean, boolean | undefined, boolean>;
  in_full_time_education_until: DateString | null;
  bank_account: Json<{ bank: string; accountNo: string; holder: string }> | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface CasesTable {
  case_id: string;
  person_id: string;
  institution_id: string;
  division_code: string;
  stage: string;
  pathway: string | null;
  adulthood_date: DateString;
  assessment: Json<unknown> | null;
  recommendation: Json<unknown> | null;
  proposal: Json<unknown> | null;
  reviews: ColumnType<unknown[], string | undefined, string>;
  subsidy: Json<unknown> | null;
  withdrawal: Json<unknown> | null;
  projection_version: Generated<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  closed_at: Timestamp | null;
}

export interface TasksTable {
  task_id: string;
  case_id: string;
  kind: string;
  assignee_role: AssigneeRole;
  department: string | null;
  institution_id: string | null;
  division_code: string;
  assignee_sub: string | null;
  status: TaskStatus;
  due_at: Timestamp;
  due_date_warning: string | null;
  reminded_at: Timestamp | null;
  escalation_level: Generated<number>;
  escalated_to: string | null;
  outcome: string | null;
  note: string | null;
  block_reason: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  completed_by: Json<Principal> | null;
  completed_at: Timestamp | null;
  projection_version: Generated<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface CaseCorrectionsTable {
  correction_id: string;
  case_id: string;
  changes: Json<Record<string, unknown>>;
  reason: string;
  requested_by: Json<Principal>;
  status: 'pending' | 'applied' | 'refused';
  created_at: DefaultedTimestamp;
  applied_at: Timestamp | null;
}

export interface SubsidyStandardsTable {
  standard_id: string;
  division_code: string;
  amount_fen: Fen;
  effective_from: DateString;
  basis: string;
  status: StandardStatus;
  proposed_by: Json<Principal>;
  cosigned_by: Json<Principal> | null;
  cosigned_at: Timestamp | null;
  created_at: DefaultedTimestamp;
}

export interface PoliciesTable {
  policy_id: string;
  name: PolicyName;
  division_code: string;
  effective_from: DateString;
  body: Json<unknown>;
  note: Generated<string>;
  created_at: DefaultedTimestamp;
}

export interface CalendarYearsTable {
  year: number;
  source: string;
  loaded_at: DefaultedTimestamp;
}

export interface CalendarDaysTable {
  day: DateString;
  kind: CalendarDayKind;
  name: string;
}

/** The payment ledger: one row per payment attempt of a case's subsidy. */
export interface DisbursementsTable {
  disbursement_id: string;
  case_id: string;
  attempt: number;
  idempotency_key: string;
  gateway: 'manual' | 'http';
  amount_fen: Fen;
  regional_share_fen: Fen;
  local_share_fen: Fen;
  standard_id: string;
  status: PaymentAttemptStatus;
  bank_reference: string | null;
  voucher_no: string | null;
  failure_reason: string | null;
  approved_by: Json<Principal>;
  confirmed_by: Json<Principal> | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface AuditEventsTable {
  chain_id: string;
  seq: number;
  event_key: string;
  at: Timestamp;
  actor: Json<Principal>;
  /**
   * The event type (the column keeps its first name: it is in every stored hash and the API).
   * appendAuditEvent writes only an AuditEventType; a read gets whatever is stored, forgeries too.
   */
  action: string;
  data: Json<Record<string, unknown>>;
  workflow_id: string | null;
  run_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  chain_id: string;
  seq: number;
  hash: string;
  /** The head's hash before its last move: what that event links to. */
  prev_hash: string | null;
  /** The key of the event that moved the head last. */
  last_event_key: string | null;
  division_code: string | null;
  updated_at: DefaultedTimestamp;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  method: string;
  path: string;
  body_hash: string;
  status_code: number | null;
  response: Json<unknown> | null;
  created_at: DefaultedTimestamp;
}

/** What happened and to which audience (domain/notificationAudience.ts). */
export interface NotificationsTable {
  notification_id: string;
  case_id: string | null;
  task_id: string | null;
  standard_id: string | null;
  subscription_id: ColumnType<string | null, string | null | undefined, string | null>;
  kind: NotificationKind;
  recipient_role: string;
  recipient_org: string | null;
  division_code: string;
  message: string;
  details: ColumnType<NotificationDetails, string | undefined, string>;
  created_at: DefaultedTimestamp;
}

/** The message's facts as data: never a name or an ID number. */
export interface NotificationDetails {
  taskKind?: string;
  dueAt?: string;
  decision?: string;
  pathway?: string | null;
  payment?: 'approved' | 'paid' | 'failed';
  attempt?: number;
  why?: 'overdue' | 'blocked';
  effectiveFrom?: string;
}

/** One person (a user id, or a bearer token's subject) who hears a notification, and whether they read it. */
export interface NotificationRecipientsTable {
  recipient_sub: string;
  notification_id: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface UsersTable {
  user_id: string;
  username: string;
  display_name: string;
  role: Role;
  org: string;
  division_code: string;
  email: string | null;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  /** argon2id, PHC string; null for an account that signs in only through the identity provider. */
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  notification_preferences: ColumnType<Record<string, unknown>, string | undefined, string>;
  last_sign_in_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  created_by: Json<Principal>;
  updated_at: DefaultedTimestamp;
  updated_by: Json<Principal>;
}

export interface SessionsTable {
  session_id: string;
  /** SHA-256 (hex) of the cookie's secret; the secret is never stored. */
  token_hash: string;
  user_id: string;
  method: 'password' | 'oidc';
  created_at: DefaultedTimestamp;
  last_seen_at: DefaultedTimestamp;
  expires_at: Timestamp;
  address: string | null;
}

export interface SignInFailuresTable {
  /** SHA-256 (hex) of the lower-cased username as typed. */
  username_key: string;
  failed_at: DefaultedTimestamp;
  address: string | null;
}

export interface WebhookSubscriptionsTable {
  subscription_id: string;
  division_code: string;
  url: string;
  events: ColumnType<string[], string[], string[]>;
  format: WebhookFormat;
  secret: string;
  status: ColumnType<'active' | 'disabled' | 'deleted', 'active' | undefined, 'active' | 'disabled' | 'deleted'>;
  consecutive_failures: Generated<number>;
  disabled_at: Timestamp | null;
  created_by: Json<Principal>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface WebhookDeliveriesTable {
  delivery_id: string;
  subscription_id: string;
  notification_id: string;
  event_id: string;
  status: ColumnType<
    'pending' | 'delivered' | 'abandoned',
    'pending' | undefined,
    'pending' | 'delivered' | 'abandoned'
  >;
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  delivered_at: Timestamp | null;
}

export interface WebhookDeliveryAttemptsTable {
  delivery_id: string;
  attempt: number;
  at: DefaultedTimestamp;
  outcome: 'delivered' | 'failed';
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface EmailDigestsTable {
  user_id: string;
  day: DateString;
  state: ColumnType<'pending' | 'sent', 'pending' | undefined, 'pending' | 'sent'>;
  message_id: string;
  attempts: Generated<number>;
  new_tasks: number | null;
  due_soon: number | null;
  overdue: number | null;
  smtp_response: string | null;
  created_at: DefaultedTimestamp;
  sent_at: Timestamp | null;
}

export interface Database {
  divisions: DivisionsTable;
  departments: DepartmentsTable;
  persons: PersonsTable;
  cases: CasesTable;
  tasks: TasksTable;
  case_corrections: CaseCorrectionsTable;
  subsidy_standards: SubsidyStandardsTable;
  policies: PoliciesTable;
  calendar_years: CalendarYearsTable;
  calendar_days: CalendarDaysTable;
  disbursements: DisbursementsTable;
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
  idempotency_keys: IdempotencyKeysTable;
  notifications: NotificationsTable;
  notification_recipients: NotificationRecipientsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
  email_digests: EmailDigestsTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
}

export type PersonRow = Selectable<PersonsTable>;
export type CaseRow = Selectable<CasesTable>;
export type TaskRow = Selectable<TasksTable>;
export type NewTask = Insertable<TasksTable>;
export type SubsidyStandardRow = Selectable<SubsidyStandardsTable>;
export type PaymentAttemptRow = Selectable<DisbursementsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type UserRow = Selectable<UsersTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>;
