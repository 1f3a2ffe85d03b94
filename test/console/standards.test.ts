// 补贴标准's list: each version's standing on a day (待会签, co-signed but not yet in force, in force,
// superseded), the split into 自治区补助 and 地方承担 by the API's rule, and yuan typed as fen.
import { describe, expect, it } from 'vitest';
import { type Standard, standardRows, yuanToFen } from '../../console/src/features/standards/model';

let n = 0;
const standard = (division: string, amountFen: number, effectiveFrom: string, status = 'effective'): Standard => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  division,
  amountFen,
  effectiveFrom,
  status: status as Standard['status'],
  basis: `${division} ${effectiveFrom}`,
  proposedBy: { sub: 'ca', role: 'civil_affairs', org: 'civil_affairs', division },
  cosignedBy: null,
  cosignedAt: null,
  createdAt: `2026-01-01T00:00:0${n % 10}.000Z`,
});

describe('standardRows', () => {
  const region2020 = standard('150000', 5_000_000, '2020-01-01');
  const old = standard('150102', 6_000_000, '2020-01-01');
  const current = standard('150102', 6_500_000, '2026-01-01');
  const next = standard('150102', 7_000_000, '2027-01-01');
  const proposed = standard('150102', 7_500_000, '2027-06-01', 'proposed');
  const belowRegion = standard('150202', 4_000_000, '2026-01-01');
  const rows = standardRows([proposed, belowRegion, next, region2020, old, current], '2026-12-02');
  const byId = (s: Standard) => rows.find((r) => r.id === s.id)!;

  it('tells each version its standing today', () => {
    expect(byId(old).standing).toBe('superseded');
    expect(byId(current).standing).toBe('inForce');
    expect(byId(next).standing).toBe('scheduled');
    expect(byId(proposed).standing).toBe('proposed');
    expect(byId(region2020).standing).toBe('inForce');
  });

  it('splits the amount: the region’s standard in force on its date, the locality the rest', () => {
    expect(byId(current)).toMatchObject({ regionalShareFen: 5_000_000, localShareFen: 1_500_000 });
    expect(byId(belowRegion)).toMatchObject({ regionalShareFen: 4_000_000, localShareFen: 0 });
    expect(byId(region2020)).toMatchObject({ regionalShareFen: 5_000_000, localShareFen: 0 });
    const early = standardRows([region2020, standard('150102', 6_000_000, '2019-01-01')], '2026-12-02');
    expect(early.find((r) => r.division === '150102')).toMatchObject({ regionalShareFen: 0, localShareFen: 6_000_000 });
  });

  it('lists by division, the newest effective date first', () => {
    expect(rows.map((r) => `${r.division} ${r.effectiveFrom}`)).toEqual([
      '150000 2020-01-01',
      '150102 2027-06-01',
      '150102 2027-01-01',
      '150102 2026-01-01',
      '150102 2020-01-01',
      '150202 2026-01-01',
    ]);
  });
});

describe('yuanToFen', () => {
  it('reads yuan with up to two decimals and thousands commas, as integer fen', () => {
    expect(yuanToFen('60000')).toBe(6_000_000);
    expect(yuanToFen('60,000.5')).toBe(6_000_050);
    expect(yuanToFen(' 0.07 ')).toBe(7);
    expect(yuanToFen('19.99')).toBe(1999);
  });

  it('refuses what is not a positive amount', () => {
    for (const text of ['', '0', '0.00', '-5', '1.234', 'abc', '1e5', '12.']) expect(yuanToFen(text), text).toBeNull();
  });
});
