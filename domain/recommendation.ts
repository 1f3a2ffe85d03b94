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

export interface RuleResult {
  pathway: Pathway;
  meetsDestituteCriteria: boolean;
  reasons: string[];
}

export function unableToWork(input: RecommendationInput, criteria: DestituteCriteriaPolicy): string | null {
  const disability = input.disability;
  if (disability) {
    const rule = criteria.unableToWorkDisabilities.find((r) => r.category === disability.category);
    if (rule && disability.grade <= rule.maxGrade) {
      return `${disability.category} disability grade ${disability.grade} (criteria: grade 1-${rule.maxGrade}) means no ability to work`;
    }
  }
  if (input.seriousIllness && criteria.seriousIllnessMeansUnableToWork) {
    return 'serious illness means no ability to work (regional criteria)';
  }
  return null;
}

export function recommendPathway(input: RecommendationInput, criteria: DestituteCriteriaPolicy): RuleResult {
  const reasons: string[] = [];
  const noWork = unableToWork(input, criteria);
  const meetsDestituteCriteria = noWork !== null && !input.hasIncome && !input.hasLegalSupporter;
  if (meetsDestituteCriteria) {
    reasons.push(noWork, 'no source of income', 'no one legally bound and able to support them');
  }

  if (input.canLiveIndependently && !(meetsDestituteCriteria && input.selfCare === 'none')) {
    const why = ['can work and live independently'];
    if (meetsDestituteCriteria)
      why.push(`also meets the destitute criteria (${reasons.join('; ')}): the reviewer may weigh destitute support`);
    return { pathway: 'social_placement', meetsDestituteCriteria, reasons: why };
  }
  if (!meetsDestituteCriteria) {
    // Cannot live independently yet does not meet the destitute criteria: social placement with
    // support remains the only pathway the measures offer; say why so the reviewer can weigh it.
    if (noWork === null) reasons.push('does not meet the no-ability-to-work criterion');
    if (input.hasIncome) reasons.push('has a source of income');
    if (input.hasLegalSupporter) reasons.push('has someone legally bound to support them');
    reasons.unshift('cannot live independently but does not meet the destitute criteria');
    return { pathway: 'social_placement', meetsDestituteCriteria, reasons };
  }
  if (input.selfCare === 'none') {
    reasons.push('cannot care for themself (生活不能自理): centralized support first');
    return { pathway: 'destitute_centralized', meetsDestituteCriteria, reasons };
  }
  if (input.wishes === 'centralized_support') {
    reasons.push('qualifies and wishes centralized support');
    return { pathway: 'destitute_centralized', meetsDestituteCriteria, reasons };
  }
  reasons.push('qualifies; does not wish centralized support: dispersed support');
  return { pathway: 'destitute_dispersed', meetsDestituteCriteria, reasons };
}
