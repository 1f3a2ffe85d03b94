// Loads the official holiday schedules that chinese-days knows into the calendar tables, for the
// years not loaded yet. Years it does not know (the next year, until the State Council publishes
// it and the package follows) stay unloaded, and due dates there carry a visible warning.
import { loadCalendarYear } from './repositories/calendar.js';
import type { Db } from './database.js';
import { officialCalendarRows, yearsKnownToChineseDays } from '../tools/calendar/chineseDaysSeed.js';

export async function loadOfficialCalendar(db: Db, fromYear = 2024): Promise<number[]> {
  const loaded = new Set((await db.selectFrom('calendar_years').select('year').execute()).map((r) => r.year));
  const added: number[] = [];
  for (const year of yearsKnownToChineseDays().filter((y) => y >= fromYear && !loaded.has(y))) {
    const days = officialCalendarRows([year]).filter((d) => d.date.startsWith(`${year}-`));
    await loadCalendarYear(db, { year, source: 'chinese-days@1.5.7 (State Council notices)', days });
    added.push(year);
  }
  return added;
}
