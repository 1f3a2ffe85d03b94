// The official working-day calendar is policy data: the State Council publishes each year's
// holiday schedule late in the year before, and an administrator loads it here. Due dates that
// fall in a year not loaded are computed on weekdays and carry a visible warning.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { calendarYear, loadCalendarYear, loadedCalendarYears } from '../../db/repositories/calendar.js';
import { isValidDate } from '../../domain/shanghaiDates.js';
import { forbidden, validationFailed } from '../errors.js';
import { YearBody, YearParams, YearView, YearsLoaded } from '../schemas/calendar.js';
import { errorResponses } from '../schemas/common.js';

export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/calendar/years',
    {
      schema: {
        operationId: 'listCalendarYears',
        tags: ['policy'],
        summary: 'the years whose official holiday schedule is loaded',
        response: { 200: YearsLoaded, ...errorResponses },
      },
    },
    async () => ({ years: await loadedCalendarYears(app.db) }),
  );

  app.put(
    '/v1/calendar/:year',
    {
      schema: {
        operationId: 'setCalendarYear',
        tags: ['policy'],
        summary: "load or replace a year's official holiday schedule (admin)",
        description:
          'Holidays that fall on weekdays and make-up working days on weekends, as the State Council publishes them.',
        params: YearParams,
        body: YearBody,
        response: { 200: YearView, ...errorResponses },
      },
    },
    async (request) => {
      if (request.principal.role !== 'admin') throw forbidden('only an administrator loads the official calendar');
      const { year } = request.params;
      const seen = new Set<string>();
      for (const [i, d] of request.body.days.entries()) {
        if (!isValidDate(d.date) || !d.date.startsWith(`${year}-`))
          throw validationFailed(`days.${i}.date: ${d.date} is not a date in ${year}`);
        // A day is one kind once: a repeated date would break the table's key (was a 500).
        if (seen.has(d.date)) throw validationFailed(`days.${i}.date: ${d.date} is listed twice`);
        seen.add(d.date);
      }
      await loadCalendarYear(app.db, { year, source: request.body.source, days: request.body.days });
      const loaded = await calendarYear(app.db, year);
      return {
        year,
        source: loaded.source,
        loadedAt: new Date(loaded.loaded_at).toISOString(),
        days: request.body.days,
      };
    },
  );
};
