// Calendar dates as the Inner Mongolia civil affairs offices see them: Asia/Shanghai.
// China has kept UTC+8 with no daylight saving since 1991, so a fixed +08:00 offset is exact
// for every date this system handles and needs no time-zone database (which the workflow
// sandbox could not load deterministically anyway).
//
// Dates are 'YYYY-MM-DD' strings. Arithmetic runs on whole day numbers (days since
// 1970-01-01) so it never depends on the host's time zone or on Date's two-digit-year quirks.

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function parts(s: string): Ymd | null {
  const match = DATE_PATTERN.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

function parse(s: string): Ymd {
  const p = parts(s);
  if (!p) throw new RangeError(`"${s}" is not a real calendar date in YYYY-MM-DD form`);
  return p;
}

function format({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian conversion.
function toDayNumber({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): Ymd {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function isValidDate(s: string): boolean {
  return parts(s) !== null;
}

export function shanghaiDateOf(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('shanghaiDateOf needs a valid instant');
  return format(fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY)));
}

export function startOfShanghaiDay(date: string): Date {
  return new Date(toDayNumber(parse(date)) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

export function addDays(date: string, n: number): string {
  return format(fromDayNumber(toDayNumber(parse(date)) + n));
}

/** Keeps the day of month, clamped to the target month's last day (01-31 + 1 month = 02-28). */
export function addMonths(date: string, n: number): string {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  return format({ y: ty, m: tm, d: Math.min(d, daysInMonth(ty, tm)) });
}

export function compareDates(a: string, b: string): number {
  return Math.sign(toDayNumber(parse(a)) - toDayNumber(parse(b)));
}

/** 0 = Sunday … 6 = Saturday, as Date#getDay. */
export function dayOfWeek(date: string): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  // Day 0 (1970-01-01) was a Thursday.
  return ((((toDayNumber(parse(date)) + 4) % 7) + 7) % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

/**
 * The day someone reaches `age`. Chinese civil practice counts full years from the birthday,
 * so a person born on 29 February completes the year at the end of 28 February and is of age
 * on 1 March when the target year has no 29 February.
 */
export function adulthoodDate(birthDate: string, age = 18): string {
  const { y, m, d } = parse(birthDate);
  const ty = y + age;
  if (m === 2 && d === 29 && !isLeapYear(ty)) return format({ y: ty, m: 3, d: 1 });
  return format({ y: ty, m, d });
}

/** Completed years on `date`; consistent with adulthoodDate for 29 February births. */
export function ageOn(birthDate: string, date: string): number {
  const b = parse(birthDate);
  const t = parse(date);
  if (compareDates(date, birthDate) < 0) {
    throw new RangeError(`${date} is before the birth date ${birthDate}`);
  }
  const beforeBirthday = t.m < b.m || (t.m === b.m && t.d < b.d);
  return t.y - b.y - (beforeBirthday ? 1 : 0);
}
