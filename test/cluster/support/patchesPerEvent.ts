// The build before `records-batched-per-action`: every other change as in workflows/case/patches.ts,
// each event still written by an activity of its own, awaited in turn.
import { deprecatePatch, patched } from '@temporalio/workflow';

// The real ids (this import is not the one the bundle's module replacement swaps).
import { PATCHES, type PatchId } from '../../../workflows/case/patches.js';

export { PATCHES, type PatchId };
export function changed(id: PatchId): boolean {
  return id === PATCHES.batchedRecords ? false : patched(id);
}
export function changeEverywhere(id: PatchId): void {
  deprecatePatch(id);
}
