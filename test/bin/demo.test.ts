// `npm start -- --demo`: the demo region loaded through the product's own API, then looked at as its
// users would: each signs in with the printed password, the region's civil affairs sees cases in
// every stage and pathway, a league sees only its own, a Baotou department finds an overdue task,
// the bank's refusal shows on one case, and a second load adds nothing.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpGateway } from '../../activities/payments/httpGateway.js';
import { DEMO_USERS } from '../../bin/runtime/demo/demoRegion.js';
import { type DemoResult, demoRequested, loadDemo } from '../../bin/runtime/demo/loadDemo.js';
import { PATHWAYS, STAGES } from '../../domain/vocabulary.js';
import { type FakeBank, startFakeBank } from '../../tools/fake-bank/fakeBank.js';
import { buildAppWith, login, sessionHeaders, signIn } from '../support/accounts.js';
import { eventually } from '../support/caseApi.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

const API = 'http://127.0.0.1:3000';
let bank: FakeBank;
let env: TestEnv;
/**
 * A second app on the same database, as the people looking at the demo: its sign-in limit per
 * address counts apart from the load's and is raised, since this file signs in some 25 times a minute.
 */
let viewer: FastifyInstance;
const printed: string[] = [];
let first: DemoResult;

beforeAll(async () => {
  bank = await startFakeBank();
  env = await createTestEnv({ payments: createHttpGateway({ baseUrl: bank.url }) });
  viewer = await buildAppWith(env, { signInRateLimit: { max: 100 } });
  // Two launchers on one database at the same moment: one loads, the other says it need not.
  const other: string[] = [];
  const load = (log: (line: string) => void) =>
    loadDemo({
      app: env.app,
      db: env.db,
      apiUrl: API,
      // Shorter than the drill's own minute, so the test need not wait for overdue tasks.
      drill: {
        taskSla: { default: { seconds: 4 } },
        followUpsAfterPlacement: [{ seconds: 1 }, { seconds: 2 }],
        destituteReviewInterval: { seconds: 1 },
      },
      log,
    });
  const [a, b] = await Promise.all([load((l) => void printed.push(l)), load((l) => void other.push(l))]);
  if (a.loaded === b.loaded) throw new Error(`both loads ${a.loaded ? 'loaded' : 'refused'}`);
  first = a.loaded ? a : b;
  if (!a.loaded) printed.splice(0, printed.length, ...other);
}, 600_000);
afterAll(async () => {
  await viewer?.close();
  await env?.close();
  await bank?.close();
});

async function sessionOf(username: string, password: string) {
  const s = await signIn(viewer, { username, password });
  return (url: string) => viewer.inject({ method: 'GET', url, headers: sessionHeaders(s) }).then((r) => r.json());
}

/** The password as the launcher printed it. */
function printedPassword(): string {
  const password = /password {2}(\S+) {3}\(every demo user's/.exec(printed.join('\n'))?.[1];
  if (!password) throw new Error(`no password in: ${printed.join('\n')}`);
  return password;
}

describe('the demo region', () => {
  it('is asked for with --demo or DEMO=1', () => {
    expect(demoRequested(['--demo'], {})).toBe(true);
    expect(demoRequested([], { DEMO: '1' })).toBe(true);
    expect(demoRequested([], {})).toBe(false);
    expect(demoRequested([], { DEMO: '0' })).toBe(false);
  });

  it('prints one password, the usernames and where to sign in; every user signs in with it, unasked to change it', async () => {
    expect(first.loaded).toBe(true);
    const text = printed.join('\n');
    expect(text).toContain(`${API}/auth/login`);
    for (const u of DEMO_USERS) expect(text).toContain(u.username);
    const roles = new Set(DEMO_USERS.map((u) => u.role));
    expect([...roles].sort()).toEqual(['admin', 'auditor', 'civil_affairs', 'department', 'finance', 'institution']);

    const password = printedPassword();
    for (const u of DEMO_USERS) {
      const res = await login(viewer, u.username, password);
      expect(res.statusCode, u.username).toBe(200);
      expect(res.json().user).toMatchObject({ username: u.username, role: u.role, mustChangePassword: false });
    }
  });

  it('has cases in every stage and every pathway, made through the workflows', async () => {
    const asRegion = await sessionOf('demo.civil.region', printedPassword());
    const list = await asRegion('/v1/cases?limit=500');
    const items: Array<{
      stage: string;
      pathway: string | null;
      division: string;
      subsidyStatus: string | null;
      person: { name: string };
    }> = list.items;
    expect(items.length).toBeGreaterThanOrEqual(40);
    expect(items.length).toBeLessThanOrEqual(60);
    // Made-up people, and each youth once.
    expect(items.every((c) => /^演示[一二三四五六七八九十]+$/.test(c.person.name))).toBe(true);
    expect(new Set(items.map((c) => c.person.name)).size).toBe(items.length);
    expect(new Set(items.map((c) => c.stage))).toEqual(new Set(STAGES));
    expect(new Set(items.flatMap((c) => (c.pathway ? [c.pathway] : [])))).toEqual(new Set(PATHWAYS));
    // Every case has its history on the audit chain: it was made by the workflow, not written in.
    const history = await asRegion(`/v1/cases/${first.loaded ? first.cases[0]!.caseId : ''}/history`);
    const institution = await env.db
      .selectFrom('users')
      .select('user_id')
      .where('username', '=', 'demo.inst.baotou')
      .executeTakeFirstOrThrow();
    expect(history.items[0]).toMatchObject({
      seq: 1,
      action: 'case.registered',
      actor: { sub: institution.user_id, role: 'institution', org: 'demo-welfare-baotou' },
    });

    // The region's report counts them the same way, every stage above zero.
    const summary = await asRegion('/v1/reports/summary');
    for (const stage of STAGES) expect(summary.casesByStage[stage], stage).toBeGreaterThan(0);
    expect(summary.subsidy.paid.cases).toBeGreaterThan(0);

    // Jurisdiction: Hohhot's civil affairs sees Hohhot's cases only.
    const asHohhot = await sessionOf('demo.civil.hohhot', printedPassword());
    const hohhot: Array<{ division: string }> = (await asHohhot('/v1/cases?limit=500')).items;
    expect(hohhot.length).toBeGreaterThan(0);
    expect(hohhot.length).toBeLessThan(items.length);
    expect(hohhot.every((c) => c.division.startsWith('1501'))).toBe(true);
  });

  it('shows overdue tasks in a Baotou department inbox, none in Hohhot', async () => {
    const password = printedPassword();
    const asBaotouPolice = await sessionOf('demo.police.baotou', password);
    const overdue = await eventually(
      () => asBaotouPolice('/v1/tasks?status=overdue'),
      (inbox) => inbox.items.length > 0,
      30_000,
    );
    expect(overdue.items.every((t: { overdue: boolean; department: string }) => t.overdue)).toBe(true);
    expect(overdue.items[0].department).toBe('public_security');
    // Sent one level up, to the league's bureau: it is told.
    await eventually(
      () => asBaotouPolice('/v1/notifications?limit=500'),
      (list) => list.items.some((n: { kind: string }) => n.kind === 'escalation'),
      30_000,
    );
    const asHohhotPolice = await sessionOf('demo.police.hohhot', password);
    expect((await asHohhotPolice('/v1/tasks?status=open')).items.length).toBeGreaterThan(0);
    expect((await asHohhotPolice('/v1/tasks?status=overdue')).items).toEqual([]);
  });

  it('shows the payment the bank refused, and the institution’s task to correct the account', async () => {
    const password = printedPassword();
    const asBaotou = await sessionOf('demo.civil.baotou', password);
    const cases: Array<{ caseId: string; subsidyStatus: string | null }> = (await asBaotou('/v1/cases?limit=500'))
      .items;
    const failed = cases.filter((c) => c.subsidyStatus === 'failed');
    expect(failed).toHaveLength(1);
    const detail = await asBaotou(`/v1/cases/${failed[0]!.caseId}`);
    expect(detail.subsidy).toMatchObject({ status: 'failed', failureReason: 'account does not exist' });
    const asInstitution = await sessionOf('demo.inst.baotou', password);
    const inbox = await asInstitution('/v1/tasks?status=open');
    expect(inbox.items.map((t: { kind: string }) => t.kind)).toContain('correct_bank_account');
    // The bank's own ledger: it refused that account, and paid the others it was asked to.
    expect(bank.payments().length).toBeGreaterThan(0);
    expect(bank.payments().some((p) => p.reference === failed[0]!.caseId)).toBe(false);
  });

  it('loads once: a second start adds nothing and says so', async () => {
    const cases = await env.db.selectFrom('cases').select('case_id').execute();
    const users = await env.db.selectFrom('users').select('user_id').execute();
    const lines: string[] = [];
    const second = await loadDemo({ app: env.app, db: env.db, apiUrl: API, log: (l) => void lines.push(l) });
    expect(second.loaded).toBe(false);
    expect(lines.join('\n')).toMatch(/already loaded/);
    expect(lines.join('\n')).not.toMatch(/password {2}/);
    expect(await env.db.selectFrom('cases').select('case_id').execute()).toHaveLength(cases.length);
    expect(await env.db.selectFrom('users').select('user_id').execute()).toHaveLength(users.length);
  });

  it('refuses a DEMO_PASSWORD against the password policy, saying which rule', async () => {
    await expect(loadDemo({ app: env.app, db: env.db, apiUrl: API, password: 'demo', log: () => {} })).rejects.toThrow(
      /^DEMO_PASSWORD must be at least 12 characters long/,
    );
  });
});
