// The official calendar's years: what an administrator loads, and what is loaded.
import { Type } from 'typebox';
import { CALENDAR_DAY_KINDS } from '../../domain/vocabulary.js';
import { DateString } from './common.js';

export const CalendarDay = Type.Object(
  {
    date: DateString,
    kind: Type.Enum(CALENDAR_DAY_KINDS),
    name: Type.String({ minLength: 1, maxLength: 50 }),
  },
  { additionalProperties: false },
);
export const YearParams = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }) },
  { additionalProperties: false },
);
export const YearBody = Type.Object(
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
export const YearView = Type.Object({
  year: Type.Integer(),
  source: Type.String(),
  loadedAt: Type.String(),
  days: Type.Array(CalendarDay),
});

export const YearsLoaded = Type.Object({ years: Type.Array(Type.Integer()) });
