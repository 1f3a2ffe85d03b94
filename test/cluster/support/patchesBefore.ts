// Build A of the upgrade test: workflows/case/patches.ts as it was before the changes (the
// follow-up plan, records written after the task's completion): the changed code never runs and
// no marker is recorded, as in the code of then.
// The real ids (this import is not the one the bundle's module replacement swaps).
import { PATCHES, type PatchId } from '../../../workflows/case/patches.js';

export { PATCHES, type PatchId };
export function changed(_id: PatchId): boolean {
  return false;
}
export function changeEverywhere(_id: PatchId): void {}
