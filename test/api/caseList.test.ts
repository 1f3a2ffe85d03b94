// GET /v1/cases: each role sees its own reach, filters narrow it, pages walk it once, and ID
// numbers are masked for everyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi, eventually, fastDurations, independentAssessment, setPolicy } from '../support/caseApi.js';
import {
  admin,
  auditor,
  civilAffairs,
  department,
  finance,
  institution,
  uniqueIdNumber,
  uniqueRegistration,
} from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

interface Summary {
  caseId: string;
  division: string;
  institutionId: string;
  adulthoodDate: string;
  createdAt: string;
  person: { name: string; idNumber: string };
  openTasks: number;
}

let env: TestEnv;
let api: ReturnType<typeof caseApi>;
const instA = institution('inst-hohhot-1', '150102');
const instC = institution('inst-hohhot-2', '150103');
const instB = institution('inst-baotou-1', '150202');
const ids: Record<'a1' | 'a2' | 'a3' | 'c1' | 'b1', string> = { a1: '', a2: '', a3: '', c1: '', b1: '' };

const list = async (p: Parameters<typeof api.call>[0], query = '') => {
  const res = await api.call(p, 'GET', `/v1/cases${query ? `?${query}` : ''}`);
  if (res.statusCode !== 200) throw new Error(`GET /v1/cases?${query}: ${res.statusCode} ${res.body}`);
  return res.json<{ items: Summary[]; nextCursor: string | null }>();
};
const caseIds = (page: { items: Summary[] }) => page.items.map((c) => c.caseId).sort();

beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
  // Cases of 150103 get one-second deadlines, so their tasks are overdue at once.
  await setPolicy(env.db, 'durations', fastDurations({ taskSla: { default: { seconds: 1 } } }), '150103');

  ids.a1 = (await api.register(instA, uniqueRegistration('150102'))).caseId;
  ids.a2 = (await api.register(instA, uniqueRegistration('150102', { idNumber: uniqueIdNumber(17) }))).caseId;
  ids.a3 = (await api.register(instA, uniqueRegistration('150102'))).caseId;
  await api.assess(instA, ids.a3, independentAssessment);
  await api.propose(instA, ids.a3, { pathway: 'social_placement' });
  await api.review(civilAffairs('150102'), ids.a3, { decision: 'approve', comment: '同意' });
  ids.c1 = (await api.register(instC, uniqueRegistration('150103'))).caseId;
  ids.b1 = (await api.register(instB, uniqueRegistration('150202'))).caseId;
});
afterAll(async () => env?.close());

describe('GET /v1/cases scope', () => {
  it('shows an institution its own youths only, with the ID number masked', async () => {
    const page = await list(instA);
    expect(caseIds(page)).toEqual([ids.a1, ids.a2, ids.a3].sort());
    expect(page.nextCursor).toBeNull();
    for (const item of page.items) {
      expect(item.person.idNumber).toMatch(/^150102\*{8}\d{3}[\dX]$/);
      expect(item.person.name).toBe('测试青年');
      expect(item.institutionId).toBe('inst-hohhot-1');
      expect(item.division).toBe('150102');
    }
    const a2 = page.items.find((c) => c.caseId === ids.a2)!;
    expect(a2).toMatchObject({
      stage: 'awaiting_adulthood',
      pathway: null,
      subsidyStatus: null,
      openTasks: 0,
      overdue: false,
    });
    expect(a2.adulthoodDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const a3 = page.items.find((c) => c.caseId === ids.a3)!;
    expect(a3).toMatchObject({
      stage: 'social_placement',
      pathway: 'social_placement',
      subsidyStatus: 'computed',
      overdue: false,
    });
    expect(a3.openTasks).toBeGreaterThanOrEqual(5);
  });

  it('shows civil affairs, finance and auditors their jurisdiction and the divisions below it', async () => {
    expect(caseIds(await list(civilAffairs('150100')))).toEqual([ids.a1, ids.a2, ids.a3, ids.c1].sort());
    expect(caseIds(await list(civilAffairs('150102')))).toEqual([ids.a1, ids.a2, ids.a3].sort());
    expect(caseIds(await list(finance('150202')))).toEqual([ids.b1]);
    expect(caseIds(await list(auditor('150000')))).toEqual(Object.values(ids).sort());
  });

  it('shows a department only the cases on which it has a task in its jurisdiction', async () => {
    expect(caseIds(await list(department('public_security', '150102')))).toEqual([ids.a3]);
    expect(caseIds(await list(department('public_security', '150100')))).toEqual([ids.a3]);
    expect(caseIds(await list(department('public_security', '150202')))).toEqual([]);
    expect(caseIds(await list(department('veterans', '150102')))).toEqual([]);
  });

  it('refuses an administrator, who works no cases', async () => {
    const res = await api.call(admin(), 'GET', '/v1/cases');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});

describe('GET /v1/cases filters', () => {
  const region = auditor('150000');

  it('filters by stage, pathway, division (with the divisions below it) and institution', async () => {
    expect(caseIds(await list(region, 'stage=awaiting_adulthood'))).toEqual([ids.a2]);
    expect(caseIds(await list(region, 'pathway=social_placement'))).toEqual([ids.a3]);
    expect(caseIds(await list(region, 'division=150103'))).toEqual([ids.c1]);
    expect(caseIds(await list(region, 'division=150100'))).toEqual([ids.a1, ids.a2, ids.a3, ids.c1].sort());
    expect(caseIds(await list(region, 'institutionId=inst-baotou-1'))).toEqual([ids.b1]);
    expect(caseIds(await list(region, 'stage=assessment&division=150100'))).toEqual([ids.a1, ids.c1].sort());
    expect(caseIds(await list(instA, 'division=150102&stage=assessment'))).toEqual([ids.a1]);
  });

  it('filters cases with an overdue task, and those without', async () => {
    const overdue = await eventually(
      () => list(region, 'overdue=true'),
      (page) => page.items.length > 0,
      5_000,
    );
    expect(caseIds(overdue)).toEqual([ids.c1]);
    expect(overdue.items[0]).toMatchObject({ overdue: true, openTasks: 1 });
    expect(caseIds(await list(region, 'overdue=false'))).toEqual([ids.a1, ids.a2, ids.a3, ids.b1].sort());
  });

  it('refuses a division outside the caller or unknown, a bad cursor, a limit past 500 and unknown filters', async () => {
    const cases: Array<[string, string]> = [
      ['division=150202', 'division: 150202 is not within your jurisdiction 150102'],
      ['division=150199', 'division: 150199 is not a GB/T 2260 division'],
      ['division=abc', 'querystring.division must match pattern'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor: not a cursor this API gave out'],
      ['limit=501', 'querystring.limit must be <= 500'],
      ['limit=0', 'querystring.limit must be >= 1'],
      ['stage=flying', 'querystring.stage'],
      ['colour=blue', 'unknown property "colour"'],
    ];
    for (const [query, message] of cases) {
      const res = await api.call(civilAffairs('150102'), 'GET', `/v1/cases?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.message).toContain(message);
    }
  });
});

describe('GET /v1/cases pages', () => {
  it('walks every case exactly once in creation order, page by page', async () => {
    const seen: Array<{ caseId: string; createdAt: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(auditor('150000'), `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => ({ caseId: c.caseId, createdAt: c.createdAt })));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((c) => c.caseId).sort()).toEqual(Object.values(ids).sort());
    expect(seen.map((c) => c.caseId)).toEqual([ids.a1, ids.a2, ids.a3, ids.c1, ids.b1]);
    const times = seen.map((c) => Date.parse(c.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('keeps rows created in the same millisecond apart (the cursor keeps microseconds)', async () => {
    const rows = await env.db
      .selectFrom('cases')
      .select(['case_id', 'created_at'])
      .where('case_id', 'in', [ids.a1, ids.a2])
      .execute();
    const same = new Date(Math.max(...rows.map((r) => new Date(r.created_at).getTime())) + 60_000);
    // Two cases within one millisecond: a cursor rounded to the millisecond would repeat or skip one.
    const ms = same.toISOString().slice(0, 23);
    await env.db
      .updateTable('cases')
      .set({ created_at: `${ms}500Z` })
      .where('case_id', '=', ids.a1)
      .execute();
    await env.db
      .updateTable('cases')
      .set({ created_at: `${ms}700Z` })
      .where('case_id', '=', ids.a2)
      .execute();
    const first = await list(instA, 'limit=2');
    const second = await list(instA, `limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((c) => c.caseId)).toEqual([ids.a3, ids.a1, ids.a2]);
    expect(second.nextCursor).toBeNull();
  });
});
