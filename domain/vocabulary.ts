// The closed lists of words a case is described in, one array each. The workflow's types, the
// database's column types and the API's TypeBox enums (api/schemas/) all derive from these, so a
// new value is added once. Values are stored in histories, audit events and read models: add, never
// rename.

/** Where a case stands; the workflow moves it, the read model and search attributes mirror it. */
export const STAGES = [
  'awaiting_adulthood',
  'transition_planning',
  'assessment',
  'deferred',
  'review',
  'social_placement',
  'destitute_support',
  'placed',
  'supported',
  'closed',
  'withdrawn',
] as const;
export type Stage = (typeof STAGES)[number];

/** Stages a case never leaves: its workflow has ended. */
export const TERMINAL_STAGES = ['closed', 'withdrawn'] as const satisfies readonly Stage[];
export const ACTIVE_STAGES: readonly Stage[] = STAGES.filter((s) => !(TERMINAL_STAGES as readonly Stage[]).includes(s));

export function isTerminalStage(stage: string): boolean {
  return (TERMINAL_STAGES as readonly string[]).includes(stage);
}

/** The ways out of care the measures offer: social placement, or destitute-person (特困) support. */
export const PATHWAYS = ['social_placement', 'destitute_centralized', 'destitute_dispersed'] as const;
export type Pathway = (typeof PATHWAYS)[number];

export const HUKOU_TYPES = ['urban', 'rural', 'pastoral'] as const;
export type HukouType = (typeof HUKOU_TYPES)[number];

/** Read from the ID number (GB 11643). */
export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

export const DISABILITY_CATEGORIES = [
  'visual',
  'hearing',
  'speech',
  'physical',
  'intellectual',
  'mental',
  'multiple',
] as const;
export type DisabilityCategory = (typeof DISABILITY_CATEGORIES)[number];
/** 1 is the most severe (GB/T 26341). */
export const DISABILITY_GRADES = [1, 2, 3, 4] as const;
export type DisabilityGrade = (typeof DISABILITY_GRADES)[number];

/** What the youth wishes, as the assessment records it. */
export const WISHES = ['social_placement', 'centralized_support'] as const;
export type Wish = (typeof WISHES)[number];

/** How far the youth can care for themself (生活自理能力). */
export const SELF_CARE_LEVELS = ['full', 'partial', 'none'] as const;
export type SelfCare = (typeof SELF_CARE_LEVELS)[number];

/** Civil affairs' decision on a proposal: approve it, reject it (a new assessment), return it for more. */
export const REVIEW_DECISIONS = ['approve', 'reject', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const WITHDRAWAL_REASONS = ['adopted', 'deceased', 'moved', 'declined'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

/** Whose inbox a task is in: an institution's, or a department's (civil affairs and finance included). */
export const ASSIGNEE_ROLES = ['institution', 'department', 'civil_affairs', 'finance'] as const;
export type AssigneeRole = (typeof ASSIGNEE_ROLES)[number];

export const TASK_STATUSES = ['open', 'done', 'blocked', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** A task someone still has to act on: it counts as open, can fall overdue and be escalated. */
export const OPEN_TASK_STATUSES = ['open', 'blocked'] as const satisfies readonly TaskStatus[];

export function isOpenTaskStatus(status: TaskStatus): boolean {
  return (OPEN_TASK_STATUSES as readonly TaskStatus[]).includes(status);
}

/**
 * The subsidy's way to being paid (see the money glossary in workflows/README.md): computed from
 * the standard, approved by finance, then paid, or failed when the bank rejected the attempt.
 */
export const SUBSIDY_STATUSES = ['computed', 'approved', 'paid', 'failed'] as const;
export type SubsidyStatus = (typeof SUBSIDY_STATUSES)[number];

/** A payment attempt's row in the ledger (the `disbursements` table). */
export const PAYMENT_ATTEMPT_STATUSES = ['pending', 'awaiting_confirmation', 'paid', 'rejected'] as const;
export type PaymentAttemptStatus = (typeof PAYMENT_ATTEMPT_STATUSES)[number];

/** A subsidy standard is proposed by civil affairs and effective once finance co-signs it. */
export const STANDARD_STATUSES = ['proposed', 'effective'] as const;
export type StandardStatus = (typeof STANDARD_STATUSES)[number];

/** A day of the official calendar that differs from the week: a weekday off, or a weekend worked. */
export const CALENDAR_DAY_KINDS = ['holiday', 'makeup_workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/**
 * What a notification tells its recipients: a task opened for them, a reminder before it is due,
 * an escalation when it is overdue or blocked, civil affairs' review decision, a subsidy payment
 * approved, paid or failed, a subsidy standard awaiting finance's co-signature, and (to an
 * administrator) a webhook subscription disabled after failing again and again.
 */
export const NOTIFICATION_KINDS = [
  'reminder',
  'escalation',
  'task_assigned',
  'decision',
  'payment',
  'cosignature',
  'webhook_disabled',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * The 11 departments that work resettlement tasks, by the code a `department` principal carries as
 * its org. Also the `departments` table's reference data (migration 20261129T1110_reference_data,
 * which may import nothing of the application; test/db/users.test.ts holds the two equal).
 */
export const DEPARTMENT_CODES = [
  'civil_affairs',
  'education',
  'public_security',
  'justice',
  'finance',
  'hrss',
  'housing',
  'agriculture',
  'veterans',
  'medical_insurance',
  'disabled_federation',
] as const;
export type DepartmentCode = (typeof DEPARTMENT_CODES)[number];

export function isDepartmentCode(code: string): code is DepartmentCode {
  return (DEPARTMENT_CODES as readonly string[]).includes(code);
}

/** What a webhook subscription may ask for: the notifications about cases and standards. */
export const WEBHOOK_EVENTS = [
  'task_assigned',
  'reminder',
  'escalation',
  'decision',
  'payment',
  'cosignature',
] as const satisfies readonly NotificationKind[];
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A webhook's body: the engine's own JSON, or a WeCom or DingTalk group robot's message. */
export const WEBHOOK_FORMATS = ['json', 'wecom', 'dingtalk'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
