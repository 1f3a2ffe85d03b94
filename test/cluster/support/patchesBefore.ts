// Build A of the upgrade test: workflows/case/patches.ts as it was before the changes (the
// follow-up plan, records written after the task's completion): the changed code never runs and
// no marker is recorded, as in the code of then.
export const PATCHES = {
  aftercarePlan: 'aftercare-plan-recorded',
  durableRecords: 'records-after-task-completion',
  batchedRecords: 'records-batched-per-action',
} as const;
export type PatchId = (typeof PATCHES)[keyof typeof PATCHES];
export function changed(_id: PatchId): boolean {
  return false;
}
export function changeEverywhere(_id: PatchId): void {}
