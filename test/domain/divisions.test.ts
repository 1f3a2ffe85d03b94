import { describe, it, expect } from 'vitest';
import { divisionChain, divisionCovers, divisionLevel, parentDivision } from '../../domain/divisions.js';

// 150000 Inner Mongolia; 150100 Hohhot, 150102 Xincheng, 150103 Huimin; 150200 Baotou, 150202 Donghe;
// 152900 Alxa League, 152921 Alxa Left Banner; 110000 Beijing.

describe('divisionLevel', () => {
  it('reads a code ending in 0000 as the region', () => {
    expect(divisionLevel('150000')).toBe('region');
    expect(divisionLevel('110000')).toBe('region');
  });

  it('reads a code ending in 00 (but not 0000) as a league or city', () => {
    expect(divisionLevel('150100')).toBe('league');
    expect(divisionLevel('150200')).toBe('league');
    expect(divisionLevel('152900')).toBe('league');
  });

  it('reads any other code as a banner, county or district', () => {
    expect(divisionLevel('150102')).toBe('county');
    expect(divisionLevel('152921')).toBe('county');
    expect(divisionLevel('150110')).toBe('county');
  });
});

describe('parentDivision', () => {
  it('gives the league for a county', () => {
    expect(parentDivision('150102')).toBe('150100');
    expect(parentDivision('152921')).toBe('152900');
  });

  it('gives the region for a league', () => {
    expect(parentDivision('150100')).toBe('150000');
    expect(parentDivision('152900')).toBe('150000');
  });

  it('gives null for the region itself', () => {
    expect(parentDivision('150000')).toBeNull();
  });
});

describe('divisionChain', () => {
  it('lists a county, its league and the region, nearest first', () => {
    expect(divisionChain('150102')).toEqual(['150102', '150100', '150000']);
    expect(divisionChain('152921')).toEqual(['152921', '152900', '150000']);
  });

  it('lists a league and the region', () => {
    expect(divisionChain('150200')).toEqual(['150200', '150000']);
  });

  it('is just the region for the region', () => {
    expect(divisionChain('150000')).toEqual(['150000']);
  });
});

describe('divisionCovers', () => {
  it('lets the region cover every division within it', () => {
    expect(divisionCovers('150000', '150000')).toBe(true);
    expect(divisionCovers('150000', '150100')).toBe(true);
    expect(divisionCovers('150000', '150102')).toBe(true);
    expect(divisionCovers('150000', '152921')).toBe(true);
  });

  it('does not let the region cover another province', () => {
    expect(divisionCovers('150000', '110000')).toBe(false);
    expect(divisionCovers('150000', '110105')).toBe(false);
  });

  it('lets a league cover itself and its own counties only', () => {
    expect(divisionCovers('150100', '150100')).toBe(true);
    expect(divisionCovers('150100', '150102')).toBe(true);
    expect(divisionCovers('150100', '150202')).toBe(false);
    expect(divisionCovers('150100', '150200')).toBe(false);
  });

  it('does not let a league cover the region above it', () => {
    expect(divisionCovers('150100', '150000')).toBe(false);
  });

  it('lets a county cover only itself', () => {
    expect(divisionCovers('150102', '150102')).toBe(true);
    expect(divisionCovers('150102', '150103')).toBe(false);
    expect(divisionCovers('150102', '150100')).toBe(false);
    expect(divisionCovers('150102', '150000')).toBe(false);
  });

  it('agrees with divisionChain: a scope covers a target exactly when it is on the target’s chain', () => {
    const codes = ['150000', '150100', '150102', '150103', '150200', '150202', '152900', '152921'];
    for (const scope of codes) {
      for (const target of codes) {
        expect(divisionCovers(scope, target), `${scope} covers ${target}`).toBe(divisionChain(target).includes(scope));
      }
    }
  });
});
