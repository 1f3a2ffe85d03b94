// The case workflow's contract: its input, state, updates and queries. Imports only
// @temporalio/workflow (and pure domain types) so that api/ can import it too.
import { defineSearchAttributeKey } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Principal } from '../../domain/access.js';

export const CASE_TASK_QUEUE = 'resettlement-cases';

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

export const PATHWAYS = ['social_placement', 'destitute_centralized', 'destitute_dispersed'] as const;
export type Pathway = (typeof PATHWAYS)[number];

export const HUKOU_TYPES = ['urban', 'rural', 'pastoral'] as const;
export type HukouType = (typeof HUKOU_TYPES)[number];
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
export const WITHDRAWAL_REASONS = ['adopted', 'deceased', 'moved', 'declined'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

/** A person acting, as the API authenticated them. Travels with every update into history and audit. */
export type Actor = Principal;
export const SYSTEM_ACTOR: Actor = { sub: 'system', role: 'admin', org: 'system', division: '150000' };

export interface Disability {
  category: DisabilityCategory;
  grade: 1 | 2 | 3 | 4;
}

/**
 * The facts the rules decide on. Deliberately no name, no ID number, no account number: those stay
 * in PostgreSQL and the workflow refers to the person only through the case ID.
 */
export interface CaseFacts {
  hukouType: HukouType;
  disability: Disability | null;
  seriousIllness: boolean;
  inFullTimeEducationUntil: string | null;
  hasBankAccount: boolean;
}

export interface CaseInput {
  caseId: string;
  institutionId: string;
  division: string;
  /** The 18th birthday, an Asia/Shanghai date. */
  adulthoodDate: string;
  /** The instant adulthood begins (00:00 Asia/Shanghai on adulthoodDate). */
  adulthoodAt: string;
  facts: CaseFacts;
  registeredBy: Actor;
  /** Present when the case continues as new (a long-running destitute-support case). */
  resume?: CaseState;
}

export interface PolicyRef {
  policyId: string;
  name: string;
  division: string;
  effectiveFrom: string;
}

export interface AssessmentInput {
  canLiveIndependently: boolean;
  basis: string;
  hasIncome: boolean;
  /** Someone legally bound and able to support the youth (rare for orphans). */
  hasLegalSupporter?: boolean;
  wishes: 'social_placement' | 'centralized_support';
  selfCare: 'full' | 'partial' | 'none';
  inFullTimeEducationUntil?: string | null;
  needs?: {
    housing?: boolean;
    education?: boolean;
    legalAid?: boolean;
    enlistingOrVeteran?: boolean;
  };
}

export interface Assessment extends AssessmentInput {
  submittedBy: Actor;
  submittedAt: string;
}

export interface Recommendation {
  pathway: Pathway;
  meetsDestituteCriteria: boolean;
  reasons: string[];
  policy: PolicyRef;
}

export interface Proposal {
  pathway: Pathway;
  reason: string | null;
  differsFromRecommendation: boolean;
  submittedBy: Actor;
  submittedAt: string;
}

export type ReviewDecision = 'approve' | 'reject' | 'return';
export interface Review {
  decision: ReviewDecision;
  comment: string;
  pathway: Pathway;
  reviewedBy: Actor;
  reviewedAt: string;
}

export type SubsidyStatus = 'computed' | 'approved' | 'paid' | 'failed';
export interface Subsidy {
  amountFen: number;
  regionalShareFen: number;
  localShareFen: number;
  standardId: string;
  standardDivision: string;
  effectiveFrom: string;
  computedOn: string;
  status: SubsidyStatus;
  attempt: number;
  voucherNo: string | null;
  bankReference: string | null;
  failureReason: string | null;
}

export type TaskStatus = 'open' | 'done' | 'blocked' | 'cancelled';
export type AssigneeRole = 'institution' | 'department' | 'civil_affairs' | 'finance';

export interface CaseTask {
  taskId: string;
  caseId: string;
  kind: string;
  assigneeRole: AssigneeRole;
  department: string | null;
  institutionId: string | null;
  division: string;
  assigneeSub: string | null;
  status: TaskStatus;
  /** Whether the pathway waits for it (placed / supported need every required task done). */
  required: boolean;
  dueAt: string;
  dueDateWarning: string | null;
  remindedAt: string | null;
  escalationLevel: number;
  escalatedTo: string | null;
  outcome: string | null;
  note: string | null;
  blockReason: string | null;
  details: Record<string, unknown>;
  createdAt: string;
  completedAt: string | null;
  completedBy: Actor | null;
}

export interface Withdrawal {
  reason: WithdrawalReason;
  note: string;
  withdrawnBy: Actor;
  withdrawnAt: string;
}

export interface CorrectionRecord {
  correctionId: string;
  fields: string[];
  reason: string;
  eligibilityChanged: boolean;
  correctedBy: Actor;
  correctedAt: string;
}

export interface CaseState {
  caseId: string;
  stage: Stage;
  pathway: Pathway | null;
  division: string;
  institutionId: string;
  adulthoodDate: string;
  adulthoodAt: string;
  facts: CaseFacts;
  assessment: Assessment | null;
  recommendation: Recommendation | null;
  proposal: Proposal | null;
  reviews: Review[];
  recognition: { recognisedBy: Actor; recognisedAt: string } | null;
  subsidy: Subsidy | null;
  tasks: CaseTask[];
  withdrawal: Withdrawal | null;
  corrections: CorrectionRecord[];
  deferredUntil: string | null;
  /** When the approved pathway's tasks were planned; the pathway cannot finish before it. */
  pathwayPlannedAt: string | null;
  placedAt: string | null;
  supportedSince: string | null;
  /** Monotonic count of recorded events; the audit and the read models are keyed on it. */
  eventSeq: number;
}

// ---- Updates: every human action. Validators refuse synchronously with a typed reason. ----

export interface ActionBase {
  actor: Actor;
}
export interface SubmitAssessment extends ActionBase {
  assessment: AssessmentInput;
}
export interface SubmitProposal extends ActionBase {
  pathway: Pathway;
  reason?: string | null;
}
export interface ReviewProposal extends ActionBase {
  decision: ReviewDecision;
  comment: string;
}
export type ApproveDisbursement = ActionBase;
export interface ConfirmDisbursement extends ActionBase {
  voucherNo: string;
}
export interface CompleteTask extends ActionBase {
  taskId: string;
  outcome: string;
  note: string;
}
export interface BlockTask extends ActionBase {
  taskId: string;
  reason: string;
}
export interface ReassignTask extends ActionBase {
  taskId: string;
  assigneeSub: string | null;
  division: string | null;
  reason: string;
}
export interface WithdrawCase extends ActionBase {
  reason: WithdrawalReason;
  note: string;
}
export interface CorrectCase extends ActionBase {
  correctionId: string;
  /** Names of the fields changed (personal values stay in PostgreSQL). */
  fields: string[];
  /** The decision facts after the correction. */
  facts?: Partial<CaseFacts>;
  division?: string;
  adulthoodDate?: string;
  adulthoodAt?: string;
  reason: string;
}

export const submitAssessmentUpdate = defineUpdate<CaseState, [SubmitAssessment]>('submitAssessment');
export const submitProposalUpdate = defineUpdate<CaseState, [SubmitProposal]>('submitProposal');
export const reviewProposalUpdate = defineUpdate<CaseState, [ReviewProposal]>('reviewProposal');
export const approveDisbursementUpdate = defineUpdate<CaseState, [ApproveDisbursement]>('approveDisbursement');
export const confirmDisbursementUpdate = defineUpdate<CaseState, [ConfirmDisbursement]>('confirmDisbursement');
export const completeTaskUpdate = defineUpdate<CaseState, [CompleteTask]>('completeTask');
export const blockTaskUpdate = defineUpdate<CaseState, [BlockTask]>('blockTask');
export const reassignTaskUpdate = defineUpdate<CaseState, [ReassignTask]>('reassignTask');
export const withdrawCaseUpdate = defineUpdate<CaseState, [WithdrawCase]>('withdrawCase');
export const correctCaseUpdate = defineUpdate<CaseState, [CorrectCase]>('correctCase');

/**
 * Answers once the case has taken its first steps (registered, and moved to the stage its dates
 * put it in) and every record is written, so a registration can answer with the settled case.
 */
export const settledUpdate = defineUpdate<CaseState, []>('settled');

export const caseStateQuery = defineQuery<CaseState>('caseState');

/** Failure types that update validators throw; the API maps them to HTTP statuses. */
export const REFUSAL = {
  invalidStage: 'INVALID_STAGE',
  forbidden: 'FORBIDDEN',
  conflict: 'CONFLICT',
  validation: 'VALIDATION_FAILED',
  notFound: 'NOT_FOUND',
} as const;

// ---- Search attributes: non-personal, so the Temporal Web UI can filter cases. ----
export const CaseStageKey = defineSearchAttributeKey('CaseStage', 'KEYWORD');
export const CasePathwayKey = defineSearchAttributeKey('CasePathway', 'KEYWORD');
export const CaseDivisionKey = defineSearchAttributeKey('CaseDivision', 'KEYWORD');
export const CaseInstitutionKey = defineSearchAttributeKey('CaseInstitution', 'KEYWORD');
export const CASE_SEARCH_ATTRIBUTES = [CaseStageKey, CasePathwayKey, CaseDivisionKey, CaseInstitutionKey] as const;
