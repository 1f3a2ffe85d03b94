import { describe, it, expect } from 'vitest';
import { recommendPathway, unableToWork, type RecommendationInput } from '../../domain/recommendation.js';
import type { DestituteCriteriaPolicy } from '../../domain/policy.js';

// The region's default criteria (db/migrations/20261129T1110_reference_data.ts).
const criteria: DestituteCriteriaPolicy = {
  unableToWorkDisabilities: [
    { category: 'intellectual', maxGrade: 3 },
    { category: 'mental', maxGrade: 3 },
    { category: 'physical', maxGrade: 2 },
    { category: 'visual', maxGrade: 1 },
  ],
  seriousIllnessMeansUnableToWork: false,
};
const illnessCounts: DestituteCriteriaPolicy = { ...criteria, seriousIllnessMeansUnableToWork: true };

/** A youth who meets the destitute criteria (intellectual grade 2, no income, no supporter) and cannot live independently. */
function destitute(overrides: Partial<RecommendationInput> = {}): RecommendationInput {
  return {
    canLiveIndependently: false,
    hasIncome: false,
    hasLegalSupporter: false,
    wishes: 'social_placement',
    selfCare: 'none',
    disability: { category: 'intellectual', grade: 2 },
    seriousIllness: false,
    ...overrides,
  };
}

/** A youth with no disability or illness who can work and live independently. */
function independent(overrides: Partial<RecommendationInput> = {}): RecommendationInput {
  return {
    canLiveIndependently: true,
    hasIncome: false,
    hasLegalSupporter: false,
    wishes: 'social_placement',
    selfCare: 'full',
    disability: null,
    seriousIllness: false,
    ...overrides,
  };
}

describe('recommendPathway: social placement for those who can live independently', () => {
  it('recommends social placement to a youth who can live independently', () => {
    const r = recommendPathway(independent(), criteria);
    expect(r.pathway).toBe('social_placement');
    expect(r.meetsDestituteCriteria).toBe(false);
    expect(r.reasons[0]).toBe('can work and live independently');
  });

  it('recommends social placement even when they wish centralized support but can live independently', () => {
    const r = recommendPathway(independent({ wishes: 'centralized_support' }), criteria);
    expect(r.pathway).toBe('social_placement');
  });

  it('still recommends social placement when they qualify as destitute but can live independently with partial self-care', () => {
    const r = recommendPathway(destitute({ canLiveIndependently: true, selfCare: 'partial' }), criteria);
    expect(r.pathway).toBe('social_placement');
    expect(r.meetsDestituteCriteria).toBe(true);
    // The English sentence folds the criteria met into one reason; the codes list each of them.
    expect(r.reasons).toHaveLength(2);
    expect(r.reasonCodes.map((x) => x.code)).toEqual([
      'can_live_independently',
      'also_meets_destitute_criteria',
      'disability_unable_to_work',
      'no_income',
      'no_legal_supporter',
    ]);
  });

  it('overrides "can live independently" with centralized support when a qualifying youth cannot care for themself', () => {
    const r = recommendPathway(destitute({ canLiveIndependently: true, selfCare: 'none' }), criteria);
    expect(r.pathway).toBe('destitute_centralized');
    expect(r.meetsDestituteCriteria).toBe(true);
  });
});

describe('recommendPathway: destitute support', () => {
  it('recommends centralized support when a qualifying youth cannot care for themself', () => {
    const r = recommendPathway(destitute({ selfCare: 'none' }), criteria);
    expect(r).toEqual({
      pathway: 'destitute_centralized',
      meetsDestituteCriteria: true,
      reasons: [
        'intellectual disability grade 2 (criteria: grade 1-3) means no ability to work',
        'no source of income',
        'no one legally bound and able to support them',
        'cannot care for themself (生活不能自理): centralized support first',
      ],
      reasonCodes: [
        { code: 'disability_unable_to_work', category: 'intellectual', grade: 2, maxGrade: 3 },
        { code: 'no_income' },
        { code: 'no_legal_supporter' },
        { code: 'cannot_care_for_self' },
      ],
    });
  });

  it('recommends centralized support regardless of wishes when self-care is none', () => {
    expect(recommendPathway(destitute({ selfCare: 'none', wishes: 'social_placement' }), criteria).pathway).toBe(
      'destitute_centralized',
    );
    expect(recommendPathway(destitute({ selfCare: 'none', wishes: 'centralized_support' }), criteria).pathway).toBe(
      'destitute_centralized',
    );
  });

  it('recommends centralized support to a partly self-caring youth who wishes it', () => {
    const r = recommendPathway(destitute({ selfCare: 'partial', wishes: 'centralized_support' }), criteria);
    expect(r.pathway).toBe('destitute_centralized');
    expect(r.meetsDestituteCriteria).toBe(true);
    expect(r.reasons).toContain('qualifies and wishes centralized support');
  });

  it('recommends dispersed support to a partly self-caring youth who does not wish centralized support', () => {
    const r = recommendPathway(destitute({ selfCare: 'partial', wishes: 'social_placement' }), criteria);
    expect(r.pathway).toBe('destitute_dispersed');
    expect(r.meetsDestituteCriteria).toBe(true);
    expect(r.reasons[r.reasons.length - 1]).toBe('qualifies; does not wish centralized support: dispersed support');
  });

  it('recommends dispersed support to a fully self-caring youth who cannot live independently and does not wish centralized support', () => {
    const r = recommendPathway(destitute({ selfCare: 'full', wishes: 'social_placement' }), criteria);
    expect(r.pathway).toBe('destitute_dispersed');
  });
});

describe('recommendPathway: the no-ability-to-work criterion', () => {
  it('recommends social placement for physical grade 3, which is outside the criteria, and says why', () => {
    const r = recommendPathway(destitute({ disability: { category: 'physical', grade: 3 } }), criteria);
    expect(r.pathway).toBe('social_placement');
    expect(r.meetsDestituteCriteria).toBe(false);
    expect(r.reasons[0]).toBe('cannot live independently but does not meet the destitute criteria');
    expect(r.reasons).toContain('does not meet the no-ability-to-work criterion');
  });

  it.each([
    ['intellectual', 3, true],
    ['intellectual', 4, false],
    ['mental', 1, true],
    ['mental', 3, true],
    ['mental', 4, false],
    ['physical', 1, true],
    ['physical', 2, true],
    ['physical', 3, false],
    ['visual', 1, true],
    ['visual', 2, false],
    ['hearing', 1, false], // a category the default criteria do not list
  ] as const)('%s disability grade %i meets the criteria: %s', (category, grade, meets) => {
    const r = recommendPathway(destitute({ disability: { category, grade } }), criteria);
    expect(r.meetsDestituteCriteria).toBe(meets);
    expect(r.pathway).toBe(meets ? 'destitute_centralized' : 'social_placement');
  });

  it('does not count a youth with no disability and no serious illness as unable to work', () => {
    const r = recommendPathway(destitute({ disability: null }), criteria);
    expect(r.meetsDestituteCriteria).toBe(false);
    expect(r.pathway).toBe('social_placement');
    expect(r.reasons).toContain('does not meet the no-ability-to-work criterion');
  });

  it('counts serious illness only when the policy says so', () => {
    const ill = destitute({ disability: null, seriousIllness: true });

    const withoutFlag = recommendPathway(ill, criteria);
    expect(withoutFlag.meetsDestituteCriteria).toBe(false);
    expect(withoutFlag.pathway).toBe('social_placement');
    expect(withoutFlag.reasons).toContain('does not meet the no-ability-to-work criterion');

    const withFlag = recommendPathway(ill, illnessCounts);
    expect(withFlag.meetsDestituteCriteria).toBe(true);
    expect(withFlag.pathway).toBe('destitute_centralized');
    expect(withFlag.reasons).toContain('serious illness means no ability to work (regional criteria)');
  });

  it('does not let a serious illness flag make up for a disability outside the criteria unless the policy counts illness', () => {
    const input = destitute({ disability: { category: 'physical', grade: 4 }, seriousIllness: true });
    expect(recommendPathway(input, criteria).meetsDestituteCriteria).toBe(false);
    expect(recommendPathway(input, illnessCounts).meetsDestituteCriteria).toBe(true);
  });
});

describe('recommendPathway: income and legal supporters', () => {
  it('does not treat a youth with income as destitute', () => {
    const r = recommendPathway(destitute({ hasIncome: true }), criteria);
    expect(r.meetsDestituteCriteria).toBe(false);
    expect(r.pathway).toBe('social_placement');
    expect(r.reasons).toContain('has a source of income');
    expect(r.reasons).not.toContain('does not meet the no-ability-to-work criterion');
  });

  it('does not treat a youth with a legal supporter as destitute', () => {
    const r = recommendPathway(destitute({ hasLegalSupporter: true }), criteria);
    expect(r.meetsDestituteCriteria).toBe(false);
    expect(r.pathway).toBe('social_placement');
    expect(r.reasons).toContain('has someone legally bound to support them');
  });

  it('gives every reason that applies', () => {
    const r = recommendPathway(destitute({ disability: null, hasIncome: true, hasLegalSupporter: true }), criteria);
    expect(r.reasons).toEqual([
      'cannot live independently but does not meet the destitute criteria',
      'does not meet the no-ability-to-work criterion',
      'has a source of income',
      'has someone legally bound to support them',
    ]);
  });
});

describe('recommendPathway: reasons', () => {
  const inputs: RecommendationInput[] = [
    independent(),
    destitute(),
    destitute({ selfCare: 'partial', wishes: 'centralized_support' }),
    destitute({ selfCare: 'partial' }),
    destitute({ disability: { category: 'physical', grade: 3 } }),
    destitute({ hasIncome: true, hasLegalSupporter: true }),
  ];

  it('are always non-empty, human-readable strings', () => {
    for (const input of inputs) {
      const { reasons } = recommendPathway(input, criteria);
      expect(reasons.length).toBeGreaterThan(0);
      for (const reason of reasons) {
        expect(typeof reason).toBe('string');
        expect(reason.trim()).not.toBe('');
        expect(reason).toMatch(/[a-z]/);
        expect(reason).not.toMatch(/undefined|null|NaN|\[object/);
      }
    }
  });

  it('state the disability and the criterion applied', () => {
    const { reasons } = recommendPathway(destitute({ disability: { category: 'physical', grade: 2 } }), criteria);
    expect(reasons[0]).toBe('physical disability grade 2 (criteria: grade 1-2) means no ability to work');
  });

  it('does not mutate the input or the criteria', () => {
    const input = destitute();
    const before = JSON.stringify([input, criteria]);
    recommendPathway(input, criteria);
    expect(JSON.stringify([input, criteria])).toBe(before);
  });
});

describe('unableToWork', () => {
  it('gives the reason for a qualifying disability and null otherwise', () => {
    expect(unableToWork(destitute(), criteria)).toBe(
      'intellectual disability grade 2 (criteria: grade 1-3) means no ability to work',
    );
    expect(unableToWork(destitute({ disability: { category: 'visual', grade: 2 } }), criteria)).toBeNull();
    expect(unableToWork(independent(), criteria)).toBeNull();
  });

  it('ignores income and supporters, which are separate criteria', () => {
    expect(unableToWork(destitute({ hasIncome: true, hasLegalSupporter: true }), criteria)).not.toBeNull();
  });
});
