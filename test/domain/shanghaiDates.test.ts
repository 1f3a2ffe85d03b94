import { describe, it, expect } from 'vitest';
import {
  addDays,
  addMonths,
  adulthoodDate,
  ageOn,
  compareDates,
  dayOfWeek,
  isValidDate,
  shanghaiDateOf,
  startOfShanghaiDay,
} from '../../domain/shanghaiDates.js';

describe('Shanghai calendar date of an instant', () => {
  it('is already the next day at 01:00 Beijing time', () => {
    expect(shanghaiDateOf(new Date('2026-11-29T17:00:00Z'))).toBe('2026-11-30');
  });

  it('is still the same day one millisecond before Beijing midnight', () => {
    expect(shanghaiDateOf(new Date('2026-11-29T15:59:59.999Z'))).toBe('2026-11-29');
    expect(shanghaiDateOf(new Date('2026-11-29T16:00:00.000Z'))).toBe('2026-11-30');
  });

  it('starts a day at 16:00 UTC the evening before', () => {
    expect(startOfShanghaiDay('2026-11-30').toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(shanghaiDateOf(startOfShanghaiDay('2026-11-30'))).toBe('2026-11-30');
  });
});

describe('isValidDate', () => {
  it('accepts real dates only', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2026-04-31')).toBe(false);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('2026-1-05')).toBe(false);
    expect(isValidDate('20260105')).toBe(false);
  });
});

describe('date arithmetic', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-29', 30)).toBe('2026-12-29');
  });

  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2026-05-31', 1)).toBe('2026-06-30');
    expect(addMonths('2026-11-15', 14)).toBe('2028-01-15');
  });

  it('compares and names weekdays', () => {
    expect(compareDates('2026-02-28', '2026-03-01')).toBeLessThan(0);
    expect(compareDates('2026-03-01', '2026-02-28')).toBeGreaterThan(0);
    expect(compareDates('2026-03-01', '2026-03-01')).toBe(0);
    expect(dayOfWeek('2026-11-29')).toBe(0); // Sunday
    expect(dayOfWeek('2025-10-01')).toBe(3); // National Day 2025 was a Wednesday
    expect(dayOfWeek('2025-10-11')).toBe(6); // the make-up Saturday
  });
});

describe('adulthood', () => {
  it('is the 18th birthday', () => {
    expect(adulthoodDate('2008-11-30')).toBe('2026-11-30');
  });

  it('is 1 March for someone born on 29 February when the 18th year has no 29 February', () => {
    expect(adulthoodDate('2008-02-29')).toBe('2026-03-01');
  });

  it('keeps 29 February when the target year is a leap year', () => {
    expect(adulthoodDate('2008-02-29', 16)).toBe('2024-02-29');
  });

  it('counts full years, consistently with the adulthood date', () => {
    expect(ageOn('2008-11-30', '2026-11-29')).toBe(17);
    expect(ageOn('2008-11-30', '2026-11-30')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
    expect(ageOn('2008-05-12', '2008-05-12')).toBe(0);
  });

  it('refuses an age before birth', () => {
    expect(() => ageOn('2008-05-12', '2008-05-11')).toThrow(RangeError);
  });
});
