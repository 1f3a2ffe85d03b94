// The parts of a case the API's Case schema carries as free-form objects (the workflow's own
// records): their fields, as the console reads them. Every field is optional here, so a record
// written by an older version still shows what it has.
import type { ReasonCode } from '../../../shared/recommendationReasons';

export interface Actor {
  sub?: string;
  role?: string;
  org?: string;
  division?: string;
}

export interface AssessmentPart {
  canLiveIndependently?: boolean;
  basis?: string;
  hasIncome?: boolean;
  hasLegalSupporter?: boolean;
  wishes?: string;
  selfCare?: string;
  inFullTimeEducationUntil?: string | null;
  submittedBy?: Actor;
  submittedAt?: string;
}

export interface RecommendationPart {
  pathway?: string;
  meetsDestituteCriteria?: boolean;
  reasons?: string[];
  reasonCodes?: ReasonCode[];
  policy?: { policyId?: string; name?: string; division?: string; effectiveFrom?: string };
}

export interface ProposalPart {
  pathway?: string;
  reason?: string | null;
  differsFromRecommendation?: boolean;
  submittedBy?: Actor;
  submittedAt?: string;
}

export interface ReviewPart {
  decision?: string;
  comment?: string;
  pathway?: string;
  reviewedBy?: Actor;
  reviewedAt?: string;
}

export interface WithdrawalPart {
  reason?: string;
  note?: string;
  withdrawnAt?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export const asPart = <T>(v: unknown): T | null => (isObject(v) ? (v as T) : null);
export const asParts = <T>(v: unknown): T[] => (Array.isArray(v) ? v.filter(isObject).map((x) => x as T) : []);
