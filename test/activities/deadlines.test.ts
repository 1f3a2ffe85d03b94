// Due dates in working days on the official Chinese calendar, read from the database: holidays
// are skipped, make-up working days count, reminders count backwards, and a year whose schedule is
// not loaded yet is computed on weekdays with a warning until an administrator loads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPolicyActivities } from '../../activities/policyActivities.js';
import { caseApi } from '../support/caseApi.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let deadlines: ReturnType<typeof createPolicyActivities>['computeDeadlines'];
beforeAll(async () => {
  env = await createTestEnv();
  deadlines = createPolicyActivities(env.db).computeDeadlines;
});
afterAll(async () => env?.close());

const admin = { sub: 'admin-1', role: 'admin' as const, org: 'system', division: '150000' };

describe('working-day deadlines', () => {
  it('skip the 2026 Mid-Autumn and National Day holidays and count the make-up Saturday', async () => {
    // Thursday 24 September 2026, 10:00 in Shanghai.
    const from = '2026-09-24T02:00:00.000Z';
    const [five, six] = await deadlines({
      items: [
        { from, duration: { workingDays: 5 } },
        { from, duration: { workingDays: 6 } },
      ],
    });
    // 28, 29, 30 September, then 8 and 9 October: due at the end of Friday 9 October.
    expect(five).toEqual({ at: '2026-10-09T15:59:59.000Z', warning: null });
    // Saturday 10 October is a make-up working day.
    expect(six).toEqual({ at: '2026-10-10T15:59:59.000Z', warning: null });
  });

  it('count backwards for reminders, over the holidays', async () => {
    const [remind] = await deadlines({
      items: [{ from: '2026-10-09T15:59:59.000Z', duration: { workingDays: 2 }, before: true }],
    });
    // 8 October is one working day before; the next one back is 30 September.
    expect(remind).toEqual({ at: '2026-09-29T16:00:00.000Z', warning: null });
  });

  it('warn when a due date falls in a year whose schedule is not loaded, until an administrator loads it', async () => {
    const from = '2026-12-29T02:00:00.000Z';
    const [before] = await deadlines({ items: [{ from, duration: { workingDays: 5 } }] });
    // 30 and 31 December, then 1, 4, 5 January 2027 on weekdays only.
    expect(before!.at).toBe('2027-01-05T15:59:59.000Z');
    expect(before!.warning).toBe(
      'due date computed with weekdays only for 2027: the official holiday schedule for 2027 is not loaded',
    );

    const api = caseApi(env);
    const refused = await api.call({ ...admin, role: 'civil_affairs' as never }, 'PUT', '/v1/calendar/2027', {
      source: 'x',
      days: [],
    });
    expect(refused.statusCode).toBe(403);
    const wrongYear = await api.call(admin, 'PUT', '/v1/calendar/2027', {
      source: 'x',
      days: [{ date: '2026-01-01', kind: 'holiday', name: '元旦' }],
    });
    expect(wrongYear.statusCode).toBe(400);
    const loaded = await api.call(admin, 'PUT', '/v1/calendar/2027', {
      source: '国务院办公厅关于2027年部分节假日安排的通知',
      days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }],
    });
    expect(loaded.statusCode).toBe(200);
    expect((await api.call(admin, 'GET', '/v1/calendar/years')).json().years).toContain(2027);

    // The calendar is re-read within a minute; a fresh reader sees it at once.
    const [after] = await createPolicyActivities(env.db).computeDeadlines({
      items: [{ from, duration: { workingDays: 5 } }],
    });
    expect(after).toEqual({ at: '2027-01-06T15:59:59.000Z', warning: null });
  });
});
