// Changes to what the case workflow does, made while cases are in flight (workflows/README.md,
// "Changing the workflow with cases in flight"). Each change runs only where `changed(id)` says
// so: in cases that reach it after the change was deployed. A case that had already passed that
// point replays its history without it. Ids are stored in histories: never rename or reuse one.
import { deprecatePatch, patched } from '@temporalio/workflow';

export const PATCHES = {
  /** At placement, the follow-up visit plan is recorded (`aftercare.planned`). Since 2026-12. */
  aftercarePlan: 'aftercare-plan-recorded',
  /**
   * Events (and corrections) are written by ordinary activities, scheduled by the completion of
   * the workflow task that made them, instead of local activities run during it: a task that is
   * lost (timed out, its worker killed) then leaves nothing written, and an Update it accepted
   * is dropped together with its writes. Since 2026-12.
   */
  durableRecords: 'records-after-task-completion',
  /**
   * The events an action records are written together, by one `recordCaseEvents` activity once
   * its handler has finished, instead of one activity each, awaited in turn: an approval that
   * records four events waited for four round trips through the server, and each added six
   * events to the history that a worker replays when the case is not in its cache. Since 2026-12.
   */
  batchedRecords: 'records-batched-per-action',
} as const;

export type PatchId = (typeof PATCHES)[keyof typeof PATCHES];

/** True when this case takes the change at this point (Temporal's patched(), which marks the history). */
export function changed(id: PatchId): boolean {
  return patched(id);
}

/** Once no case that lacks the change can still replay here: the change stays, the marker goes. */
export function changeEverywhere(id: PatchId): void {
  deprecatePatch(id);
}
