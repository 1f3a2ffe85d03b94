// The subsidy quote: the nearest division's standard in force, the region's share and the local
// rest, across effective dates. A few lines over 250: the standards are written out as data.
import { describe, it, expect } from 'vitest';
import { quoteSubsidy, type StandardVersion } from '../../domain/subsidy.js';

// 150000 Inner Mongolia; 150100 Hohhot, 150102 Xincheng, 150103 Huimin; 150200 Baotou, 150202 Donghe.
const region: StandardVersion = {
  standardId: 'region-2024',
  division: '150000',
  amountFen: 5_000_000,
  effectiveFrom: '2024-01-01',
  status: 'effective',
};
const hohhot: StandardVersion = {
  standardId: 'hohhot-2025',
  division: '150100',
  amountFen: 6_000_000,
  effectiveFrom: '2025-01-01',
  status: 'effective',
};
const xincheng: StandardVersion = {
  standardId: 'xincheng-2026',
  division: '150102',
  amountFen: 8_000_000,
  effectiveFrom: '2026-06-01',
  status: 'effective',
};
/** Proposed by civil affairs, never co-signed by finance: must be ignored. */
const xinchengProposed: StandardVersion = {
  standardId: 'xincheng-proposed',
  division: '150102',
  amountFen: 9_000_000,
  effectiveFrom: '2026-01-01',
  status: 'proposed',
};

const standards: readonly StandardVersion[] = [region, hohhot, xincheng, xinchengProposed];

describe('quoteSubsidy: which standard applies', () => {
  it('uses the county’s own standard once in force, the region paying its share and the county the rest', () => {
    expect(quoteSubsidy(standards, '150102', '2026-07-01')).toEqual({
      standard: xincheng,
      amountFen: 8_000_000,
      regionalShareFen: 5_000_000,
      localShareFen: 3_000_000,
      regionalStandardId: 'region-2024',
    });
  });

  it('applies a standard from its effective date itself', () => {
    expect(quoteSubsidy(standards, '150102', '2026-06-01')?.standard).toBe(xincheng);
  });

  it('falls back to the league’s standard the day before the county’s takes effect', () => {
    expect(quoteSubsidy(standards, '150102', '2026-05-31')).toEqual({
      standard: hohhot,
      amountFen: 6_000_000,
      regionalShareFen: 5_000_000,
      localShareFen: 1_000_000,
      regionalStandardId: 'region-2024',
    });
  });

  it('ignores a proposed standard that finance has not co-signed', () => {
    for (const date of ['2026-01-01', '2026-03-15', '2026-05-31']) {
      const quote = quoteSubsidy(standards, '150102', date);
      expect(quote?.standard.standardId, date).toBe('hohhot-2025');
      expect(quote?.amountFen, date).toBe(6_000_000);
    }
    // Even where it would be the only county standard.
    expect(quoteSubsidy([region, xinchengProposed], '150102', '2026-07-01')?.standard).toBe(region);
  });

  it('gives a county with no standard of its own its league’s', () => {
    const quote = quoteSubsidy(standards, '150103', '2026-07-01');
    expect(quote?.standard).toBe(hohhot);
    expect(quote?.amountFen).toBe(6_000_000);
    expect(quote?.regionalShareFen).toBe(5_000_000);
    expect(quote?.localShareFen).toBe(1_000_000);
  });

  it('gives a county whose league has no standard the region’s, with no local share', () => {
    expect(quoteSubsidy(standards, '150202', '2026-07-01')).toEqual({
      standard: region,
      amountFen: 5_000_000,
      regionalShareFen: 5_000_000,
      localShareFen: 0,
      regionalStandardId: 'region-2024',
    });
  });

  it('uses the region’s standard in a county before its league’s takes effect', () => {
    const quote = quoteSubsidy(standards, '150102', '2024-12-31');
    expect(quote?.standard).toBe(region);
    expect(quote?.localShareFen).toBe(0);
  });

  it('quotes for a league-level or region-level division itself', () => {
    expect(quoteSubsidy(standards, '150100', '2026-07-01')?.standard).toBe(hohhot);
    expect(quoteSubsidy(standards, '150200', '2026-07-01')?.standard).toBe(region);
    expect(quoteSubsidy(standards, '150000', '2026-07-01')?.standard).toBe(region);
  });

  it('gives null before any standard is in force', () => {
    expect(quoteSubsidy(standards, '150102', '2023-12-31')).toBeNull();
    expect(quoteSubsidy(standards, '150202', '2023-12-31')).toBeNull();
  });

  it('gives null with no standards, or outside the region', () => {
    expect(quoteSubsidy([], '150102', '2026-07-01')).toBeNull();
    expect(quoteSubsidy(standards, '110105', '2026-07-01')).toBeNull();
  });

  it('uses the latest version of a division’s standard in force on the date, whatever the list order', () => {
    const xincheng2027: StandardVersion = {
      ...xincheng,
      standardId: 'xincheng-2027',
      amountFen: 8_500_000,
      effectiveFrom: '2027-01-01',
    };
    for (const list of [[...standards, xincheng2027], [xincheng2027, ...standards].reverse()]) {
      expect(quoteSubsidy(list, '150102', '2026-12-31')?.standard.standardId).toBe('xincheng-2026');
      expect(quoteSubsidy(list, '150102', '2027-01-01')?.standard.standardId).toBe('xincheng-2027');
    }
  });
});

describe('quoteSubsidy: the regional share', () => {
  const region2027: StandardVersion = {
    standardId: 'region-2027',
    division: '150000',
    amountFen: 5_500_000,
    effectiveFrom: '2027-01-01',
    status: 'effective',
  };
  const withRaise = [...standards, region2027];

  it('changes the regional share only from the new region version’s date', () => {
    const before = quoteSubsidy(withRaise, '150102', '2026-12-31');
    expect(before).toMatchObject({
      amountFen: 8_000_000,
      regionalShareFen: 5_000_000,
      localShareFen: 3_000_000,
      regionalStandardId: 'region-2024',
    });

    const after = quoteSubsidy(withRaise, '150102', '2027-01-01');
    expect(after).toMatchObject({
      amountFen: 8_000_000,
      regionalShareFen: 5_500_000,
      localShareFen: 2_500_000,
      regionalStandardId: 'region-2027',
    });
    expect(after?.standard).toBe(xincheng);
  });

  it('raises the amount where the region’s own standard applies', () => {
    expect(quoteSubsidy(withRaise, '150202', '2026-12-31')).toMatchObject({ amountFen: 5_000_000, localShareFen: 0 });
    expect(quoteSubsidy(withRaise, '150202', '2027-01-01')).toMatchObject({
      standard: region2027,
      amountFen: 5_500_000,
      regionalShareFen: 5_500_000,
      localShareFen: 0,
    });
  });

  it('ignores a proposed region version', () => {
    const proposedRaise: StandardVersion = { ...region2027, standardId: 'region-proposed', status: 'proposed' };
    expect(quoteSubsidy([...standards, proposedRaise], '150102', '2027-06-01')).toMatchObject({
      regionalShareFen: 5_000_000,
      regionalStandardId: 'region-2024',
    });
  });

  it('caps the regional share at the amount when a local standard is below the region’s', () => {
    const lowCounty: StandardVersion = {
      standardId: 'huimin-low',
      division: '150103',
      amountFen: 4_000_000,
      effectiveFrom: '2026-01-01',
      status: 'effective',
    };
    expect(quoteSubsidy([...standards, lowCounty], '150103', '2026-07-01')).toEqual({
      standard: lowCounty,
      amountFen: 4_000_000,
      regionalShareFen: 4_000_000,
      localShareFen: 0,
      regionalStandardId: 'region-2024',
    });
  });

  it('leaves the regional share at zero when no region standard is in force', () => {
    const early: StandardVersion = { ...hohhot, standardId: 'hohhot-early', effectiveFrom: '2023-06-01' };
    expect(quoteSubsidy([region, early], '150102', '2023-12-31')).toEqual({
      standard: early,
      amountFen: 6_000_000,
      regionalShareFen: 0,
      localShareFen: 6_000_000,
      regionalStandardId: null,
    });
  });

  it('always splits the amount into two non-negative integer shares that sum to it', () => {
    const extra: StandardVersion[] = [
      region2027,
      {
        standardId: 'huimin-low',
        division: '150103',
        amountFen: 4_000_000,
        effectiveFrom: '2026-01-01',
        status: 'effective',
      },
      {
        standardId: 'donghe-odd',
        division: '150202',
        amountFen: 5_123_457,
        effectiveFrom: '2026-09-09',
        status: 'effective',
      },
    ];
    const all = [...standards, ...extra];
    const divisions = ['150000', '150100', '150102', '150103', '150200', '150202'];
    const dates = [
      '2023-12-31',
      '2024-01-01',
      '2025-01-01',
      '2026-01-01',
      '2026-05-31',
      '2026-06-01',
      '2026-09-09',
      '2026-12-31',
      '2027-01-01',
      '2030-01-01',
    ];
    let quoted = 0;
    for (const division of divisions) {
      for (const date of dates) {
        const q = quoteSubsidy(all, division, date);
        if (!q) continue;
        quoted++;
        const label = `${division} on ${date}`;
        expect(q.amountFen, label).toBe(q.standard.amountFen);
        expect(Number.isInteger(q.regionalShareFen), label).toBe(true);
        expect(Number.isInteger(q.localShareFen), label).toBe(true);
        expect(q.regionalShareFen, label).toBeGreaterThanOrEqual(0);
        expect(q.localShareFen, label).toBeGreaterThanOrEqual(0);
        expect(q.regionalShareFen + q.localShareFen, label).toBe(q.amountFen);
        expect(q.standard.status, label).toBe('effective');
        expect(q.standard.effectiveFrom <= date, label).toBe(true);
      }
    }
    expect(quoted).toBeGreaterThan(40);
  });
});
