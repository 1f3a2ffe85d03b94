// The one-time social placement subsidy: the standard in force for the banner/county, else its
// league/city, else the region. The region's standard is also the region's own contribution per
// person (50,000 CNY when the measures were issued); the locality funds whatever lies above it.
import { divisionChain } from './divisions.js';
import type { StandardStatus } from './vocabulary.js';

export interface StandardVersion {
  standardId: string;
  division: string;
  amountFen: number;
  effectiveFrom: string;
  status: StandardStatus;
}

/** The effective standard for one division on a date: the latest effectiveFrom not after it. */
function inForce(standards: readonly StandardVersion[], division: string, date: string): StandardVersion | null {
  let best: StandardVersion | null = null;
  for (const standard of standards) {
    if (standard.division !== division || standard.status !== 'effective' || standard.effectiveFrom > date) continue;
    if (!best || standard.effectiveFrom > best.effectiveFrom) best = standard;
  }
  return best;
}

export interface SubsidyQuote {
  standard: StandardVersion;
  amountFen: number;
  regionalShareFen: number;
  localShareFen: number;
  regionalStandardId: string | null;
}

export function quoteSubsidy(
  standards: readonly StandardVersion[],
  division: string,
  date: string,
): SubsidyQuote | null {
  const chain = divisionChain(division);
  const region = chain[chain.length - 1] ?? division;
  for (const d of chain) {
    const standard = inForce(standards, d, date);
    if (!standard) continue;
    const regional = inForce(standards, region, date);
    const regionalShareFen = Math.min(standard.amountFen, regional?.amountFen ?? 0);
    return {
      standard,
      amountFen: standard.amountFen,
      regionalShareFen,
      localShareFen: standard.amountFen - regionalShareFen,
      regionalStandardId: regional?.standardId ?? null,
    };
  }
  return null;
}
