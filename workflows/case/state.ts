// The case's data: what the workflow starts from (CaseInput) and what it keeps (CaseState), which
// the `caseState` query returns, every Update answers with and the read model mirrors. Types only,
// so the API and the activities import it freely. Deliberately no name, no ID number, no account
// number: those stay in PostgreSQL and the workflow refers to the person only through the case ID.
import type { Principal } from '../../domain/access.js';
import type { PolicyRef } from '../../domain/policy.js';
import type { RecommendationReason } from '../../domain/recommendation.js';
import type {
  AssigneeRole,
  DisabilityCategory,
  DisabilityGrade,
  HukouType,
  Pathway,
  ReviewDecision,
  SelfCare,
  Stage,
  SubsidyStatus,
  TaskStatus,
  Wish,
  WithdrawalReason,
} from '../../domain/vocabulary.js';

export interface Disability {
  category: DisabilityCategory;
  grade: DisabilityGrade;
}

/** The facts the rules decide on. */
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
  registeredBy: Principal;
  /** Present when the case continues as new (a long-running destitute-support case). */
  resume?: CaseState;
}

export interface AssessmentInput {
  canLiveIndependently: boolean;
  basis: string;
  hasIncome: boolean;
  /** Someone legally bound and able to support the youth (rare for orphans). */
  hasLegalSupporter?: boolean;
  wishes: Wish;
  selfCare: SelfCare;
  inFullTimeEducationUntil?: string | null;
  needs?: {
    housing?: boolean;
    education?: boolean;
    legalAid?: boolean;
    enlistingOrVeteran?: boolean;
  };
}

export interface Assessment extends AssessmentInput {
  submittedBy: Principal;
  submittedAt: string;
}

export interface Recommendation {
  pathway: Pathway;
  meetsDestituteCriteria: boolean;
  reasons: string[];
  /** Absent on a case assessed before the codes existed. */
  reasonCodes?: RecommendationReason[];
  policy: PolicyRef;
}

export interface Proposal {
  pathway: Pathway;
  reason: string | null;
  differsFromRecommendation: boolean;
  submittedBy: Principal;
  submittedAt: string;
}

export interface Review {
  decision: ReviewDecision;
  comment: string;
  pathway: Pathway;
  reviewedBy: Principal;
  reviewedAt: string;
}

/**
 * The social placement subsidy: the entitlement (amount and shares, from the standard in force on
 * the approval date) and where its disbursement stands. `attempt` counts the payment attempts
 * finance approved; the ledger holds one row per attempt (see the glossary in workflows/README.md).
 */
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
  completedBy: Principal | null;
}

export interface Withdrawal {
  reason: WithdrawalReason;
  note: string;
  withdrawnBy: Principal;
  withdrawnAt: string;
}

export interface CorrectionRecord {
  correctionId: string;
  fields: string[];
  reason: string;
  eligibilityChanged: boolean;
  correctedBy: Principal;
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
  recognition: { recognisedBy: Principal; recognisedAt: string } | null;
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
