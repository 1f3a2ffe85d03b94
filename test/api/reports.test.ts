// GET /v1/reports/summary: counts by stage and pathway, the subsidy paid (ledger) and owed
// (approved, not yet paid) by funding share and division, overdue tasks by department, cases by
// stage per division one level down, registrations and closures per month; each figure equals the
// count of the case list (GET /v1/cases) it links to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDateOf } from '../../domain/shanghaiDates.js';
import { caseApi, eventually, fastDurations, setPolicy } from '../support/caseApi.js';
import {
  admin,
  auditor,
  civilAffairs,
  department,
  effectiveStandard,
  finance,
  institution,
  uniqueRegistration,
} from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let api: ReturnType<typeof caseApi>;

const summary = async (p: Parameters<typeof api.call>[0], query = '') => {
  const res = await api.call(p, 'GET', `/v1/reports/summary${query ? `?${query}` : ''}`);
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
};
/** How many cases GET /v1/cases lists for the query (every page). */
const listed = async (p: Parameters<typeof api.call>[0], query: string) => {
  const res = await api.call(p, 'GET', `/v1/cases?limit=500&${query}`);
  if (res.statusCode !== 200) throw new Error(`${query}: ${res.statusCode} ${res.body}`);
  const body = res.json();
  expect(body.nextCursor).toBeNull();
  return body.items.length as number;
};
const money = (cases: number, amountFen: number, regionalShareFen: number) => ({
  cases,
  amountFen,
  regionalShareFen,
  localShareFen: amountFen - regionalShareFen,
});

beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
  // Xincheng pays 60,000 CNY: 50,000 from the region, 10,000 locally. 150103 has only the region's.
  await env.db.insertInto('subsidy_standards').values(effectiveStandard('150102', 6_000_000)).execute();
  // Every task of a 150103 case is due a second after it opens.
  await setPolicy(env.db, 'durations', fastDurations({ taskSla: { default: { seconds: 1 } } }), '150103');

  const paid = await api.approvedCase('150102');
  await api.approveDisbursement(finance('150102'), paid);
  await eventually(
    () => env.db.selectFrom('disbursements').select('status').where('case_id', '=', paid).executeTakeFirst(),
    (row) => row?.status === 'awaiting_confirmation',
  );
  await api.confirmDisbursement(finance('150102'), paid, 'PZ-2026-0100');
  await api.approvedCase('150102'); // owed
  await api.approvedCase('150103'); // owed, its tasks soon overdue
  await api.approvedCase('150202'); // owed, in Baotou
  const withdrawn = await api.approvedCase('150102');
  await api.withdraw(institution('inst-150102', '150102'), withdrawn, { reason: 'moved', note: '迁往外省' });
  await api.register(institution('inst-150103', '150103'), uniqueRegistration('150103')); // its assessment task soon overdue
});
afterAll(async () => env?.close());

describe('GET /v1/reports/summary', () => {
  it("sums a league's cases, subsidy paid and owed by funding share and division, and overdue tasks", async () => {
    const report = await eventually(
      () => summary(civilAffairs('150100')),
      (r) => r.overdueTasksByDepartment.reduce((n: number, d: { overdue: number }) => n + d.overdue, 0) >= 6,
      5_000,
    );
    expect(report.division).toBe('150100');
    expect(report.casesByStage).toEqual({
      awaiting_adulthood: 0,
      transition_planning: 0,
      assessment: 1,
      deferred: 0,
      review: 0,
      social_placement: 3,
      destitute_support: 0,
      placed: 0,
      supported: 0,
      closed: 0,
      withdrawn: 1,
    });
    expect(report.casesByPathway).toEqual({
      social_placement: 4,
      destitute_centralized: 0,
      destitute_dispersed: 0,
      none: 1,
    });
    expect(report.subsidy.paid).toEqual(money(1, 6_000_000, 5_000_000));
    expect(report.subsidy.owed).toEqual(money(2, 11_000_000, 10_000_000));
    expect(report.subsidy.byDivision).toEqual([
      {
        division: '150102',
        name: '新城区',
        paid: money(1, 6_000_000, 5_000_000),
        owed: money(1, 6_000_000, 5_000_000),
      },
      { division: '150103', name: '回民区', paid: money(0, 0, 0), owed: money(1, 5_000_000, 5_000_000) },
    ]);
    expect(report.overdueTasksByDepartment).toEqual(
      expect.arrayContaining([
        { department: 'institution', overdue: 1 },
        { department: 'public_security', overdue: 1 },
        { department: 'hrss', overdue: 1 },
        { department: 'medical_insurance', overdue: 1 },
        { department: 'finance', overdue: 1 },
        { department: 'civil_affairs', overdue: 1 },
      ]),
    );
    const counts = report.overdueTasksByDepartment.map((d: { overdue: number }) => d.overdue);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it("counts each division's cases by stage and each month's registrations and closures, as the case list finds them", async () => {
    const ca = civilAffairs('150100');
    const report = await summary(ca);
    const stages = (counts: Record<string, number>) =>
      Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
    expect(
      report.casesByDivision.map((d: { division: string; name: string; stages: Record<string, number> }) => [
        d.division,
        d.name,
        stages(d.stages),
      ]),
    ).toEqual([
      ['150102', '新城区', { social_placement: 2, withdrawn: 1 }],
      ['150103', '回民区', { social_placement: 1, assessment: 1 }],
    ]);
    // Every figure is what the list it links to shows.
    for (const d of report.casesByDivision)
      for (const [stage, n] of Object.entries(d.stages as Record<string, number>))
        expect(await listed(ca, `division=${d.division}&stage=${stage}`), `${d.division} ${stage}`).toBe(n);
    for (const [pathway, n] of Object.entries(report.casesByPathway as Record<string, number>))
      expect(await listed(ca, `pathway=${pathway}`), pathway).toBe(n);
    expect(await listed(ca, 'subsidy=paid')).toBe(report.subsidy.paid.cases);
    expect(await listed(ca, 'subsidy=owed')).toBe(report.subsidy.owed.cases);
    for (const d of report.subsidy.byDivision) {
      expect(await listed(ca, `subsidy=paid&division=${d.division}`)).toBe(d.paid.cases);
      expect(await listed(ca, `subsidy=owed&division=${d.division}`)).toBe(d.owed.cases);
    }
    // One overdue task per department per case here, so the cases with one are as many as the tasks.
    for (const d of report.overdueTasksByDepartment)
      expect(await listed(ca, `overdueDepartment=${d.department}`), d.department).toBe(d.overdue);

    const month = shanghaiDateOf(new Date()).slice(0, 7);
    expect(report.monthly).toHaveLength(12);
    expect(report.monthly.at(-1)).toEqual({ month, registered: 5, closed: 0 });
    expect(report.monthly.slice(0, -1).every((m: { registered: number }) => m.registered === 0)).toBe(true);
    const months = report.monthly.map((m: { month: string }) => m.month);
    expect(months).toEqual([...months].sort());
    expect(await listed(ca, `registeredMonth=${month}`)).toBe(5);
    expect(await listed(ca, `stage=closed&closedMonth=${month}`)).toBe(0);
    expect(await listed(ca, `closedMonth=${month}`)).toBe(1); // the withdrawn one
    expect(await listed(ca, `registeredMonth=${months[0]}`)).toBe(0);

    // The region's figures are by league; a league's caller sees only its own banners.
    const region = await summary(auditor('150000'));
    expect(
      region.casesByDivision.map((d: { division: string; stages: Record<string, number> }) => [
        d.division,
        Object.values(d.stages).reduce((a, b) => a + b, 0),
      ]),
    ).toEqual([
      ['150100', 5],
      ['150200', 1],
    ]);
    expect(region.divisions.map((d: { division: string }) => d.division)).toEqual(
      expect.arrayContaining(['150000', '150100', '150102', '150200', '150202']),
    );
    expect(report.divisions[0]).toEqual({ division: '150100', name: '呼和浩特市', parent: '150000' });
    expect(report.divisions.every((d: { division: string }) => d.division.startsWith('1501'))).toBe(true);
    const narrowed = await summary(ca, 'division=150103');
    expect(narrowed.casesByDivision.map((d: { division: string }) => d.division)).toEqual(['150103']);
    expect(narrowed.divisions).toEqual(report.divisions);
    expect(await listed(finance('150202'), 'division=150202&stage=social_placement')).toBe(1);
  });

  it('narrows to a division within the caller, and every role that reads it sees only its jurisdiction', async () => {
    const xincheng = await summary(auditor('150100'), 'division=150102');
    expect(xincheng.division).toBe('150102');
    expect(xincheng.subsidy.owed).toEqual(money(1, 6_000_000, 5_000_000));
    expect(xincheng.subsidy.byDivision.map((d: { division: string }) => d.division)).toEqual(['150102']);
    expect(xincheng.overdueTasksByDepartment).toEqual([]);

    const baotou = await summary(finance('150202'));
    expect(baotou.subsidy).toEqual({
      paid: money(0, 0, 0),
      owed: money(1, 5_000_000, 5_000_000),
      byDivision: [expect.objectContaining({ division: '150202' })],
    });
    expect(baotou.casesByStage.social_placement).toBe(1);

    const region = await summary(auditor('150000'));
    expect(region.subsidy.owed).toEqual(money(3, 16_000_000, 15_000_000));
    expect(region.subsidy.paid).toEqual(money(1, 6_000_000, 5_000_000));
    expect(Object.values(region.casesByStage as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(6);

    const empty = await summary(civilAffairs('150500'));
    expect(empty.subsidy).toEqual({ paid: money(0, 0, 0), owed: money(0, 0, 0), byDivision: [] });
    expect(empty.casesByPathway).toEqual({
      social_placement: 0,
      destitute_centralized: 0,
      destitute_dispersed: 0,
      none: 0,
    });
  });

  it('refuses roles without the report, divisions outside the caller, and unknown parameters', async () => {
    for (const p of [institution(), department('public_security'), admin()]) {
      const res = await api.call(p, 'GET', '/v1/reports/summary');
      expect(res.statusCode, p.role).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const outside = await api.call(civilAffairs('150100'), 'GET', '/v1/reports/summary?division=150202');
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toBe('division: 150202 is not within your jurisdiction 150100');
    expect((await api.call(finance(), 'GET', '/v1/reports/summary?division=150199')).statusCode).toBe(400);
    expect((await api.call(finance(), 'GET', '/v1/reports/summary?format=xlsx')).statusCode).toBe(400);
    for (const q of ['registeredMonth=2026-13', 'closedMonth=2026-1', 'subsidy=due', 'overdueDepartment=police']) {
      const res = await api.call(civilAffairs('150100'), 'GET', `/v1/cases?${q}`);
      expect(res.statusCode, q).toBe(400);
    }
  });
});
