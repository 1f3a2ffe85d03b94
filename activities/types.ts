// The activity interface the case workflow calls. Workflows import this file as a type only.
import type { PolicyBodies, PolicyDuration, PolicyName } from '../domain/policy.js';
import type { Actor, CaseState, CaseTask, PolicyRef } from '../workflows/case/definitions.js';

export interface LoadedPolicy<N extends PolicyName> {
  ref: PolicyRef;
  body: PolicyBodies[N];
}

export interface DeadlineRequest {
  from: string;
  duration: PolicyDuration;
  /** Count backwards from `from` (a reminder before a due date). */
  before?: boolean;
}

export interface Deadline {
  at: string;
  /** Set when the official calendar for a year the deadline crosses is not loaded. */
  warning: string | null;
}

export interface CaseEvent {
  action: string;
  actor: Actor;
  at: string;
  data: Record<string, unknown>;
}

export interface RecordCaseEvent {
  workflowId: string;
  runId: string;
  /** The case's event sequence number: the idempotency key of the audit event and projection. */
  seq: number;
  event: CaseEvent;
  caseId: string;
  /** The case's division after the event (the audit chain's jurisdiction). */
  division: string;
  /** The case after the event, without its tasks; absent when only tasks changed. */
  snapshot?: Omit<CaseState, 'tasks'>;
  /** Tasks created or changed by the event. */
  tasks: CaseTask[];
  notification?: {
    kind: 'reminder' | 'escalation';
    taskId: string;
    recipientRole: string;
    recipientOrg: string | null;
    division: string;
    message: string;
  };
}

export interface QuoteRequest {
  division: string;
  date: string;
}

export interface QuotedSubsidy {
  standardId: string;
  standardDivision: string;
  effectiveFrom: string;
  amountFen: number;
  regionalShareFen: number;
  localShareFen: number;
  regionalStandardId: string | null;
}

export interface DisburseRequest {
  caseId: string;
  attempt: number;
  idempotencyKey: string;
  amountFen: number;
  regionalShareFen: number;
  localShareFen: number;
  standardId: string;
  approvedBy: Actor;
}

export type DisburseOutcome =
  | { status: 'paid'; bankReference: string }
  | { status: 'rejected'; reason: string }
  | { status: 'awaiting_confirmation' };

export interface ConfirmPaymentRequest {
  caseId: string;
  idempotencyKey: string;
  voucherNo: string;
  confirmedBy: Actor;
}

export interface CaseActivities {
  loadPolicy<N extends PolicyName>(req: { name: N; division: string; asOf: string }): Promise<LoadedPolicy<N>>;
  computeDeadlines(req: { items: DeadlineRequest[] }): Promise<Deadline[]>;
  recordCaseEvent(req: RecordCaseEvent): Promise<void>;
  quoteSubsidy(req: QuoteRequest): Promise<QuotedSubsidy | null>;
  disburseSubsidy(req: DisburseRequest): Promise<DisburseOutcome>;
  confirmManualPayment(req: ConfirmPaymentRequest): Promise<void>;
  applyCorrection(req: { correctionId: string }): Promise<void>;
}
