// Reference data and the region's default policies as published in the measures.
// Frozen: a change of divisions or of a default is a new migration (policies also change through
// the API, as new versions with their own effective dates).
import { type Kysely, sql } from 'kysely';
import { INNER_MONGOLIA_DIVISIONS } from './reference/divisions-150000.js';

const DEPARTMENTS: ReadonlyArray<readonly [code: string, zh: string, en: string]> = [
  ['civil_affairs', '民政', 'Civil Affairs'],
  ['education', '教育', 'Education'],
  ['public_security', '公安', 'Public Security'],
  ['justice', '司法', 'Justice'],
  ['finance', '财政', 'Finance'],
  ['hrss', '人力资源和社会保障', 'Human Resources and Social Security'],
  ['housing', '住房和城乡建设', 'Housing and Urban-Rural Development'],
  ['agriculture', '农牧', 'Agriculture and Animal Husbandry'],
  ['veterans', '退役军人事务', 'Veterans Affairs'],
  ['medical_insurance', '医保', 'Medical Insurance'],
  ['disabled_federation', '残联', "Disabled Persons' Federation"],
];

const DEFAULT_DURATIONS = {
  transitionLeadTime: { days: 90 },
  reassessmentLeadTime: { days: 0 },
  taskSla: {
    default: { workingDays: 15 },
    transition_preparation: { workingDays: 20 },
    assessment: { workingDays: 20 },
    review: { workingDays: 10 },
    correct_bank_account: { workingDays: 10 },
    subsidy_disbursement: { workingDays: 10 },
    follow_up_visit: { workingDays: 10 },
    destitute_annual_review: { workingDays: 20 },
  },
  reminderBeforeDue: { days: 3 },
  escalationInterval: { workingDays: 5 },
  followUpsAfterPlacement: [{ months: 3 }, { months: 6 }, { months: 12 }],
  destituteReviewInterval: { months: 12 },
};

const always = 'always';
const DEFAULT_TASK_PLAN = {
  social_placement: [
    { kind: 'household_registration', department: 'public_security', when: always },
    { kind: 'employment_and_social_insurance', department: 'hrss', when: always },
    { kind: 'medical_insurance_enrolment', department: 'medical_insurance', when: always },
    { kind: 'housing_support', department: 'housing', when: 'needsHousing' },
    { kind: 'education_and_training', department: 'education', when: 'inOrSeekingEducation' },
    { kind: 'collective_economic_rights', department: 'agriculture', when: 'ruralOrPastoralHukou' },
    { kind: 'legal_aid', department: 'justice', when: 'requestsLegalAid' },
    { kind: 'veterans_affairs', department: 'veterans', when: 'enlistingOrVeteran' },
    { kind: 'disability_certification', department: 'disabled_federation', when: 'disabled' },
    { kind: 'subsidy_disbursement', department: 'finance', when: always },
    { kind: 'case_management', department: 'civil_affairs', when: always },
  ],
  destitute_centralized: [
    { kind: 'arrange_support_institution', department: 'civil_affairs', when: always },
    { kind: 'household_registration', department: 'public_security', when: always },
    { kind: 'medical_insurance_enrolment', department: 'medical_insurance', when: always },
    { kind: 'disability_certification', department: 'disabled_federation', when: 'disabled' },
  ],
  destitute_dispersed: [
    { kind: 'record_dispersed_support', department: 'civil_affairs', when: always },
    { kind: 'household_registration', department: 'public_security', when: always },
    { kind: 'medical_insurance_enrolment', department: 'medical_insurance', when: always },
    { kind: 'disability_certification', department: 'disabled_federation', when: 'disabled' },
  ],
};

// 特困人员认定办法: no ability to work. The default list of the measures; the region may add cases.
const DEFAULT_DESTITUTE_CRITERIA = {
  unableToWorkDisabilities: [
    { category: 'intellectual', maxGrade: 3 },
    { category: 'mental', maxGrade: 3 },
    { category: 'physical', maxGrade: 2 },
    { category: 'visual', maxGrade: 1 },
  ],
  seriousIllnessMeansUnableToWork: false,
};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const d of INNER_MONGOLIA_DIVISIONS) {
    await sql`INSERT INTO divisions (code, name, parent_code, level)
              VALUES (${d.code}, ${d.name}, ${d.parentCode}, ${d.level})`.execute(db);
  }
  for (const [code, zh, en] of DEPARTMENTS) {
    await sql`INSERT INTO departments (code, name_zh, name_en, is_lead)
              VALUES (${code}, ${zh}, ${en}, ${code === 'civil_affairs'})`.execute(db);
  }
  const policies: Array<[string, unknown]> = [
    ['durations', DEFAULT_DURATIONS],
    ['task_plan', DEFAULT_TASK_PLAN],
    ['destitute_criteria', DEFAULT_DESTITUTE_CRITERIA],
  ];
  for (const [name, body] of policies) {
    await sql`INSERT INTO policies (policy_id, name, division_code, effective_from, body, note)
              VALUES (gen_random_uuid(), ${name}, '150000', '2000-01-01', ${JSON.stringify(body)}::jsonb,
                      '《内蒙古自治区儿童福利机构孤儿成年后安置办法》 defaults')`.execute(db);
  }
  // The region's own contribution, 50,000 CNY per person, stands as the region-wide standard
  // until a league or banner sets its own (co-signed by finance like any other standard).
  await sql`INSERT INTO subsidy_standards
              (standard_id, division_code, amount_fen, effective_from, basis, status, proposed_by, cosigned_by, cosigned_at)
            VALUES (gen_random_uuid(), '150000', 5000000, '2024-01-01',
                    '《内蒙古自治区儿童福利机构孤儿成年后安置办法》: 自治区按照每人5万元进行补助', 'effective',
                    '{"sub":"migration","role":"admin","org":"system","division":"150000"}'::jsonb,
                    '{"sub":"migration","role":"admin","org":"system","division":"150000"}'::jsonb, now())`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM subsidy_standards; DELETE FROM policies; DELETE FROM departments; DELETE FROM divisions;`.execute(
    db,
  );
}
