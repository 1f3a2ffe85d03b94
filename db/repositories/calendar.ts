// The official working-day calendar as policy data: the years whose State Council schedule is
// loaded, and their holidays and make-up working days.
import type { Db } from '../database.js';
import type { CalendarDayKind } from '../../domain/vocabulary.js';
import type { WorkingCalendar } from '../../domain/workingDays.js';
import type { CalendarYearsTable } from '../schema.js';
import type { Selectable } from 'kysely';

export async function loadWorkingCalendar(db: Db): Promise<WorkingCalendar> {
  const [years, days] = await Promise.all([
    db.selectFrom('calendar_years').select('year').execute(),
    db.selectFrom('calendar_days').select(['day', 'kind']).execute(),
  ]);
  return {
    coveredYears: years.map((y) => y.year),
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.day),
    makeUpWorkdays: days.filter((d) => d.kind === 'makeup_workday').map((d) => d.day),
  };
}

export interface CalendarYearRows {
  year: number;
  source: string;
  days: ReadonlyArray<{ date: string; kind: CalendarDayKind; name: string }>;
}

/** Loads (or replaces) one year's official schedule. */
export async function loadCalendarYear(db: Db, y: CalendarYearRows): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('calendar_days')
      .where('day', '>=', `${y.year}-01-01`)
      .where('day', '<=', `${y.year}-12-31`)
      .execute();
    if (y.days.length > 0) {
      await trx
        .insertInto('calendar_days')
        .values(y.days.map((d) => ({ day: d.date, kind: d.kind, name: d.name })))
        .execute();
    }
    await trx
      .insertInto('calendar_years')
      .values({ year: y.year, source: y.source })
      .onConflict((oc) => oc.column('year').doUpdateSet({ source: y.source, loaded_at: new Date() }))
      .execute();
  });
}

export async function loadedCalendarYears(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('calendar_years').select('year').orderBy('year').execute();
  return rows.map((r) => r.year);
}

export async function calendarYear(db: Db, year: number): Promise<Selectable<CalendarYearsTable>> {
  return db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirstOrThrow();
}
