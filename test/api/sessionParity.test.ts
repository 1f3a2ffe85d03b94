// Every route answers a session as it answers a bearer token of the same person. Two twin cases go
// through the same steps, one driven with bearer tokens and one with sessions (cookie + CSRF
// token), and every answer is compared, status and body (ids, instants, hashes and ID numbers
// normalised). Then a set of reads and refusals on the same resources is sent both ways and must
// answer identically, byte for byte but for the request id.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../domain/access.js';
import {
  type Session,
  type TestUser,
  buildAppWith,
  createTestUser,
  sessionHeaders,
  signIn,
} from '../support/accounts.js';
import { independentAssessment } from '../support/caseApi.js';
import {
  admin,
  auditor,
  civilAffairs,
  department,
  finance,
  institution,
  uniqueRegistration,
} from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

type Channel = 'bearer' | 'session';
type Method = 'GET' | 'POST' | 'PATCH';

let env: TestEnv;
let app: FastifyInstance;
const people = {} as Record<Role, { user: TestUser; session: Session }>;

const SHAPES: Record<Role, Principal> = {
  institution: institution('inst-parity', '150102'),
  civil_affairs: civilAffairs('150102'),
  finance: finance('150102'),
  department: department('public_security', '150102'),
  auditor: auditor('150100'),
  admin: admin('150000'),
};

beforeAll(async () => {
  env = await createTestEnv();
  app = await buildAppWith(env, { signInRateLimit: { max: 10_000 } });
  for (const role of Object.keys(SHAPES) as Role[]) {
    const user = await createTestUser(env.db, SHAPES[role]);
    people[role] = { user, session: await signIn(app, user) };
  }
});
afterAll(async () => {
  await app?.close();
  await env?.close();
});

function send(channel: Channel, role: Role, method: Method, url: string, body?: unknown) {
  const { user, session } = people[role];
  const headers =
    channel === 'bearer' ? { authorization: `Bearer ${env.token(user.principal)}` } : sessionHeaders(session);
  return app.inject({ method, url, headers, ...(body !== undefined ? { payload: body as object } : {}) });
}

/** The answer without what differs between twins by nature: ids, instants, hashes, ID and account numbers. */
function normalised(res: LightMyRequestResponse): { status: number; body: string } {
  // Tasks due at the same instant come in the order of their random ids.
  const parsed = JSON.parse(res.body) as { tasks?: Array<{ kind: string }> };
  parsed.tasks?.sort((x, y) => x.kind.localeCompare(y.kind));
  const body = JSON.stringify(parsed)
    .replace(/"requestId":"[^"]+"/g, '"requestId":"R"')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g, 'INSTANT')
    .replace(/[0-9a-f]{64}/g, 'HASH')
    .replace(/\d{6}(\d{8}|\*{8})\d{3}[\dX]/g, 'IDNUMBER')
    .replace(/"sex":"(male|female)"/g, '"sex":"S"')
    .replace(/"accountNo":"[^"]*"/g, '"accountNo":"A"');
  return { status: res.statusCode, body };
}

/** Where two answers part: the status, or the text around the first character that differs. */
function firstDifference(a: { status: number; body: string }, b: { status: number; body: string }): string {
  if (a.status !== b.status) return `bearer ${a.status}, session ${b.status}`;
  let i = 0;
  while (a.body[i] === b.body[i]) i++;
  return `bearer …${a.body.slice(Math.max(0, i - 80), i + 80)}… / session …${b.body.slice(Math.max(0, i - 80), i + 80)}…`;
}

const withoutRequestId = (res: LightMyRequestResponse) => ({
  status: res.statusCode,
  // A report says when it was made.
  body: res.body
    .replace(/"requestId":"[^"]+"/g, '"requestId":"R"')
    .replace(/"generatedAt":"[^"]+"/g, '"generatedAt":"G"'),
});

describe('sessions and bearer tokens', () => {
  const cases = {} as Record<Channel, string>;

  it('drive twin cases through the same steps with the same answers', async () => {
    const steps: Array<[Role, Method, (caseId: string, taskId: string) => string, unknown?]> = [
      ['institution', 'GET', (c) => `/v1/cases/${c}`],
      ['institution', 'POST', (c) => `/v1/cases/${c}/assessment`, independentAssessment],
      ['institution', 'POST', (c) => `/v1/cases/${c}/proposal`, { pathway: 'social_placement' }],
      ['institution', 'POST', (c) => `/v1/cases/${c}/review`, { decision: 'approve', comment: '同意' }],
      ['civil_affairs', 'POST', (c) => `/v1/cases/${c}/review`, { decision: 'approve', comment: '同意' }],
      ['finance', 'POST', (c) => `/v1/cases/${c}/disbursement/confirm`, { voucherNo: 'PZ-1' }],
      ['finance', 'POST', (c) => `/v1/cases/${c}/disbursement/approve`, {}],
      ['department', 'GET', (_, t) => `/v1/tasks/${t}`],
      ['department', 'POST', (_, t) => `/v1/tasks/${t}/block`, { reason: '缺少户口迁移证明' }],
      ['department', 'POST', (_, t) => `/v1/tasks/${t}/complete`, { outcome: 'done', note: '已办理落户' }],
      ['civil_affairs', 'PATCH', (c) => `/v1/cases/${c}`, { changes: { name: '更正后的名字' }, reason: '录入错误' }],
      ['institution', 'POST', (c) => `/v1/cases/${c}/withdraw`, { reason: 'unknown' }],
      ['auditor', 'GET', (c) => `/v1/cases/${c}/history`],
      ['auditor', 'GET', (c) => `/v1/cases/${c}/history/verify`],
      ['institution', 'POST', (c) => `/v1/cases/${c}/withdraw`, { reason: 'moved', note: '迁往外省' }],
    ];
    // Two registrations of the same youth but for the ID number (same birth date and sex).
    const bodies = [uniqueRegistration(), uniqueRegistration(), uniqueRegistration()];
    const registered = {} as Record<Channel, LightMyRequestResponse>;
    for (const [channel, body] of [
      ['bearer', bodies[0]],
      ['session', bodies[2]],
    ] as const) {
      registered[channel] = await send(channel, 'institution', 'POST', '/v1/cases', body);
      cases[channel] = registered[channel].json().caseId;
    }
    expect(registered.bearer.statusCode).toBe(201);
    expect(normalised(registered.session)).toEqual(normalised(registered.bearer));

    const mismatches: string[] = [];
    const statuses: number[] = [];
    for (const [role, method, url, body] of steps) {
      const answers = {} as Record<Channel, ReturnType<typeof normalised>>;
      for (const channel of ['bearer', 'session'] as const) {
        const caseId = cases[channel];
        const task = await env.db
          .selectFrom('tasks')
          .select('task_id')
          .where('case_id', '=', caseId)
          .where('kind', '=', 'household_registration')
          .executeTakeFirst();
        answers[channel] = normalised(await send(channel, role, method, url(caseId, task?.task_id ?? 'none'), body));
      }
      statuses.push(answers.bearer.status);
      if (JSON.stringify(answers.bearer) !== JSON.stringify(answers.session))
        mismatches.push(
          `${role} ${method} ${url('{caseId}', '{taskId}')}: ${firstDifference(answers.bearer, answers.session)}`,
        );
    }
    expect(mismatches).toEqual([]);
    // The steps did what they say: successes, refusals of each kind, and the final withdrawal.
    expect(statuses).toEqual([200, 200, 200, 403, 200, 409, 200, 200, 200, 200, 200, 400, 200, 200, 200]);
  });

  it('answer reads and refusals on the same resources identically', async () => {
    const other = (await send('bearer', 'institution', 'POST', '/v1/cases', uniqueRegistration())).json()
      .caseId as string;
    const foreign = await env.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${env.token(institution('inst-far', '150202'))}` },
      payload: uniqueRegistration('150202'),
    });
    const from = encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
    const to = encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString());
    const requests: Array<[Method, string, unknown?]> = [
      ['GET', '/v1/cases?division=150102'],
      ['GET', '/v1/cases?division=150202'],
      ['GET', `/v1/cases/${other}`],
      ['GET', `/v1/cases/${foreign.json().caseId}`],
      ['GET', `/v1/cases/${other}/history`],
      ['GET', `/v1/cases/${other}/history/verify`],
      ['GET', '/v1/tasks?status=open'],
      ['GET', '/v1/subsidy-standards'],
      ['GET', '/v1/reports/summary?division=150102'],
      ['GET', `/v1/audit/export?division=150100&from=${from}&to=${to}`],
      ['GET', '/v1/calendar/years'],
      ['GET', '/v1/no-such-route'],
      ['POST', `/v1/cases/${other}/review`, { decision: 'approve', comment: '同意' }],
      ['POST', `/v1/cases/${foreign.json().caseId}/withdraw`, { reason: 'moved', note: 'x' }],
      ['POST', '/v1/cases', { person: { name: '' } }],
      ['POST', '/v1/subsidy-standards', { division: '150202', amountFen: 1, effectiveFrom: '2031-01-01', basis: 'x' }],
    ];
    const mismatches: string[] = [];
    for (const role of Object.keys(SHAPES) as Role[]) {
      for (const [method, url, body] of requests) {
        const bearer = withoutRequestId(await send('bearer', role, method, url, body));
        const session = withoutRequestId(await send('session', role, method, url, body));
        if (JSON.stringify(bearer) !== JSON.stringify(session))
          mismatches.push(
            `${role} ${method} ${url}: bearer ${bearer.status} ${bearer.body.slice(0, 200)} / session ${session.status} ${session.body.slice(0, 200)}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });
});
