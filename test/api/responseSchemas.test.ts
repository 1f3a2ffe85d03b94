// Replays a recorded set of real requests, as the people who use the API send them, through the
// app and checks every answer against the response schemas of the document the API serves
// (/docs/json): a documented status, a documented media type, a JSON body its schema accepts.
// Every operation of the contract answers at least once with a success and once with a client error.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { createTestUser, signIn, sessionHeaders } from '../support/accounts.js';
import { eventually, independentAssessment } from '../support/caseApi.js';
import {
  admin,
  auditor,
  civilAffairs,
  department,
  finance,
  institution,
  rosterCsv,
  rosterRow,
  uniqueRegistration,
} from '../support/fixtures.js';
import { type OpenApiDocument, responseConformance } from '../support/responseConformance.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

/** The operations this replay covers, each with a success and a client error. */
const REPLAYED = [
  'GET /healthz',
  'GET /readyz',
  'POST /auth/login',
  'POST /auth/logout',
  'POST /auth/password',
  'GET /auth/session',
  'GET /v1/me',
  'POST /v1/cases',
  'GET /v1/cases',
  'POST /v1/cases/search',
  'GET /v1/cases/{caseId}',
  'PATCH /v1/cases/{caseId}',
  'POST /v1/cases/import',
  'POST /v1/cases/{caseId}/assessment',
  'POST /v1/cases/{caseId}/proposal',
  'POST /v1/cases/{caseId}/review',
  'POST /v1/cases/{caseId}/disbursement/approve',
  'POST /v1/cases/{caseId}/disbursement/confirm',
  'POST /v1/cases/{caseId}/withdraw',
  'GET /v1/tasks',
  'GET /v1/tasks/{taskId}',
  'POST /v1/tasks/{taskId}/complete',
  'POST /v1/tasks/{taskId}/block',
  'POST /v1/tasks/{taskId}/reassign',
  'GET /v1/subsidy-standards',
  'POST /v1/subsidy-standards',
  'POST /v1/subsidy-standards/{id}/cosign',
  'GET /v1/reports/summary',
  'GET /v1/calendar/years',
  'PUT /v1/calendar/{year}',
  'GET /v1/policies',
  'GET /v1/cases/{caseId}/history',
  'GET /v1/cases/{caseId}/history/verify',
  'GET /v1/audit/export',
  'GET /v1/users',
  'POST /v1/users',
  'PATCH /v1/users/{userId}',
  'POST /v1/users/{userId}/reset-password',
];
/** Operations without a client error to provoke: the probes answer 200 or 503 to anything readable. */
const NO_CLIENT_ERROR = new Set(['GET /healthz', 'GET /readyz']);

const inst = institution('inst-replay', '150102');
const ca = civilAffairs('150102');
const fin = finance('150102');
const police = department('public_security', '150102');
const aud = auditor('150100');
const adm = admin('150000');
const FAKE_CASE = '/v1/cases/case-00000000-0000-4000-8000-000000000000';
const FAKE_TASK = '/v1/tasks/t-00000000-0000-4000-8000-000000000000';

let env: TestEnv;
let conformance: ReturnType<typeof responseConformance>;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
/** One recorded request: sent, checked, and its answer handed back. */
async function send(p: Principal | null, method: Method, url: string, payload?: unknown, headers = {}) {
  const options: InjectOptions = {
    method,
    url,
    headers: { ...(p ? { authorization: `Bearer ${env.token(p)}` } : {}), ...headers },
    ...(payload !== undefined ? { payload: payload as string | object } : {}),
  };
  const res = await env.app.inject(options);
  conformance.check(method, url, res);
  return res;
}

beforeAll(async () => {
  env = await createTestEnv();
  const docRes = await env.app.inject({ method: 'GET', url: '/docs/json' });
  conformance = responseConformance(docRes.json<OpenApiDocument>());
});
afterAll(async () => env?.close());

describe('recorded requests against the response schemas of /docs/json', () => {
  it('the probes, sign-in and who is calling', async () => {
    await send(null, 'GET', '/healthz');
    await send(null, 'GET', '/readyz');
    const user = await createTestUser(env.db, inst);
    await send(null, 'POST', '/auth/login', { username: user.username, password: 'not-the-password-1A' });
    await send(null, 'POST', '/auth/login', { username: '' });
    const session = await signIn(env.app, user);
    conformance.check('POST', '/auth/login', session.res);
    await send(null, 'GET', '/auth/session', undefined, sessionHeaders(session));
    await send(null, 'GET', '/auth/session');
    await send(null, 'GET', '/v1/me', undefined, sessionHeaders(session));
    await send(inst, 'GET', '/v1/me');
    await send(null, 'GET', '/v1/me');
    await send(
      null,
      'POST',
      '/auth/password',
      { currentPassword: 'wrong-Password-1', newPassword: 'Steppe-horses-4-ever' },
      sessionHeaders(session),
    );
    await send(
      null,
      'POST',
      '/auth/password',
      { currentPassword: user.password, newPassword: 'short' },
      sessionHeaders(session),
    );
    await send(
      null,
      'POST',
      '/auth/password',
      { currentPassword: user.password, newPassword: 'Steppe-horses-4-ever' },
      sessionHeaders(session),
    );
    await send(null, 'POST', '/auth/logout', undefined, sessionHeaders(session, null));
    await send(null, 'POST', '/auth/logout', undefined, sessionHeaders(session));
    await send(null, 'POST', '/auth/logout');
  });

  it('a social placement from registration to payment, with the refusals along the way', async () => {
    const created = await send(inst, 'POST', '/v1/cases', uniqueRegistration('150102'));
    const caseId = created.json<{ caseId: string }>().caseId;
    const caseUrl = `/v1/cases/${caseId}`;
    await send(inst, 'POST', '/v1/cases', { person: { name: '缺证件' }, division: '150102' });
    await send(police, 'POST', '/v1/cases', uniqueRegistration('150102'));
    await send(inst, 'POST', '/v1/cases/import', rosterCsv([rosterRow('150102'), { name: '无证件' }]), {
      'content-type': 'text/csv',
    });
    await send(inst, 'POST', '/v1/cases/import', 'not,a,roster\r\n', { 'content-type': 'text/csv' });
    await send(inst, 'GET', '/v1/cases');
    await send(inst, 'GET', '/v1/cases?format=csv');
    await send(inst, 'GET', '/v1/cases?format=xlsx');
    await send(inst, 'GET', '/v1/cases', undefined, { accept: 'text/csv' });
    await send(ca, 'GET', '/v1/cases?overdue=false&limit=1');
    await send(inst, 'GET', '/v1/cases?division=150202');
    await send(inst, 'GET', '/v1/cases?limit=0');
    await send(ca, 'POST', '/v1/cases/search', { q: '测试青年', limit: 1 });
    await send(ca, 'POST', '/v1/cases/search', { q: '150102' });
    await send(inst, 'GET', caseUrl);
    await send(aud, 'GET', caseUrl);
    await send(inst, 'GET', FAKE_CASE);
    await send(inst, 'PATCH', caseUrl, { changes: { hukouType: 'rural' }, reason: '户籍信息更正' });
    await send(inst, 'PATCH', caseUrl, { changes: {}, reason: '' });

    await send(inst, 'POST', `${caseUrl}/proposal`, { pathway: 'social_placement' });
    await send(inst, 'POST', `${caseUrl}/assessment`, { ...independentAssessment, selfCare: 'sometimes' });
    await send(inst, 'POST', `${caseUrl}/assessment`, independentAssessment);
    await send(inst, 'POST', `${caseUrl}/assessment`, independentAssessment);
    await send(inst, 'POST', `${caseUrl}/proposal`, { pathway: 'nowhere' });
    await send(inst, 'POST', `${caseUrl}/proposal`, { pathway: 'social_placement' });
    await send(inst, 'POST', `${caseUrl}/review`, { decision: 'approve', comment: '同意' });
    const reviewed = await send(ca, 'POST', `${caseUrl}/review`, { decision: 'approve', comment: '同意' });
    const tasks = reviewed.json<{ tasks: Array<{ taskId: string; department: string | null }> }>().tasks;
    const police1 = tasks.filter((t) => t.department === 'public_security');
    const other = tasks.find((t) => t.department !== null && t.department !== 'public_security')!;

    await send(police, 'GET', '/v1/tasks');
    await send(police, 'GET', '/v1/tasks?format=xlsx');
    await send(police, 'GET', `/v1/tasks?status=overdue&caseId=${caseId}`);
    await send(police, 'GET', '/v1/tasks?status=nothing');
    await send(police, 'GET', `/v1/tasks/${police1[0]!.taskId}`);
    await send(police, 'GET', FAKE_TASK);
    await send(police, 'POST', `/v1/tasks/${police1[0]!.taskId}/block`, { reason: '缺少户口迁移证明' });
    await send(police, 'POST', `/v1/tasks/${police1[0]!.taskId}/block`, { reason: '' });
    await send(police, 'POST', `/v1/tasks/${police1[0]!.taskId}/reassign`, {
      assigneeSub: 'officer-42',
      reason: '工作调整',
    });
    await send(police, 'POST', `/v1/tasks/${other.taskId}/reassign`, { assigneeSub: 'officer-42', reason: '工作调整' });
    await send(police, 'POST', `/v1/tasks/${police1[0]!.taskId}/complete`, { outcome: 'done', note: '已办理落户' });
    await send(police, 'POST', `/v1/tasks/${police1[0]!.taskId}/complete`, { outcome: 'done', note: '再次' });
    await send(police, 'POST', `/v1/tasks/${other.taskId}/complete`, { outcome: 'done', note: '' });

    await send(fin, 'POST', `${caseUrl}/disbursement/confirm`, { voucherNo: 'PZ-2026-0001' });
    await send(inst, 'POST', `${caseUrl}/disbursement/approve`, {});
    await send(fin, 'POST', `${caseUrl}/disbursement/approve`, {});
    // The manual gateway waits for finance to confirm with a voucher number.
    await eventually(
      () => env.db.selectFrom('disbursements').select('status').where('case_id', '=', caseId).execute(),
      (rows) => rows[0]?.status === 'awaiting_confirmation',
    );
    await send(fin, 'POST', `${caseUrl}/disbursement/confirm`, { voucherNo: '' });
    await send(fin, 'POST', `${caseUrl}/disbursement/confirm`, { voucherNo: 'PZ-2026-0001' });

    await send(inst, 'GET', `${caseUrl}/history`);
    await send(aud, 'GET', `${caseUrl}/history?limit=2`);
    await send(aud, 'GET', `${FAKE_CASE}/history`);
    await send(aud, 'GET', `${caseUrl}/history/verify`);
    await send(inst, 'GET', `${caseUrl}/history/verify`);
    const window = `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`;
    await send(aud, 'GET', `/v1/audit/export?${window}`);
    await send(aud, 'GET', `/v1/audit/export?${window}&format=csv`);
    await send(aud, 'GET', '/v1/audit/export');

    const second = await send(inst, 'POST', '/v1/cases', uniqueRegistration('150102'));
    const secondUrl = `/v1/cases/${second.json<{ caseId: string }>().caseId}`;
    await send(inst, 'POST', `${secondUrl}/withdraw`, { reason: 'moved', note: '迁往外省' });
    await send(inst, 'POST', `${secondUrl}/withdraw`, { reason: 'moved', note: '迁往外省' });
    await send(inst, 'POST', `${secondUrl}/withdraw`, { reason: 'bored' });
  });

  it('subsidy standards, reports and the calendar', async () => {
    const proposed = await send(ca, 'POST', '/v1/subsidy-standards', {
      division: '150102',
      amountFen: 6_000_000,
      effectiveFrom: '2031-01-01',
      basis: '联合发文',
    });
    await send(ca, 'POST', '/v1/subsidy-standards', { division: '150102', amountFen: -1 });
    const id = proposed.json<{ id: string }>().id;
    await send(inst, 'POST', `/v1/subsidy-standards/${id}/cosign`, {});
    await send(fin, 'POST', `/v1/subsidy-standards/${id}/cosign`, {});
    await send(fin, 'POST', `/v1/subsidy-standards/${id}/cosign`, {});
    await send(ca, 'GET', '/v1/subsidy-standards');
    await send(ca, 'GET', '/v1/subsidy-standards?status=proposed&limit=1');
    await send(ca, 'GET', '/v1/subsidy-standards?division=1501');

    await send(ca, 'GET', '/v1/reports/summary');
    await send(police, 'GET', '/v1/reports/summary');
    await send(ca, 'GET', '/v1/reports/summary?division=150202');

    await send(adm, 'GET', '/v1/calendar/years');
    await send(null, 'GET', '/v1/calendar/years');
    await send(adm, 'PUT', '/v1/calendar/2099', {
      source: '国务院办公厅关于2099年部分节假日安排的通知',
      days: [{ date: '2099-01-01', kind: 'holiday', name: '元旦' }],
    });
    await send(adm, 'PUT', '/v1/calendar/2099', {
      source: '',
      days: [{ date: '2098-01-01', kind: 'holiday', name: '元旦' }],
    });
    await send(inst, 'PUT', '/v1/calendar/2099', { source: 'x', days: [] });
    await send(adm, 'GET', '/v1/policies');
    await send(inst, 'GET', '/v1/policies');
  });

  it("the administrator's accounts", async () => {
    const hohhot = admin('150100');
    const created = await send(hohhot, 'POST', '/v1/users', {
      username: 'replay.clerk',
      displayName: '王丽',
      role: 'department',
      org: 'public_security',
      division: '150102',
      email: 'wang.li@example.cn',
    });
    await send(hohhot, 'POST', '/v1/users', {
      username: 'replay.clerk',
      displayName: '重复',
      role: 'auditor',
      org: 'audit',
      division: '150100',
    });
    await send(hohhot, 'POST', '/v1/users', {
      username: 'replay.above',
      displayName: '越权',
      role: 'admin',
      org: 'ops',
      division: '150000',
    });
    await send(inst, 'POST', '/v1/users', {
      username: 'replay.nope',
      displayName: '无权',
      role: 'auditor',
      org: 'audit',
      division: '150102',
    });
    const userUrl = `/v1/users/${created.json<{ userId: string }>().userId}`;
    await send(hohhot, 'GET', '/v1/users?role=department&limit=1');
    await send(hohhot, 'GET', '/v1/users?division=150200');
    await send(hohhot, 'PATCH', userUrl, { disabled: true, displayName: '王丽（停用）' });
    await send(hohhot, 'PATCH', userUrl, { org: 'tax' });
    await send(hohhot, 'PATCH', userUrl, {});
    await send(hohhot, 'POST', `${userUrl}/reset-password`, {});
    await send(admin('150200'), 'POST', `${userUrl}/reset-password`, {});
  });

  it('the validator refuses an answer that breaks its schema, an undocumented status and media type', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/docs/json' })).json<OpenApiDocument>();
    const strict = responseConformance(doc);
    const real = await env.app.inject({
      method: 'GET',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${env.token(inst)}` },
    });
    const forged = (statusCode: number, type: string, body: string) =>
      ({ ...real, statusCode, headers: { ...real.headers, 'content-type': type }, body }) as typeof real;
    strict.check('GET', '/v1/cases', real);
    expect(strict.violations).toEqual([]);
    strict.check('GET', '/v1/cases', forged(200, 'application/json', JSON.stringify({ items: [{ caseId: 1 }] })));
    strict.check('GET', '/v1/cases', forged(418, 'application/json', '{}'));
    strict.check('GET', '/v1/cases', forged(200, 'text/html', '<p>'));
    expect(strict.violations).toEqual([
      expect.stringContaining("GET /v1/cases 200: data must have required property 'nextCursor'"),
      expect.stringContaining('GET /v1/cases 418: status not documented'),
      expect.stringContaining('GET /v1/cases 200: content-type text/html'),
    ]);
  });

  it('finds no answer that breaks its documented schema, and covers every operation both ways', () => {
    expect(conformance.violations).toEqual([]);
    const missing: string[] = [];
    for (const route of REPLAYED) {
      const statuses = [...(conformance.seen.get(route) ?? [])];
      if (!statuses.some((s) => s >= 200 && s < 300)) missing.push(`${route}: no success`);
      if (!NO_CLIENT_ERROR.has(route) && !statuses.some((s) => s >= 400 && s < 500))
        missing.push(`${route}: no client error`);
    }
    expect(missing).toEqual([]);
  });
});
