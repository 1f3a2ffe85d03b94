// The deadline lights of every list, workbench count and chart: red (已超期) once a task is past
// due, amber (即将到期) when it is due within 2 working days, none otherwise.
import { formatDate } from './dates';

export type DeadlineLight = 'overdue' | 'dueSoon' | 'onTime';

/** Amber from this many working days before the due date. */
export const DUE_SOON_WORKING_DAYS = 2;

/**
 * Whether a Shanghai date (YYYY-MM-DD) is a working day. The default knows only the week; pass the
 * official calendar (holidays and make-up workdays) where it is known.
 */
export type WorkingDayRule = (date: string) => boolean;

export const weekdaysOnly: WorkingDayRule = (date) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
};

/** A rule from the official calendar's exceptions to the week. */
export function officialCalendar(holidays: Iterable<string>, makeupWorkdays: Iterable<string>): WorkingDayRule {
  const off = new Set(holidays);
  const on = new Set(makeupWorkdays);
  return (date) => on.has(date) || (!off.has(date) && weekdaysOnly(date));
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The date `n` working days after `date` (not counting `date` itself). */
export function addWorkingDays(date: string, n: number, isWorkingDay: WorkingDayRule = weekdaysOnly): string {
  let current = date;
  for (let counted = 0; counted < n;) {
    current = nextDate(current);
    if (isWorkingDay(current)) counted++;
  }
  return current;
}

export interface DeadlineInput {
  dueAt: string;
  /** The API's own verdict, when it gives one. */
  overdue?: boolean;
  /** A task that is done or cancelled has no light. */
  status?: string;
}

export function deadlineLight(
  task: DeadlineInput,
  now: Date = new Date(),
  isWorkingDay: WorkingDayRule = weekdaysOnly,
): DeadlineLight {
  if (task.status === 'done' || task.status === 'cancelled') return 'onTime';
  if (task.overdue || new Date(task.dueAt).getTime() < now.getTime()) return 'overdue';
  const today = formatDate(now);
  const dueDate = formatDate(task.dueAt);
  return dueDate <= addWorkingDays(today, DUE_SOON_WORKING_DAYS, isWorkingDay) ? 'dueSoon' : 'onTime';
}
