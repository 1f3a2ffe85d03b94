// Which coordination tasks a case gets: the plan is policy data, the conditions are facts.
import type { PlanCondition, PlanItem, TaskPlanPolicy } from './policy.js';
import type { HukouType } from './vocabulary.js';

export interface PlanFacts {
  hukouType: HukouType;
  disabled: boolean;
  inEducation: boolean;
  needs: { housing?: boolean; education?: boolean; legalAid?: boolean; enlistingOrVeteran?: boolean };
}

const CONDITIONS: Record<PlanCondition, (f: PlanFacts) => boolean> = {
  always: () => true,
  needsHousing: (f) => f.needs.housing === true,
  inOrSeekingEducation: (f) => f.inEducation || f.needs.education === true,
  ruralOrPastoralHukou: (f) => f.hukouType === 'rural' || f.hukouType === 'pastoral',
  requestsLegalAid: (f) => f.needs.legalAid === true,
  enlistingOrVeteran: (f) => f.needs.enlistingOrVeteran === true,
  disabled: (f) => f.disabled,
};

export function planTasks(plan: TaskPlanPolicy, pathway: keyof TaskPlanPolicy, facts: PlanFacts): PlanItem[] {
  return plan[pathway].filter((item) => CONDITIONS[item.when](facts));
}
