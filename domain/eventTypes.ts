// The type of every event the audit trail holds. An *event* is what happened and was recorded; an
// *action* is what a person asked for (an Update of the case workflow), and one action may record
// several events. The names are stored in audit chains and covered by their hashes, and exports
// and verification read them back, so a name is added here and never renamed or removed. The
// audit column and the API field that carry it are called `action`, an older word for the same
// thing kept because it is part of the stored hashes and the HTTP contract.

/** Events the case workflow records on the case's chain (workflows/case/caseRecorder.ts). */
export const CASE_EVENT_TYPES = [
  'case.registered',
  'case.corrected',
  'case.eligibility_changed',
  'stage.changed',
  'assessment.submitted',
  'review.decided',
  'pathway.planned',
  'pathway.tasks_planned',
  'tasks.opened',
  'task.completed',
  'task.cancelled',
  'task.blocked',
  'task.reassigned',
  'task.reminded',
  'task.escalated',
  'subsidy.computed',
  'subsidy.approved',
  'subsidy.awaiting_confirmation',
  'subsidy.payment_rejected',
  'subsidy.retry_scheduled',
  'subsidy.paid',
  'aftercare.planned',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** Events the API records itself: an unmasked ID-number read, and the subsidy standards' chain. */
export const API_EVENT_TYPES = [
  'person.id_number_viewed',
  'subsidy_standard.proposed',
  'subsidy_standard.cosigned',
] as const;
export type ApiEventType = (typeof API_EVENT_TYPES)[number];

/** Events of the `access` chain: sign-ins and sessions, password changes, accounts (api/services/accessAudit.ts). */
export const ACCESS_EVENT_TYPES = [
  'access.signed_in',
  'access.sign_in_failed',
  'access.locked_out',
  'access.signed_out',
  'access.session_ended',
  'access.password_changed',
  'access.user_created',
  'access.user_disabled',
  'access.user_enabled',
  'access.user_updated',
  'access.password_reset',
] as const;
export type AccessEventType = (typeof ACCESS_EVENT_TYPES)[number];

export const AUDIT_EVENT_TYPES = [...CASE_EVENT_TYPES, ...API_EVENT_TYPES, ...ACCESS_EVENT_TYPES] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];
