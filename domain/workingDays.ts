// Deadlines in working days on the official Chinese calendar. The calendar is policy data,
// not code: the State Council publishes each year's holidays and 调休 make-up workdays late in
// the previous year, and an administrator loads them. A deadline that reaches a year nobody
// has loaded yet still gets a date (Monday–Friday), but says so, so that staff can check it.
import { addDays, dayOfWeek, isValidDate } from './shanghaiDates.js';

export interface WorkingCalendar {
  /** Years whose official schedule is loaded. */
  coveredYears: readonly number[] | ReadonlySet<number>;
  /** YYYY-MM-DD statutory rest days (those on weekdays matter; weekend ones are harmless). */
  holidays: ReadonlySet<string> | readonly string[];
  /** YYYY-MM-DD 调休 weekend days that are working days. */
  makeUpWorkdays: ReadonlySet<string> | readonly string[];
}

/** The same calendar with every collection as a Set, so lookups are constant-time. */
export interface IndexedCalendar extends WorkingCalendar {
  coveredYears: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
  makeUpWorkdays: ReadonlySet<string>;
}

export interface DueDate {
  date: string;
  /** Years the count passed through without an official schedule, ascending. */
  uncoveredYears: number[];
  warning: string | null;
}

function asSet<T>(items: ReadonlySet<T> | readonly T[]): ReadonlySet<T> {
  return items instanceof Set ? items : new Set(items as readonly T[]);
}

/** Normalise once, before a loop of lookups: arrays are copied into Sets, Sets are reused. */
export function toCalendar(cal: WorkingCalendar): IndexedCalendar {
  return {
    coveredYears: asSet(cal.coveredYears),
    holidays: asSet(cal.holidays),
    makeUpWorkdays: asSet(cal.makeUpWorkdays),
  };
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function isCovered(date: string, cal: IndexedCalendar): boolean {
  return cal.coveredYears.has(yearOf(date));
}

// Listed days are facts even in an uncovered year (an administrator may enter one notice
// early); coverage only decides whether an unlisted weekday can be trusted to be ordinary.
function working(date: string, cal: IndexedCalendar): boolean {
  if (cal.makeUpWorkdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
}

export function isWorkingDay(date: string, cal: WorkingCalendar): boolean {
  if (!isValidDate(date)) throw new RangeError(`"${date}" is not a YYYY-MM-DD date`);
  return working(date, toCalendar(cal));
}

function joinYears(years: readonly number[]): string {
  if (years.length <= 1) return years.join('');
  return `${years.slice(0, -1).join(', ')} and ${years[years.length - 1]}`;
}

function uncoveredWarning(years: readonly number[]): string | null {
  if (years.length === 0) return null;
  const list = joinYears(years);
  const what = years.length === 1 ? 'schedule' : 'schedules';
  const verb = years.length === 1 ? 'is' : 'are';
  return `due date computed with weekdays only for ${list}: the official holiday ${what} for ${list} ${verb} not loaded`;
}

/**
 * The n-th working day after `start` (start itself does not count). With n = 0 the answer is
 * `start` when that is a working day, otherwise the next working day.
 */
export function addWorkingDays(start: string, n: number, cal: WorkingCalendar): DueDate {
  if (!isValidDate(start)) throw new RangeError(`"${start}" is not a YYYY-MM-DD date`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  const indexed = toCalendar(cal);
  const uncovered = new Set<number>();

  const isWorking = (date: string): boolean => {
    if (!isCovered(date, indexed)) uncovered.add(yearOf(date));
    return working(date, indexed);
  };

  let date = start;
  if (n === 0) {
    while (!isWorking(date)) date = addDays(date, 1);
  } else {
    for (let remaining = n; remaining > 0;) {
      date = addDays(date, 1);
      if (isWorking(date)) remaining--;
    }
  }

  const uncoveredYears = [...uncovered].sort((a, b) => a - b);
  return { date, uncoveredYears, warning: uncoveredWarning(uncoveredYears) };
}
