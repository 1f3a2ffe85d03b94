import { describe, it, expect } from 'vitest';
import { planTasks, type PlanFacts } from '../../domain/taskPlan.js';
import { describeDuration, type TaskPlanPolicy } from '../../domain/policy.js';

// DEFAULT_TASK_PLAN from db/migrations/20261129T1110_reference_data.ts, copied as a literal.
const plan: TaskPlanPolicy = {
  social_placement: [
    { kind: 'household_registration', department: 'public_security', when: 'always' },
    { kind: 'employment_and_social_insurance', department: 'hrss', when: 'always' },
    { kind: 'medical_insurance_enrolment', department: 'medical_insurance', when: 'always' },
    { kind: 'housing_support', department: 'housing', when: 'needsHousing' },
    { kind: 'education_and_training', department: 'education', when: 'inOrSeekingEducation' },
    { kind: 'collective_economic_rights', department: 'agriculture', when: 'ruralOrPastoralHukou' },
    { kind: 'legal_aid', department: 'justice', when: 'requestsLegalAid' },
    { kind: 'veterans_affairs', department: 'veterans', when: 'enlistingOrVeteran' },
    { kind: 'disability_certification', department: 'disabled_federation', when: 'disabled' },
    { kind: 'subsidy_disbursement', department: 'finance', when: 'always' },
    { kind: 'case_management', department: 'civil_affairs', when: 'always' },
  ],
  destitute_centralized: [
    { kind: 'arrange_support_institution', department: 'civil_affairs', when: 'always' },
    { kind: 'household_registration', department: 'public_security', when: 'always' },
    { kind: 'medical_insurance_enrolment', department: 'medical_insurance', when: 'always' },
    { kind: 'disability_certification', department: 'disabled_federation', when: 'disabled' },
  ],
  destitute_dispersed: [
    { kind: 'record_dispersed_support', department: 'civil_affairs', when: 'always' },
    { kind: 'household_registration', department: 'public_security', when: 'always' },
    { kind: 'medical_insurance_enrolment', department: 'medical_insurance', when: 'always' },
    { kind: 'disability_certification', department: 'disabled_federation', when: 'disabled' },
  ],
};

function facts(overrides: Partial<PlanFacts> = {}): PlanFacts {
  return { hukouType: 'urban', disabled: false, inEducation: false, needs: {}, ...overrides };
}

const departments = (pathway: keyof TaskPlanPolicy, f: PlanFacts): string[] =>
  planTasks(plan, pathway, f).map((t) => t.department);

const BASE = ['public_security', 'hrss', 'medical_insurance', 'finance', 'civil_affairs'];

describe('planTasks: social placement', () => {
  it('gives an urban youth with no needs only the five tasks every case gets, in plan order', () => {
    expect(planTasks(plan, 'social_placement', facts())).toEqual([
      { kind: 'household_registration', department: 'public_security', when: 'always' },
      { kind: 'employment_and_social_insurance', department: 'hrss', when: 'always' },
      { kind: 'medical_insurance_enrolment', department: 'medical_insurance', when: 'always' },
      { kind: 'subsidy_disbursement', department: 'finance', when: 'always' },
      { kind: 'case_management', department: 'civil_affairs', when: 'always' },
    ]);
  });

  it('treats needs set to false like needs not given', () => {
    const f = facts({ needs: { housing: false, education: false, legalAid: false, enlistingOrVeteran: false } });
    expect(departments('social_placement', f)).toEqual(BASE);
  });

  it('adds agriculture (collective economic rights) for a pastoral or rural hukou', () => {
    for (const hukouType of ['pastoral', 'rural'] as const) {
      const tasks = planTasks(plan, 'social_placement', facts({ hukouType }));
      expect(tasks.map((t) => t.department)).toEqual([
        'public_security',
        'hrss',
        'medical_insurance',
        'agriculture',
        'finance',
        'civil_affairs',
      ]);
      expect(tasks.find((t) => t.department === 'agriculture')?.kind).toBe('collective_economic_rights');
    }
  });

  it('adds the disabled persons’ federation for a disabled youth', () => {
    expect(departments('social_placement', facts({ disabled: true }))).toEqual([
      'public_security',
      'hrss',
      'medical_insurance',
      'disabled_federation',
      'finance',
      'civil_affairs',
    ]);
  });

  it('adds housing when housing is needed', () => {
    expect(departments('social_placement', facts({ needs: { housing: true } }))).toEqual([
      'public_security',
      'hrss',
      'medical_insurance',
      'housing',
      'finance',
      'civil_affairs',
    ]);
  });

  it('adds education for a youth in education, or one seeking it', () => {
    const withEducation = ['public_security', 'hrss', 'medical_insurance', 'education', 'finance', 'civil_affairs'];
    expect(departments('social_placement', facts({ inEducation: true }))).toEqual(withEducation);
    expect(departments('social_placement', facts({ needs: { education: true } }))).toEqual(withEducation);
    // Both at once still give one education task.
    expect(departments('social_placement', facts({ inEducation: true, needs: { education: true } }))).toEqual(
      withEducation,
    );
  });

  it('adds justice when legal aid is requested', () => {
    const tasks = planTasks(plan, 'social_placement', facts({ needs: { legalAid: true } }));
    expect(tasks.map((t) => t.department)).toEqual([
      'public_security',
      'hrss',
      'medical_insurance',
      'justice',
      'finance',
      'civil_affairs',
    ]);
    expect(tasks.find((t) => t.department === 'justice')?.kind).toBe('legal_aid');
  });

  it('adds veterans affairs for a youth enlisting or a veteran', () => {
    expect(departments('social_placement', facts({ needs: { enlistingOrVeteran: true } }))).toEqual([
      'public_security',
      'hrss',
      'medical_insurance',
      'veterans',
      'finance',
      'civil_affairs',
    ]);
  });

  it('gives the whole plan when every condition holds', () => {
    const all = facts({
      hukouType: 'pastoral',
      disabled: true,
      inEducation: true,
      needs: { housing: true, legalAid: true, enlistingOrVeteran: true },
    });
    expect(planTasks(plan, 'social_placement', all)).toEqual(plan.social_placement);
  });
});

describe('planTasks: destitute support', () => {
  it('gives dispersed support its civil affairs record, household registration and medical insurance', () => {
    expect(planTasks(plan, 'destitute_dispersed', facts())).toEqual([
      { kind: 'record_dispersed_support', department: 'civil_affairs', when: 'always' },
      { kind: 'household_registration', department: 'public_security', when: 'always' },
      { kind: 'medical_insurance_enrolment', department: 'medical_insurance', when: 'always' },
    ]);
  });

  it('adds disability certification to dispersed support for a disabled youth', () => {
    expect(planTasks(plan, 'destitute_dispersed', facts({ disabled: true })).map((t) => t.kind)).toEqual([
      'record_dispersed_support',
      'household_registration',
      'medical_insurance_enrolment',
      'disability_certification',
    ]);
  });

  it('gives dispersed support no subsidy, housing, education or agriculture tasks whatever the facts', () => {
    const all = facts({
      hukouType: 'rural',
      disabled: true,
      inEducation: true,
      needs: { housing: true, education: true, legalAid: true, enlistingOrVeteran: true },
    });
    expect(planTasks(plan, 'destitute_dispersed', all)).toEqual(plan.destitute_dispersed);
    expect(departments('destitute_dispersed', all)).not.toContain('finance');
    expect(departments('destitute_dispersed', all)).not.toContain('agriculture');
  });

  it('gives centralized support an institution place first', () => {
    expect(planTasks(plan, 'destitute_centralized', facts()).map((t) => t.kind)).toEqual([
      'arrange_support_institution',
      'household_registration',
      'medical_insurance_enrolment',
    ]);
    expect(planTasks(plan, 'destitute_centralized', facts({ disabled: true }))).toEqual(plan.destitute_centralized);
  });
});

describe('planTasks: the plan is data', () => {
  it('follows whatever plan it is given, and does not change it', () => {
    const custom: TaskPlanPolicy = {
      social_placement: [
        { kind: 'custom_housing', department: 'housing', when: 'always' },
        { kind: 'custom_legal', department: 'justice', when: 'requestsLegalAid' },
      ],
      destitute_centralized: [],
      destitute_dispersed: [],
    };
    const before = JSON.stringify(custom);
    expect(planTasks(custom, 'social_placement', facts()).map((t) => t.kind)).toEqual(['custom_housing']);
    expect(planTasks(custom, 'social_placement', facts({ needs: { legalAid: true } })).map((t) => t.kind)).toEqual([
      'custom_housing',
      'custom_legal',
    ]);
    expect(planTasks(custom, 'destitute_centralized', facts())).toEqual([]);
    expect(JSON.stringify(custom)).toBe(before);
  });
});

describe('describeDuration', () => {
  it('names the one unit a policy duration carries', () => {
    expect(describeDuration({ days: 90 })).toBe('90 days');
    expect(describeDuration({ workingDays: 15 })).toBe('15 working days');
    expect(describeDuration({ months: 12 })).toBe('12 months');
    expect(describeDuration({ seconds: 5 })).toBe('5 seconds');
  });

  it('handles zero, as in the default reassessment lead time', () => {
    expect(describeDuration({ days: 0 })).toBe('0 days');
  });
});
