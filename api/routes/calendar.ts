// The official working-day calendar is policy data: the State Council publishes each year's
// holiday schedule late in the year before, and an administrator loads it here. Due dates that
// fall in a year not loaded are computed on weekdays and carry a visible warning.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { loadCalendarYear } from '../../db/repositories/calendar.js';
import { isValidDate } from '../../domain/shanghaiDates.js';
import { forbidden, validationFailed } from '../errors.js';
import { DateString, errorResponses } from '../schemas/common.js';

const CalendarDay = Type.Object(
  {
    date: DateString,
    kind: Type.Enum(['holiday', 'makeup_workday']),
    name: Type.String({ minLength: 1, maxLength: 50 }),
  },
  { additionalProperties: false },
);
const YearParams = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }) },
  { additionalProperties: false },
);
const YearBody = Type.Object(
  {
    source: Type.String({ minLength: 1, maxLength: 300, description: 'the notice it comes from' }),
    days: Type.Array(CalendarDay, { maxItems: 366 }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        source: '国务院办公厅关于2027年部分节假日安排的通知',
        days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }],
      },
    ],
  },
);
const YearView = Type.Object({
  year: Type.Integer(),
  source: Type.String(),
  loadedAt: Type.String(),
  days: Type.Array(CalendarDay),
});

export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/calendar/years',
    {
      schema: {
        tags: ['policy'],
        summary: 'the years whose official holiday schedule is loaded',
        response: { 200: Type.Object({ years: Type.Array(Type.Integer()) }), ...errorResponses },
      },
    },
    async () => ({
      years: (await app.db.selectFrom('calendar_years').select('year').orderBy('year').execute()).map((r) => r.year),
    }),
  );

  app.put(
    '/v1/calendar/:year',
    {
      schema: {
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
      for (const [i, d] of request.body.days.entries()) {
        if (!isValidDate(d.date) || !d.date.startsWith(`${year}-`))
          throw validationFailed(`days.${i}.date: ${d.date} is not a date in ${year}`);
      }
      await loadCalendarYear(app.db, { year, source: request.body.source, days: request.body.days });
      const loaded = await app.db
        .selectFrom('calendar_years')
        .selectAll()
        .where('year', '=', year)
        .executeTakeFirstOrThrow();
      return {
        year,
        source: loaded.source,
        loadedAt: new Date(loaded.loaded_at).toISOString(),
        days: request.body.days,
      };
    },
  );
};
