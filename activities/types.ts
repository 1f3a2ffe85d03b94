// The activity interface the case workflow calls. Workflows import this file as a type only. The
// method names of CaseActivities are the activity types stored in every case's history: never
// rename one (register the old name beside a new one if it must change).
import type { Principal } from '../domain/access.js';
import type { CaseEventType } from '../domain/eventTypes.js';
import type { PolicyBodies, PolicyDuration, PolicyName, PolicyRef } from '../domain/policy.js';
import type { NotificationKind } from '../domain/vocabulary.js';
import type { CaseState, CaseTask } from '../workflows/case/state.js';
import type { PaymentOutcome } from './payments/gateway.js';

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
  type: CaseEventType;
  actor: Principal;
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
    kind: NotificationKind;
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

/** One payment attempt of the subsidy: one ledger row and one gateway call under its key. */
export interface PaymentAttempt {
  caseId: string;
  attempt: number;
  idempotencyKey: string;
  amountFen: number;
  regionalShareFen: number;
  localShareFen: number;
  standardId: string;
  approvedBy: Principal;
}

/** Finance's confirmation of the attempt it paid by hand (the manual gateway). */
export interface ManualPaymentConfirmation {
  caseId: string;
  idempotencyKey: string;
  voucherNo: string;
  confirmedBy: Principal;
}

export interface CaseActivities {
  loadPolicy<N extends PolicyName>(req: { name: N; division: string; asOf: string }): Promise<LoadedPolicy<N>>;
  computeDeadlines(req: { items: DeadlineRequest[] }): Promise<Deadline[]>;
  recordCaseEvent(req: RecordCaseEvent): Promise<void>;
  /** Several events of one case, in the order of their sequence numbers, in one transaction. */
  recordCaseEvents(req: { events: RecordCaseEvent[] }): Promise<void>;
  quoteSubsidy(req: QuoteRequest): Promise<QuotedSubsidy | null>;
  /** Makes one payment attempt (the name is the disbursement's, as stored in histories). */
  disburseSubsidy(req: PaymentAttempt): Promise<PaymentOutcome>;
  confirmManualPayment(req: ManualPaymentConfirmation): Promise<void>;
  applyCorrection(req: { correctionId: string }): Promise<void>;
}
