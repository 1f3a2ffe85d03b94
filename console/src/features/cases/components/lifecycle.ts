// The step bar of a case's life: 待成年 → 过渡准备 → 评估 → 审核 → 社会化安置/特困供养 →
// 已安置/供养中 → 结案, the two branches named after the case's pathway.
export type StepKey =
  | 'awaiting_adulthood'
  | 'transition_planning'
  | 'assessment'
  | 'review'
  | 'social_placement'
  | 'destitute_support'
  | 'placed'
  | 'supported'
  | 'closed';

const STEP_OF_STAGE: Record<string, number> = {
  awaiting_adulthood: 0,
  transition_planning: 1,
  assessment: 2,
  deferred: 2,
  review: 3,
  social_placement: 4,
  destitute_support: 4,
  placed: 5,
  supported: 5,
  closed: 6,
};

export function lifecycleSteps(stage: string, pathway: string | null): { steps: StepKey[]; current: number } {
  const destitute =
    stage === 'destitute_support' || stage === 'supported' || (pathway?.startsWith('destitute') ?? false);
  const steps: StepKey[] = [
    'awaiting_adulthood',
    'transition_planning',
    'assessment',
    'review',
    destitute ? 'destitute_support' : 'social_placement',
    destitute ? 'supported' : 'placed',
    'closed',
  ];
  return { steps, current: STEP_OF_STAGE[stage] ?? -1 };
}
