// The build before `records-batched-per-action`: every other change as in workflows/case/patches.ts,
// each event still written by an activity of its own, awaited in turn.
import { deprecatePatch, patched } from '@temporalio/workflow';

export const PATCHES = {
  aftercarePlan: 'aftercare-plan-recorded',
  durableRecords: 'records-after-task-completion',
  batchedRecords: 'records-batched-per-action',
} as const;
export type PatchId = (typeof PATCHES)[keyof typeof PATCHES];
export function changed(id: PatchId): boolean {
  return id === PATCHES.batchedRecords ? false : patched(id);
}
export function changeEverywhere(id: PatchId): void {
  deprecatePatch(id);
}
