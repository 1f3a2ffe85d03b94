// The change deployed without patched(): it runs in every case, also where a case's history was
// made without it. The upgrade test shows that this breaks the replay of cases in flight.
export const PATCHES = {
  aftercarePlan: 'aftercare-plan-recorded',
  durableRecords: 'records-after-task-completion',
  batchedRecords: 'records-batched-per-action',
} as const;
export type PatchId = (typeof PATCHES)[keyof typeof PATCHES];
export function changed(_id: PatchId): boolean {
  return true;
}
export function changeEverywhere(_id: PatchId): void {}
