// The days of a year's holiday schedule as a person types them, one a line ("2027-10-01 国庆节"),
// turned into the body of PUT /v1/calendar/{year}, with the lines it cannot read named; and a JSON
// file of that body read back into lines.
export type DayKind = 'holiday' | 'makeup_workday';
export interface Day {
  date: string;
  kind: DayKind;
  name: string;
}
export type LineProblem =
  | { problem: 'invalid'; line: number; text: string }
  | { problem: 'outsideYear'; line: number }
  | { problem: 'repeated'; date: string };

const LINE = /^(\d{4})-(\d{2})-(\d{2})[\s,，、]+(\S.*)$/;

function isDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The days of `text` (blank lines skipped) of one kind, or the problems of its lines. */
export function parseDayLines(text: string, kind: DayKind, year: number): { days: Day[]; problems: LineProblem[] } {
  const days: Day[] = [];
  const problems: LineProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const m = LINE.exec(line);
    const name = m?.[4]?.trim().slice(0, 50);
    if (!m || !name || !isDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
      problems.push({ problem: 'invalid', line: i + 1, text: line });
      return;
    }
    if (Number(m[1]) !== year) {
      problems.push({ problem: 'outsideYear', line: i + 1 });
      return;
    }
    days.push({ date: `${m[1]}-${m[2]}-${m[3]}`, kind, name });
  });
  return { days, problems };
}

/** Dates listed more than once across both kinds (the API refuses them). */
export function repeatedDates(days: Day[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const d of days) (seen.has(d.date) ? repeated : seen).add(d.date);
  return [...repeated];
}

/** A JSON file with the request body ({source, days}) as the form's fields, or null when it is not one. */
export function scheduleFromJson(
  text: string,
): { year: number | null; source: string; holidays: string; makeupWorkdays: string } | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const { source, days } = body as { source?: unknown; days?: unknown };
  if (!Array.isArray(days)) return null;
  const lines = { holiday: [] as string[], makeup_workday: [] as string[] };
  const years = new Set<number>();
  for (const d of days as Array<Record<string, unknown>>) {
    if (typeof d?.date !== 'string' || typeof d.name !== 'string') return null;
    if (d.kind !== 'holiday' && d.kind !== 'makeup_workday') return null;
    lines[d.kind].push(`${d.date} ${d.name}`);
    years.add(Number(d.date.slice(0, 4)));
  }
  return {
    year: years.size === 1 ? [...years][0]! : null,
    source: typeof source === 'string' ? source : '',
    holidays: lines.holiday.join('\n'),
    makeupWorkdays: lines.makeup_workday.join('\n'),
  };
}
