// The formatters every page uses: money from fen, dates in Asia/Shanghai, the deadline lights on
// the working-day calendar.
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  deadlineLight,
  formatDate,
  formatDateTime,
  formatFen,
  formatFenInTable,
  officialCalendar,
} from '../../console/src/shared/format';

describe('money', () => {
  it('shows fen as yuan with thousands separators and two decimals', () => {
    expect(formatFen(8_000_000)).toBe('¥80,000.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(123_456_789_01)).toBe('¥123,456,789.01');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(-150)).toBe('-¥1.50');
  });

  it('writes 元 after the amount in Chinese tables, ¥ before it otherwise', () => {
    expect(formatFenInTable(8_000_000, 'zh-CN')).toBe('80,000.00 元');
    expect(formatFenInTable(8_000_000, 'en')).toBe('¥80,000.00');
  });

  it('refuses what is not an integer amount of fen', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
  });
});

describe('dates', () => {
  it('shows instants as their date and time in Shanghai, whatever the zone they are written in', () => {
    // 16:30 UTC on 31 December is already 1 January in Shanghai.
    expect(formatDate('2026-12-31T16:30:00Z')).toBe('2027-01-01');
    expect(formatDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
    expect(formatDateTime('2026-06-01T08:05:00+08:00')).toBe('2026-06-01 08:05');
  });

  it('leaves a plain date as it is, and nothing as nothing', () => {
    expect(formatDate('2008-01-15')).toBe('2008-01-15');
    expect(formatDate(null)).toBe('');
  });
});

describe('deadline lights', () => {
  // Wednesday 2026-12-02, 10:00 in Shanghai.
  const now = new Date('2026-12-02T02:00:00Z');

  it('is red once the task is past due, or when the API says it is overdue', () => {
    expect(deadlineLight({ dueAt: '2026-12-02T01:59:00Z' }, now)).toBe('overdue');
    expect(deadlineLight({ dueAt: '2026-12-20T00:00:00Z', overdue: true }, now)).toBe('overdue');
  });

  it('is amber when due within 2 working days, and none after', () => {
    expect(deadlineLight({ dueAt: '2026-12-02T09:00:00Z' }, now)).toBe('dueSoon'); // today
    expect(deadlineLight({ dueAt: '2026-12-04T15:00:00Z' }, now)).toBe('dueSoon'); // Friday 23:00
    expect(deadlineLight({ dueAt: '2026-12-04T16:00:00Z' }, now)).toBe('onTime'); // Saturday 00:00
  });

  it('counts working days across a weekend', () => {
    // Thursday: 2 working days later is Monday, so Monday is amber and Tuesday is not.
    const thursday = new Date('2026-12-03T02:00:00Z');
    expect(addWorkingDays('2026-12-03', 2)).toBe('2026-12-07');
    expect(deadlineLight({ dueAt: '2026-12-07T08:00:00Z' }, thursday)).toBe('dueSoon');
    expect(deadlineLight({ dueAt: '2026-12-08T08:00:00Z' }, thursday)).toBe('onTime');
  });

  it('follows the official calendar: holidays are skipped, make-up workdays count', () => {
    // 2026-09-30 (Wed), with 1–7 October off and Saturday 10 October worked.
    const national = officialCalendar(
      ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
      ['2026-10-10'],
    );
    expect(addWorkingDays('2026-09-30', 2, national)).toBe('2026-10-09');
    expect(addWorkingDays('2026-10-08', 2, national)).toBe('2026-10-10');
    const lastDayBefore = new Date('2026-09-30T02:00:00Z');
    expect(deadlineLight({ dueAt: '2026-10-08T08:00:00Z' }, lastDayBefore, national)).toBe('dueSoon');
    expect(deadlineLight({ dueAt: '2026-10-08T08:00:00Z' }, lastDayBefore)).toBe('onTime');
  });

  it('gives a finished task no light', () => {
    expect(deadlineLight({ dueAt: '2026-11-01T00:00:00Z', status: 'done', overdue: false }, now)).toBe('onTime');
    expect(deadlineLight({ dueAt: '2026-11-01T00:00:00Z', status: 'cancelled' }, now)).toBe('onTime');
  });
});
