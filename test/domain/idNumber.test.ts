import { describe, it, expect } from 'vitest';
import { checkIdNumber, computeCheckDigit, maskIdNumber, normaliseIdNumber } from '../../domain/idNumber.js';

describe('computeCheckDigit', () => {
  it('gives X for the GB 11643 standard example 11010519491231002X', () => {
    // Weighted sum of 11010519491231002 is 167; 167 mod 11 = 2, and remainder 2 maps to X.
    expect(computeCheckDigit('11010519491231002')).toBe('X');
  });

  it('gives 6 for a Hohhot (150102) number worked by hand', () => {
    // 1·7+5·9+0+1·5+0+2·4+2·2+0+0+8·3+0+5·9+1·10+2·5+0+0+1·2 = 160; 160 mod 11 = 6 → 6.
    expect(computeCheckDigit('15010220080512001')).toBe('6');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => computeCheckDigit('1501022008051200')).toThrow(RangeError);
    expect(() => computeCheckDigit('1501022008051200A')).toThrow(RangeError);
  });
});

describe('checkIdNumber', () => {
  it('accepts the standard example and reads birth date, sex and division', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({
      ok: true,
      birthDate: '1949-12-31',
      sex: 'female', // 17th digit 2 is even
      divisionCode: '110105',
    });
  });

  it('reads an odd 17th digit as male', () => {
    expect(checkIdNumber('150102200805120016', '2026-11-29')).toEqual({
      ok: true,
      birthDate: '2008-05-12',
      sex: 'male',
      divisionCode: '150102',
    });
  });

  it('accepts numbers built with computeCheckDigit for each sex', () => {
    const male17 = '15090220081129013';
    const female17 = '15090220081129024';
    const male = checkIdNumber(male17 + computeCheckDigit(male17), '2026-11-29');
    const female = checkIdNumber(female17 + computeCheckDigit(female17), '2026-11-29');
    expect(male).toMatchObject({ ok: true, sex: 'male', birthDate: '2008-11-29', divisionCode: '150902' });
    expect(female).toMatchObject({ ok: true, sex: 'female', birthDate: '2008-11-29' });
  });

  it('names the check digit the first 17 digits require', () => {
    expect(checkIdNumber('110105194912310025')).toEqual({
      ok: false,
      reason: 'check digit is 5 but the first 17 digits require X (GB 11643 MOD 11-2)',
    });
    const result = checkIdNumber('15010220080512001X');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('require 6');
  });

  it('accepts a lowercase x and surrounding blanks', () => {
    expect(checkIdNumber('  11010519491231002x ')).toMatchObject({ ok: true, birthDate: '1949-12-31' });
  });

  it('rejects 30 February even when the check digit fits', () => {
    const first17 = '15010220070230001';
    const result = checkIdNumber(first17 + computeCheckDigit(first17));
    expect(result).toEqual({ ok: false, reason: 'birth date 20070230 is not a real date' });
  });

  it('rejects 29 February in a non-leap year but not in a leap year', () => {
    const bad = '15010220070229001';
    const good = '15010220080229001';
    expect(checkIdNumber(bad + computeCheckDigit(bad)).ok).toBe(false);
    expect(checkIdNumber(good + computeCheckDigit(good)).ok).toBe(true);
  });

  it('rejects a birth date after today, and accepts one born today', () => {
    const future = '15010220261130001';
    const todayBorn = '15010220261129001';
    const result = checkIdNumber(future + computeCheckDigit(future), '2026-11-29');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('20261130 is in the future');
    expect(checkIdNumber(todayBorn + computeCheckDigit(todayBorn), '2026-11-29').ok).toBe(true);
  });

  it('rejects a birth date before 1900', () => {
    const old = '11010518991231001';
    const result = checkIdNumber(old + computeCheckDigit(old));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('before 1900');
  });

  it('explains the expected shape for wrong lengths and characters', () => {
    for (const value of ['11010519491231002', '11010519491231002XX', '', '110105194912310X2X', '1101051949123100２X']) {
      const result = checkIdNumber(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/^must be 18 characters: 17 digits then a digit or X/);
    }
  });

  it('refuses a malformed today rather than silently skipping the future check', () => {
    expect(() => checkIdNumber('11010519491231002X', '2026-13-01')).toThrow(RangeError);
  });
});

describe('normaliseIdNumber and maskIdNumber', () => {
  it('normalises case and blanks', () => {
    expect(normaliseIdNumber(' 11010519491231002x\n')).toBe('11010519491231002X');
  });

  it('keeps the division code and last four, hiding the birth date', () => {
    expect(maskIdNumber('15010220080512123X')).toBe('150102********123X');
    expect(maskIdNumber('15010220080512123x')).toBe('150102********123X');
  });

  it('hides short values entirely', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
  });
});
