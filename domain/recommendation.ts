// The rules' recommendation from an assessment (the measures and 特困人员认定办法).
// A person decides; a proposal that differs from this needs a reason.
import type { DestituteCriteriaPolicy } from './policy.js';
import type { Pathway, SelfCare, Wish } from './vocabulary.js';

export interface RecommendationInput {
  canLiveIndependently: boolean;
  hasIncome: boolean;
  hasLegalSupporter: boolean;
  wishes: Wish;
  selfCare: SelfCare;
  disability: { category: string; grade: number } | null;
  seriousIllness: boolean;
}

/**
 * Why the rules recommend what they do, as codes a console turns into its own language's words
 * (`reasons` says the same in English sentences, for logs and older readers).
 */
export const RECOMMENDATION_REASON_CODES = [
  'can_live_independently',
  'also_meets_destitute_criteria',
  'disability_unable_to_work',
  'serious_illness_unable_to_work',
  'no_income',
  'no_legal_supporter',
  'cannot_live_independently_not_destitute',
  'able_to_work',
  'has_income',
  'has_legal_supporter',
  'cannot_care_for_self',
  'wishes_centralized_support',
  'dispersed_support',
] as const;
export type RecommendationReasonCode = (typeof RECOMMENDATION_REASON_CODES)[number];

/** One reason: its code, and for a disability the category, grade and the criteria's highest grade. */
export interface RecommendationReason {
  code: RecommendationReasonCode;
  category?: string;
  grade?: number;
  maxGrade?: number;
}

export interface RuleResult {
  pathway: Pathway;
  meetsDestituteCriteria: boolean;
  reasons: string[];
  /** The same reasons as codes, in order (the destitute criteria met follow `also_meets_destitute_criteria`). */
  reasonCodes: RecommendationReason[];
}

interface Why {
  text: string;
  reason: RecommendationReason;
}

function unableToWorkWhy(input: RecommendationInput, criteria: DestituteCriteriaPolicy): Why | null {
  const disability = input.disability;
  if (disability) {
    const rule = criteria.unableToWorkDisabilities.find((r) => r.category === disability.category);
    if (rule && disability.grade <= rule.maxGrade) {
      return {
        text: `${disability.category} disability grade ${disability.grade} (criteria: grade 1-${rule.maxGrade}) means no ability to work`,
        reason: {
          code: 'disability_unable_to_work',
          category: disability.category,
          grade: disability.grade,
          maxGrade: rule.maxGrade,
        },
      };
    }
  }
  if (input.seriousIllness && criteria.seriousIllnessMeansUnableToWork) {
    return {
      text: 'serious illness means no ability to work (regional criteria)',
      reason: { code: 'serious_illness_unable_to_work' },
    };
  }
  return null;
}

export function unableToWork(input: RecommendationInput, criteria: DestituteCriteriaPolicy): string | null {
  return unableToWorkWhy(input, criteria)?.text ?? null;
}

const why = (code: RecommendationReasonCode, text: string): Why => ({ text, reason: { code } });

function result(pathway: Pathway, meetsDestituteCriteria: boolean, whys: Why[]): RuleResult {
  return {
    pathway,
    meetsDestituteCriteria,
    reasons: whys.map((w) => w.text),
    reasonCodes: whys.map((w) => w.reason),
  };
}

export function recommendPathway(input: RecommendationInput, criteria: DestituteCriteriaPolicy): RuleResult {
  const reasons: Why[] = [];
  const noWork = unableToWorkWhy(input, criteria);
  const meetsDestituteCriteria = noWork !== null && !input.hasIncome && !input.hasLegalSupporter;
  if (meetsDestituteCriteria) {
    reasons.push(
      noWork,
      why('no_income', 'no source of income'),
      why('no_legal_supporter', 'no one legally bound and able to support them'),
    );
  }

  if (input.canLiveIndependently && !(meetsDestituteCriteria && input.selfCare === 'none')) {
    const independent = why('can_live_independently', 'can work and live independently');
    if (!meetsDestituteCriteria) return result('social_placement', false, [independent]);
    // One sentence in English; in codes, the criterion met followed by each criterion.
    const also = `also meets the destitute criteria (${reasons.map((r) => r.text).join('; ')}): the reviewer may weigh destitute support`;
    return {
      pathway: 'social_placement',
      meetsDestituteCriteria,
      reasons: [independent.text, also],
      reasonCodes: [independent.reason, { code: 'also_meets_destitute_criteria' }, ...reasons.map((r) => r.reason)],
    };
  }
  if (!meetsDestituteCriteria) {
    // Cannot live independently yet does not meet the destitute criteria: social placement with
    // support remains the only pathway the measures offer; say why so the reviewer can weigh it.
    if (noWork === null) reasons.push(why('able_to_work', 'does not meet the no-ability-to-work criterion'));
    if (input.hasIncome) reasons.push(why('has_income', 'has a source of income'));
    if (input.hasLegalSupporter) reasons.push(why('has_legal_supporter', 'has someone legally bound to support them'));
    reasons.unshift(
      why(
        'cannot_live_independently_not_destitute',
        'cannot live independently but does not meet the destitute criteria',
      ),
    );
    return result('social_placement', meetsDestituteCriteria, reasons);
  }
  if (input.selfCare === 'none') {
    reasons.push(why('cannot_care_for_self', 'cannot care for themself (生活不能自理): centralized support first'));
    return result('destitute_centralized', meetsDestituteCriteria, reasons);
  }
  if (input.wishes === 'centralized_support') {
    reasons.push(why('wishes_centralized_support', 'qualifies and wishes centralized support'));
    return result('destitute_centralized', meetsDestituteCriteria, reasons);
  }
  reasons.push(why('dispersed_support', 'qualifies; does not wish centralized support: dispersed support'));
  return result('destitute_dispersed', meetsDestituteCriteria, reasons);
}
