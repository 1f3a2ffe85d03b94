// The standards list as the page shows it: each version's standing today (待会签, scheduled, in
// force, superseded) and how its amount splits between the region and the locality. The split
// follows the API's rule (domain/subsidy.ts): the region's own standard in force on the version's
// effective date is the region's contribution per person, the locality funds the rest.
import type { paths } from '../../api/schema';

export type Standard =
  paths['/v1/subsidy-standards']['get']['responses'][200]['content']['application/json']['items'][number];

export type Standing = 'proposed' | 'scheduled' | 'inForce' | 'superseded';

export interface StandardRow extends Standard {
  standing: Standing;
  regionalShareFen: number;
  localShareFen: number;
}

/** 150102 → 150000: the region a division belongs to (GB/T 2260 codes carry their hierarchy). */
export function regionOf(division: string): string {
  return `${division.slice(0, 2)}0000`;
}

/** The effective version for `division` on `date`: the latest effectiveFrom not after it. */
function inForce(standards: readonly Standard[], division: string, date: string): Standard | undefined {
  let best: Standard | undefined;
  for (const s of standards) {
    if (s.division !== division || s.status !== 'effective' || s.effectiveFrom > date) continue;
    if (!best || s.effectiveFrom > best.effectiveFrom) best = s;
  }
  return best;
}

/** Sorted by division, then newest effective date first. `today` is YYYY-MM-DD in Asia/Shanghai. */
export function standardRows(standards: readonly Standard[], today: string): StandardRow[] {
  return standards
    .map((s): StandardRow => {
      const current = inForce(standards, s.division, today);
      const standing: Standing =
        s.status === 'proposed'
          ? 'proposed'
          : s.effectiveFrom > today
            ? 'scheduled'
            : current?.id === s.id
              ? 'inForce'
              : 'superseded';
      const regional = inForce(standards, regionOf(s.division), s.effectiveFrom);
      const regionalShareFen =
        s.division === regionOf(s.division) ? s.amountFen : Math.min(s.amountFen, regional?.amountFen ?? 0);
      return { ...s, standing, regionalShareFen, localShareFen: s.amountFen - regionalShareFen };
    })
    .sort(
      (a, b) =>
        a.division.localeCompare(b.division) ||
        b.effectiveFrom.localeCompare(a.effectiveFrom) ||
        b.createdAt.localeCompare(a.createdAt),
    );
}

/** "50000", "50,000.5" or "60000.00" yuan as integer fen, by string arithmetic; null when not an amount. */
export function yuanToFen(text: string): number | null {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim().replaceAll(',', ''));
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? fen : null;
}
