// The change deployed without patched(): it runs in every case, also where a case's history was
// made without it. The upgrade test shows that this breaks the replay of cases in flight.
// The real ids (this import is not the one the bundle's module replacement swaps).
import { PATCHES, type PatchId } from '../../../workflows/case/patches.js';

export { PATCHES, type PatchId };
export function changed(_id: PatchId): boolean {
  return true;
}
export function changeEverywhere(_id: PatchId): void {}
