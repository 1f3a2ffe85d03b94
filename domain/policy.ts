// The shapes of policy data (the `policies` table). Numbers the measures leave to local
// government live in these documents, each version with an effective date, never in code.

/** Which policy version a decision used: recorded with the decision (its "why"). */
export interface PolicyRef {
  policyId: string;
  name: string;
  division: string;
  effectiveFrom: string;
}

/** Exactly one unit. `seconds` exists so tests (and drills) can scale a policy down. */
export type PolicyDuration = { days: number } | { workingDays: number } | { months: number } | { seconds: number };

export interface DurationsPolicy {
  transitionLeadTime: PolicyDuration;
  reassessmentLeadTime: PolicyDuration;
  taskSla: Record<string, PolicyDuration> & { default: PolicyDuration };
  reminderBeforeDue: PolicyDuration;
  escalationInterval: PolicyDuration;
  followUpsAfterPlacement: PolicyDuration[];
  destituteReviewInterval: PolicyDuration;
}

/** Facts a plan item may depend on; the vocabulary is code, which items use them is policy. */
export const PLAN_CONDITIONS = [
  'always',
  'needsHousing',
  'inOrSeekingEducation',
  'ruralOrPastoralHukou',
  'requestsLegalAid',
  'enlistingOrVeteran',
  'disabled',
] as const;
export type PlanCondition = (typeof PLAN_CONDITIONS)[number];

export interface PlanItem {
  kind: string;
  department: string;
  when: PlanCondition;
}

export interface TaskPlanPolicy {
  social_placement: PlanItem[];
  destitute_centralized: PlanItem[];
  destitute_dispersed: PlanItem[];
}

export interface DestituteCriteriaPolicy {
  unableToWorkDisabilities: Array<{ category: string; maxGrade: number }>;
  seriousIllnessMeansUnableToWork: boolean;
}

export interface PolicyBodies {
  durations: DurationsPolicy;
  task_plan: TaskPlanPolicy;
  destitute_criteria: DestituteCriteriaPolicy;
}
export type PolicyName = keyof PolicyBodies;
export const POLICY_NAMES = ['durations', 'task_plan', 'destitute_criteria'] as const satisfies readonly PolicyName[];

export function describeDuration(d: PolicyDuration): string {
  if ('days' in d) return `${d.days} days`;
  if ('workingDays' in d) return `${d.workingDays} working days`;
  if ('months' in d) return `${d.months} months`;
  return `${d.seconds} seconds`;
}
