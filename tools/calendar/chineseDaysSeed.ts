// Seeds the official working-day calendar (calendar_days / calendar_years) from the
// chinese-days package, which transcribes the State Council's yearly holiday notices.
//
// We read the package's published JSON (dist/chinese-days.json, documented in its README)
// rather than call isWorkday()/getDayDetail(): those parse 'YYYY-MM-DD' as UTC midnight but
// read the weekday and format the date in the host's local zone, so on a machine west of UTC
// they answer for the previous day. The JSON is plain data keyed by calendar date.
import chineseDaysJson from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export interface OfficialCalendarRow {
  date: string;
  kind: 'holiday' | 'makeup_workday';
  name: string;
}

interface ChineseDaysData {
  // Value is "English name,中文名,festival id", e.g. "National Day,国庆节,3".
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const data: ChineseDaysData = chineseDaysJson;

function chineseName(value: string): string {
  const [english = '', chinese] = value.split(',');
  return chinese && chinese.length > 0 ? chinese : english;
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function isWeekend(date: string): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

/**
 * Years with a published schedule. chinese-days answers "weekday rules" for any year it has
 * no data for (it calls 2027-01-01 a working day), so coverage must come from the data: a year
 * counts only if it holds that year's Spring Festival. 春节 always falls in January or February
 * of its own year and is announced only in that year's notice, whereas a 元旦 entry can sit on
 * 31 December of the previous year.
 */
export function yearsKnownToChineseDays(): number[] {
  const years = new Set<number>();
  for (const [date, value] of Object.entries(data.holidays)) {
    if (chineseName(value) === '春节') years.add(yearOf(date));
  }
  return [...years].sort((a, b) => a - b);
}

/**
 * Every listed rest day (weekday ones shift due dates; weekend ones are kept so the table
 * reads like the notice) and every 调休 make-up workday that falls on a Saturday or Sunday.
 * Years chinese-days does not know are refused: seeding them would record weekday-only
 * guesses as if they were official.
 */
export function officialCalendarRows(years: number[]): OfficialCalendarRow[] {
  const known = new Set(yearsKnownToChineseDays());
  const unknown = years.filter((y) => !known.has(y));
  if (unknown.length > 0) {
    throw new Error(
      `chinese-days has no official holiday schedule for ${unknown.join(', ')}; load it by hand from the State Council notice`,
    );
  }
  const wanted = new Set(years);
  const rows: OfficialCalendarRow[] = [];
  for (const [date, value] of Object.entries(data.holidays)) {
    if (wanted.has(yearOf(date))) rows.push({ date, kind: 'holiday', name: chineseName(value) });
  }
  for (const [date, value] of Object.entries(data.workdays)) {
    if (wanted.has(yearOf(date)) && isWeekend(date)) {
      rows.push({ date, kind: 'makeup_workday', name: chineseName(value) });
    }
  }
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
