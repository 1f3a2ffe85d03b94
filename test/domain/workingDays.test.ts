import { describe, it, expect } from 'vitest';
import { addWorkingDays, isWorkingDay, toCalendar, type WorkingCalendar } from '../../domain/workingDays.js';
import { officialCalendarRows, yearsKnownToChineseDays } from '../../tools/calendar/chineseDaysSeed.js';

const rows = officialCalendarRows([2025, 2026]);
const calendar: WorkingCalendar = {
  coveredYears: yearsKnownToChineseDays(),
  holidays: rows.filter((r) => r.kind === 'holiday').map((r) => r.date),
  makeUpWorkdays: rows.filter((r) => r.kind === 'makeup_workday').map((r) => r.date),
};

describe('chinese-days seed', () => {
  it('knows 2025 and 2026 but not 2027, which it would otherwise treat as weekdays', () => {
    const years = yearsKnownToChineseDays();
    expect(years).toContain(2025);
    expect(years).toContain(2026);
    expect(years).not.toContain(2027);
  });

  it('carries the 2025 National Day notice: 1–8 October off, 28 September and 11 October worked', () => {
    const oct2025 = rows.filter((r) => r.date >= '2025-09-20' && r.date <= '2025-10-15');
    expect(oct2025).toEqual([
      { date: '2025-09-28', kind: 'makeup_workday', name: '国庆节' },
      { date: '2025-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2025-10-02', kind: 'holiday', name: '国庆节' },
      { date: '2025-10-03', kind: 'holiday', name: '国庆节' },
      { date: '2025-10-04', kind: 'holiday', name: '国庆节' },
      { date: '2025-10-05', kind: 'holiday', name: '国庆节' },
      { date: '2025-10-06', kind: 'holiday', name: '中秋' },
      { date: '2025-10-07', kind: 'holiday', name: '国庆节' },
      { date: '2025-10-08', kind: 'holiday', name: '国庆节' },
      { date: '2025-10-11', kind: 'makeup_workday', name: '国庆节' },
    ]);
  });

  it('refuses to seed a year without a published schedule', () => {
    expect(() => officialCalendarRows([2027])).toThrow(/2027/);
  });
});

describe('isWorkingDay', () => {
  it('treats the make-up Sunday 28 September 2025 as a working day', () => {
    expect(isWorkingDay('2025-09-28', calendar)).toBe(true);
  });

  it('treats the make-up Saturday 14 February 2026 (before Spring Festival) as a working day', () => {
    expect(isWorkingDay('2026-02-14', calendar)).toBe(true);
  });

  it('treats a weekday holiday as a rest day and an ordinary weekend as rest', () => {
    expect(isWorkingDay('2025-10-08', calendar)).toBe(false); // Wednesday, last day of the break
    expect(isWorkingDay('2026-02-16', calendar)).toBe(false); // Monday, Spring Festival eve (除夕)
    expect(isWorkingDay('2025-09-27', calendar)).toBe(false); // plain Saturday
    expect(isWorkingDay('2025-09-26', calendar)).toBe(true); // plain Friday
  });
});

describe('addWorkingDays', () => {
  it('counts 10 working days after Friday 26 September 2025 through the National Day break', () => {
    // 28 Sep (Sun, make-up) 1, 29 Sep 2, 30 Sep 3, [1–8 Oct off], 9 Oct 4, 10 Oct 5,
    // 11 Oct (Sat, make-up) 6, [12 Oct Sun], 13 Oct 7, 14 Oct 8, 15 Oct 9, 16 Oct 10.
    expect(addWorkingDays('2025-09-26', 10, calendar)).toEqual({
      date: '2025-10-16',
      uncoveredYears: [],
      warning: null,
    });
  });

  it('with n = 0 keeps a working day and moves a holiday to the next working day', () => {
    expect(addWorkingDays('2025-09-26', 0, calendar).date).toBe('2025-09-26');
    expect(addWorkingDays('2025-10-01', 0, calendar).date).toBe('2025-10-09');
  });

  it('does not count the start day', () => {
    expect(addWorkingDays('2025-09-30', 1, calendar).date).toBe('2025-10-09');
  });

  it('warns when the count runs into 2027, whose schedule is not loaded', () => {
    // Fri 25 Dec 2026: 28, 29, 30, 31 Dec, then Fri 1 Jan 2027 — New Year's Day, which only
    // the weekday fallback would call a working day; hence the warning.
    const due = addWorkingDays('2026-12-25', 5, calendar);
    expect(due.date).toBe('2027-01-01');
    expect(due.uncoveredYears).toEqual([2027]);
    expect(due.warning).toBe(
      'due date computed with weekdays only for 2027: the official holiday schedule for 2027 is not loaded',
    );
  });

  it('gives the same answer for a calendar already indexed as Sets', () => {
    expect(addWorkingDays('2025-09-26', 10, toCalendar(calendar)).date).toBe('2025-10-16');
  });

  it('rejects a negative or fractional count', () => {
    expect(() => addWorkingDays('2025-09-26', -1, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-09-26', 1.5, calendar)).toThrow(RangeError);
  });
});
