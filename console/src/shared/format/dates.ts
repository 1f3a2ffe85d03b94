// Every date and time is shown as in Asia/Shanghai, whatever the browser's own time zone:
// YYYY-MM-DD and YYYY-MM-DD HH:mm.
export const TIME_ZONE = 'Asia/Shanghai';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function shanghaiParts(instant: Date): Record<string, string> {
  return Object.fromEntries(parts.formatToParts(instant).map((p) => [p.type, p.value]));
}

function toDate(value: string | Date): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  return date;
}

/** An instant (or a plain YYYY-MM-DD, returned as it is) as its date in Shanghai. */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && DATE_ONLY.test(value)) return value;
  const p = shanghaiParts(toDate(value));
  return `${p.year}-${p.month}-${p.day}`;
}

/** An instant as YYYY-MM-DD HH:mm in Shanghai. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const p = shanghaiParts(toDate(value));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
