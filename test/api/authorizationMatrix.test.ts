// Who may do what to which case, for every route of the contract. One table, ROUTE_RULES, says for
// each route the permission it needs, how to aim it at a target in the caller's reach and one out
// of it, and what the route answers when allowed; the expected status of every role × {in, out}
// is derived from PERMISSIONS (domain/access.ts) and the scope rules, never written by hand.
// Over 250 lines because the table is the point: one row per route of the contract, in one place.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Permission,
  type Principal,
  ROLES,
  type Role,
  caseInScope,
  hasPermission,
  taskAssignedTo,
  type TaskAssignment,
} from '../../domain/access.js';
import { divisionCovers } from '../../domain/divisions.js';
import { type TestUser, createTestUser } from '../support/accounts.js';
import { caseApi, independentAssessment } from '../support/caseApi.js';
import {
  API_ROUTES,
  type ApiRoute,
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
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

type Scope = 'in' | 'out';

/** One caller per role, all over Xincheng district (150102) or the levels above it. */
const PRINCIPALS: Record<Role, Principal> = {
  institution: institution('inst-A', '150102'),
  civil_affairs: civilAffairs('150102'),
  finance: finance('150102'),
  department: department('public_security', '150102'),
  auditor: auditor('150100'),
  admin: admin('150000'),
};

interface CaseFacts {
  caseId: string;
  division: string;
  institutionId: string;
  tasks: Array<TaskAssignment & { taskId: string; kind: string }>;
}
/** Case A of institution A in 150102, case B of institution B in 150202: both in social placement. */
const fx = {
  cases: {} as Record<Scope, CaseFacts>,
  /** Each case's household-registration task (public_security). */
  task: {} as Record<Scope, CaseFacts['tasks'][number]>,
  /** A proposed standard in 150102 and one in 150202. */
  standard: {} as Record<Scope, { id: string; division: string }>,
  /** An account to sign in with. */
  user: {} as TestUser,
  /** A webhook subscription for each division. */
  webhook: {} as Record<Scope, string>,
  /** An account in each division, for the administrator's routes. */
  target: {} as Record<Scope, TestUser>,
};
const division: Record<Scope, string> = { in: '150102', out: '150202' };

// Reach, from the domain's scope rules and the fixtures' facts.
const caseFacts = (scope: Scope) => fx.cases[scope];
/** Reading a case or its history: in scope, and a department only through a task of its own. */
const readsCase = (p: Principal, s: Scope) =>
  caseInScope(p, caseFacts(s)) && (p.role !== 'department' || caseFacts(s).tasks.some((t) => taskAssignedTo(p, t)));
/** Acting on a case: in scope; departments act on tasks, never on the case. */
const actsOnCase = (p: Principal, s: Scope) => p.role !== 'department' && caseInScope(p, caseFacts(s));
/** Reading a task: in the caller's inbox, or a party to its case. */
const readsTask = (p: Principal, s: Scope) =>
  taskAssignedTo(p, fx.task[s]) || (p.role !== 'department' && caseInScope(p, caseFacts(s)));
const coversDivision = (d: (s: Scope) => string) => (p: Principal, s: Scope) => divisionCovers(p.division, d(s));
const always = () => true;

interface Expect {
  status: number;
  code?: string;
}
interface RouteRule {
  route: ApiRoute;
  /** null: no authentication at all. */
  permission: Permission | null;
  /**
   * 'permission': the route refuses a role without the permission (403) before looking at the
   * target; 'reach': it answers 404 for a target out of reach first; 'assignee': out of reach
   * 404, then only the task's assignee (with task.act) acts, else 403.
   */
  order: 'permission' | 'reach' | 'assignee';
  reaches: (p: Principal, s: Scope) => boolean;
  /** The answer when the caller may not reach the target. */
  outOfReach: Expect;
  /** The answer when allowed: the success status, or the refusal the case's stage gives. */
  allowed: (role: Role, s: Scope) => Expect;
  request: (s: Scope) => { url: string; body?: unknown; headers?: Record<string, string> };
}

const ok =
  (status = 200) =>
  () => ({ status });
const invalidStage = () => ({ status: 409, code: 'INVALID_STAGE' });
const noSession = () => ({ status: 401, code: 'UNAUTHENTICATED' });
const notFound = { status: 404, code: 'NOT_FOUND' };
const badRequest = { status: 400, code: 'VALIDATION_FAILED' };
const caseUrl = (s: Scope, suffix = '') => `/v1/cases/${fx.cases[s].caseId}${suffix}`;
const taskUrl = (s: Scope, suffix = '') => `/v1/tasks/${fx.task[s].taskId}${suffix}`;
/** The first role PERMISSIONS allows succeeds; the case is then withdrawn for the others. */
const firstAllowedThenStage = (permission: Permission) => (role: Role) =>
  ROLES.find((r) => hasPermission(PRINCIPALS[r], permission)) === role ? { status: 200 } : invalidStage();
const window = `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`;

// In order: rows that change a case come after the rows that must see it unchanged, and the
// withdrawal comes last of all.
const ROUTE_RULES: RouteRule[] = [
  {
    route: 'GET /healthz',
    permission: null,
    order: 'permission',
    reaches: always,
    outOfReach: notFound,
    allowed: ok(),
    request: () => ({ url: '/healthz' }),
  },
  {
    route: 'GET /readyz',
    permission: null,
    order: 'permission',
    reaches: always,
    outOfReach: notFound,
    allowed: ok(),
    request: () => ({ url: '/readyz' }),
  },
  // Signing in needs no credentials and answers every caller alike; a bearer token names no
  // session, so the session's own routes refuse it.
  {
    route: 'POST /auth/login',
    permission: null,
    order: 'permission',
    reaches: always,
    outOfReach: notFound,
    allowed: ok(),
    request: () => ({ url: '/auth/login', body: { username: fx.user.username, password: fx.user.password } }),
  },
  {
    route: 'POST /auth/logout',
    permission: null,
    order: 'permission',
    reaches: always,
    outOfReach: notFound,
    allowed: noSession,
    request: () => ({ url: '/auth/logout' }),
  },
  {
    route: 'POST /auth/password',
    permission: null,
    order: 'permission',
    reaches: always,
    outOfReach: notFound,
    allowed: noSession,
    request: () => ({
      url: '/auth/password',
      body: { currentPassword: fx.user.password, newPassword: 'Another-password-2027!' },
    }),
  },
  {
    route: 'GET /v1/me',
    permission: null,
    order: 'permission',
    reaches: always,
    outOfReach: notFound,
    allowed: ok(),
    request: () => ({ url: '/v1/me' }),
  },
  // Everyone has notifications; a bearer token that names no account has no preferences.
  {
    route: 'GET /v1/notifications',
    permission: null,
    order: 'permission',
    reaches: always,
    outOfReach: notFound,
    allowed: ok(),
    request: () => ({ url: '/v1/notifications?unread=true' }),
  },
  {
    route: 'POST /v1/notifications/read',
    permission: null,
    order: 'permission',
    reaches: always,
    outOfReach: notFound,
    allowed: ok(),
    request: () => ({ url: '/v1/notifications/read', body: { all: true } }),
  },
  {
    route: 'GET /v1/me/preferences',
    permission: null,
    order: 'permission',
    reaches: always,
    outOfReach: notFound,
    allowed: () => notFound,
    request: () => ({ url: '/v1/me/preferences' }),
  },
  {
    route: 'PATCH /v1/me/preferences',
    permission: null,
    order: 'permission',
    reaches: always,
    outOfReach: notFound,
    allowed: () => notFound,
    request: () => ({ url: '/v1/me/preferences', body: { emailDigest: false } }),
  },
  // Webhook subscriptions: an administrator's, within its division (the region's reaches both).
  {
    route: 'GET /v1/webhooks',
    permission: 'webhooks.manage',
    order: 'permission',
    reaches: always,
    outOfReach: notFound,
    allowed: ok(),
    request: () => ({ url: '/v1/webhooks' }),
  },
  {
    route: 'POST /v1/webhooks',
    permission: 'webhooks.manage',
    order: 'permission',
    reaches: coversDivision((s) => division[s]),
    outOfReach: badRequest,
    allowed: ok(201),
    request: (s) => ({
      url: '/v1/webhooks',
      body: {
        url: 'https://receiver.example.gov.cn/hook',
        events: ['reminder'],
        format: 'json',
        secret: 'a-secret-long-enough',
        division: division[s],
      },
    }),
  },
  {
    route: 'GET /v1/webhooks/{id}/deliveries',
    permission: 'webhooks.manage',
    order: 'permission',
    reaches: coversDivision((s) => division[s]),
    outOfReach: notFound,
    allowed: ok(),
    request: (s) => ({ url: `/v1/webhooks/${fx.webhook[s]}/deliveries` }),
  },
  {
    route: 'DELETE /v1/webhooks/{id}',
    permission: 'webhooks.manage',
    order: 'permission',
    reaches: coversDivision((s) => division[s]),
    outOfReach: notFound,
    allowed: ok(204),
    request: (s) => ({ url: `/v1/webhooks/${fx.webhook[s]}` }),
  },
  {
    route: 'POST /v1/cases',
    permission: 'case.register',
    order: 'permission',
    reaches: coversDivision((s) => division[s]),
    outOfReach: badRequest,
    allowed: ok(201),
    request: (s) => ({ url: '/v1/cases', body: uniqueRegistration(division[s]) }),
  },
  {
    route: 'POST /v1/cases/import',
    permission: 'case.register',
    order: 'permission',
    // The file is always read; a row outside the caller's jurisdiction is refused in the report.
    reaches: always,
    outOfReach: badRequest,
    allowed: ok(200),
    request: (s) => ({
      url: '/v1/cases/import',
      body: rosterCsv([rosterRow(division[s])]),
      headers: { 'content-type': 'text/csv' },
    }),
  },
  {
    route: 'GET /v1/cases',
    permission: 'case.list',
    order: 'permission',
    reaches: coversDivision((s) => division[s]),
    outOfReach: badRequest,
    allowed: ok(),
    request: (s) => ({ url: `/v1/cases?division=${division[s]}` }),
  },
  {
    route: 'POST /v1/cases/search',
    permission: 'case.list',
    order: 'permission',
    reaches: coversDivision((s) => division[s]),
    outOfReach: badRequest,
    allowed: ok(),
    request: (s) => ({ url: '/v1/cases/search', body: { q: '测试青年', division: division[s] } }),
  },
  {
    route: 'GET /v1/cases/{caseId}',
    permission: 'case.read',
    order: 'reach',
    reaches: readsCase,
    outOfReach: notFound,
    allowed: ok(),
    request: (s) => ({ url: caseUrl(s) }),
  },
  {
    route: 'GET /v1/cases/{caseId}/history',
    permission: 'history.read',
    order: 'permission',
    reaches: readsCase,
    outOfReach: notFound,
    allowed: ok(),
    request: (s) => ({ url: caseUrl(s, '/history') }),
  },
  {
    route: 'GET /v1/cases/{caseId}/history/verify',
    permission: 'history.verify',
    order: 'permission',
    reaches: readsCase,
    outOfReach: notFound,
    allowed: ok(),
    request: (s) => ({ url: caseUrl(s, '/history/verify') }),
  },
  {
    route: 'GET /v1/audit/export',
    permission: 'audit.export',
    order: 'permission',
    reaches: coversDivision((s) => division[s]),
    outOfReach: badRequest,
    allowed: ok(),
    request: (s) => ({ url: `/v1/audit/export?division=${division[s]}&${window}` }),
  },
  // Both cases are in social placement: the assessment, proposal and review are over.
  {
    route: 'POST /v1/cases/{caseId}/assessment',
    permission: 'case.assess',
    order: 'permission',
    reaches: actsOnCase,
    outOfReach: notFound,
    allowed: invalidStage,
    request: (s) => ({ url: caseUrl(s, '/assessment'), body: independentAssessment }),
  },
  {
    route: 'POST /v1/cases/{caseId}/proposal',
    permission: 'case.propose',
    order: 'permission',
    reaches: actsOnCase,
    outOfReach: notFound,
    allowed: invalidStage,
    request: (s) => ({ url: caseUrl(s, '/proposal'), body: { pathway: 'social_placement' } }),
  },
  {
    route: 'POST /v1/cases/{caseId}/review',
    permission: 'case.review',
    order: 'permission',
    reaches: actsOnCase,
    outOfReach: notFound,
    allowed: invalidStage,
    request: (s) => ({ url: caseUrl(s, '/review'), body: { decision: 'approve', comment: '同意' } }),
  },
  // No payment has been approved yet, so there is nothing to confirm; then finance approves it.
  {
    route: 'POST /v1/cases/{caseId}/disbursement/confirm',
    permission: 'disbursement.confirm',
    order: 'permission',
    reaches: actsOnCase,
    outOfReach: notFound,
    allowed: invalidStage,
    request: (s) => ({ url: caseUrl(s, '/disbursement/confirm'), body: { voucherNo: 'PZ-2026-0001' } }),
  },
  {
    route: 'POST /v1/cases/{caseId}/disbursement/approve',
    permission: 'disbursement.approve',
    order: 'permission',
    reaches: actsOnCase,
    outOfReach: notFound,
    allowed: ok(),
    request: (s) => ({ url: caseUrl(s, '/disbursement/approve'), body: {} }),
  },
  {
    route: 'PATCH /v1/cases/{caseId}',
    permission: 'case.correct',
    order: 'permission',
    reaches: actsOnCase,
    outOfReach: notFound,
    allowed: ok(),
    request: (s) => ({ url: caseUrl(s), body: { changes: { name: '更正后的名字' }, reason: '姓名录入错误' } }),
  },
  {
    route: 'GET /v1/tasks',
    permission: 'task.list',
    order: 'permission',
    // The inbox filter never fails: a case out of reach just shows none of its tasks.
    reaches: always,
    outOfReach: notFound,
    allowed: ok(),
    request: (s) => ({ url: `/v1/tasks?caseId=${fx.cases[s].caseId}` }),
  },
  {
    route: 'GET /v1/tasks/{taskId}',
    permission: 'task.read',
    order: 'reach',
    reaches: readsTask,
    outOfReach: notFound,
    allowed: ok(),
    request: (s) => ({ url: taskUrl(s) }),
  },
  // Blocking first, then completing the blocked task.
  {
    route: 'POST /v1/tasks/{taskId}/block',
    permission: 'task.act',
    order: 'assignee',
    reaches: readsTask,
    outOfReach: notFound,
    allowed: ok(),
    request: (s) => ({ url: taskUrl(s, '/block'), body: { reason: '缺少户口迁移证明' } }),
  },
  {
    route: 'POST /v1/tasks/{taskId}/complete',
    permission: 'task.act',
    order: 'assignee',
    reaches: readsTask,
    outOfReach: notFound,
    allowed: ok(),
    request: (s) => ({ url: taskUrl(s, '/complete'), body: { outcome: 'done', note: '已办理落户' } }),
  },
  {
    route: 'GET /v1/subsidy-standards',
    permission: 'standards.list',
    order: 'permission',
    // Standards are public policy: every division's are listed to everyone.
    reaches: always,
    outOfReach: notFound,
    allowed: ok(),
    request: (s) => ({ url: `/v1/subsidy-standards?division=${division[s]}` }),
  },
  {
    route: 'POST /v1/subsidy-standards',
    permission: 'standards.propose',
    order: 'permission',
    reaches: coversDivision((s) => division[s]),
    outOfReach: badRequest,
    allowed: ok(201),
    request: (s) => ({
      url: '/v1/subsidy-standards',
      body: { division: division[s], amountFen: 6_000_000, effectiveFrom: '2030-01-01', basis: '联合发文' },
    }),
  },
  {
    route: 'POST /v1/subsidy-standards/{id}/cosign',
    permission: 'standards.cosign',
    order: 'permission',
    // Visible to all, so a standard outside the caller's jurisdiction is forbidden, not hidden.
    reaches: coversDivision((s) => fx.standard[s].division),
    outOfReach: { status: 403, code: 'FORBIDDEN' },
    allowed: ok(),
    request: (s) => ({ url: `/v1/subsidy-standards/${fx.standard[s].id}/cosign`, body: {} }),
  },
  {
    route: 'GET /v1/reports/summary',
    permission: 'reports.summary',
    order: 'permission',
    reaches: coversDivision((s) => division[s]),
    outOfReach: badRequest,
    allowed: ok(),
    request: (s) => ({ url: `/v1/reports/summary?division=${division[s]}` }),
  },
  // Policies are read for one's own division and those above it: no target to be out of reach.
  {
    route: 'GET /v1/policies',
    permission: 'policies.read',
    order: 'permission',
    reaches: always,
    outOfReach: notFound,
    allowed: ok(),
    request: () => ({ url: '/v1/policies' }),
  },
  // Accounts: the admin (of the region) reaches a user in either division; the target of the
  // changes is a user of its own scope's division, made in beforeAll.
  {
    route: 'GET /v1/users',
    permission: 'users.manage',
    order: 'permission',
    reaches: coversDivision((s) => division[s]),
    outOfReach: badRequest,
    allowed: ok(),
    request: (s) => ({ url: `/v1/users?division=${division[s]}` }),
  },
  {
    route: 'POST /v1/users',
    permission: 'users.manage',
    order: 'permission',
    reaches: coversDivision((s) => division[s]),
    outOfReach: { status: 403, code: 'FORBIDDEN' },
    allowed: ok(201),
    request: (s) => ({
      url: '/v1/users',
      body: {
        username: `matrix.${s}.${randomUUID().slice(0, 8)}`,
        displayName: '测试',
        role: 'auditor',
        org: 'audit',
        division: division[s],
      },
    }),
  },
  {
    route: 'PATCH /v1/users/{userId}',
    permission: 'users.manage',
    order: 'permission',
    reaches: coversDivision((s) => division[s]),
    outOfReach: notFound,
    allowed: ok(),
    request: (s) => ({ url: `/v1/users/${fx.target[s].user.user_id}`, body: { displayName: '改名' } }),
  },
  {
    route: 'POST /v1/users/{userId}/reset-password',
    permission: 'users.manage',
    order: 'permission',
    reaches: coversDivision((s) => division[s]),
    outOfReach: notFound,
    allowed: ok(),
    request: (s) => ({ url: `/v1/users/${fx.target[s].user.user_id}/reset-password`, body: {} }),
  },
  {
    route: 'POST /v1/cases/{caseId}/withdraw',
    permission: 'case.withdraw',
    order: 'permission',
    reaches: actsOnCase,
    outOfReach: notFound,
    allowed: firstAllowedThenStage('case.withdraw'),
    request: (s) => ({ url: caseUrl(s, '/withdraw'), body: { reason: 'moved', note: '迁往外省' } }),
  },
];

function expected(rule: RouteRule, role: Role, scope: Scope): Expect {
  const p = PRINCIPALS[role];
  if (rule.permission === null) return rule.allowed(role, scope);
  const permitted = hasPermission(p, rule.permission);
  const reaches = rule.reaches(p, scope);
  const forbidden = { status: 403, code: 'FORBIDDEN' };
  switch (rule.order) {
    case 'permission':
      return !permitted ? forbidden : !reaches ? rule.outOfReach : rule.allowed(role, scope);
    case 'reach':
      return !reaches ? rule.outOfReach : !permitted ? forbidden : rule.allowed(role, scope);
    case 'assignee':
      return !reaches
        ? rule.outOfReach
        : !permitted || !taskAssignedTo(p, fx.task[scope])
          ? forbidden
          : rule.allowed(role, scope);
  }
}

let env: TestEnv;
let api: ReturnType<typeof caseApi>;

async function socialPlacementCase(scope: Scope, inst: Principal): Promise<void> {
  const { caseId } = await api.register(inst, uniqueRegistration(division[scope]));
  await api.assess(inst, caseId, independentAssessment);
  await api.propose(inst, caseId, { pathway: 'social_placement' });
  const c = await api.review(civilAffairs(division[scope]), caseId, { decision: 'approve', comment: '同意' });
  const tasks = (c.tasks as Array<TaskAssignment & { taskId: string; kind: string }>).map((t) => ({
    taskId: t.taskId,
    kind: t.kind,
    assigneeRole: t.assigneeRole,
    department: t.department,
    institutionId: t.institutionId,
    division: t.division,
  }));
  fx.cases[scope] = { caseId, division: division[scope], institutionId: inst.org, tasks };
  fx.task[scope] = tasks.find((t) => t.kind === 'household_registration')!;
  const standard = await api.call(civilAffairs(division[scope]), 'POST', '/v1/subsidy-standards', {
    division: division[scope],
    amountFen: 5_500_000,
    effectiveFrom: '2029-01-01',
    basis: '拟议',
  });
  fx.standard[scope] = { id: standard.json().id, division: division[scope] };
  const webhook = await api.call(admin('150000'), 'POST', '/v1/webhooks', {
    url: 'https://receiver.example.gov.cn/hook',
    events: ['reminder'],
    format: 'json',
    secret: 'a-secret-long-enough',
    division: division[scope],
  });
  fx.webhook[scope] = webhook.json<{ id: string }>().id;
}

beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
  await socialPlacementCase('in', PRINCIPALS.institution);
  await socialPlacementCase('out', institution('inst-B', '150202'));
  fx.user = await createTestUser(env.db, PRINCIPALS.institution);
  for (const s of ['in', 'out'] as const) fx.target[s] = await createTestUser(env.db, civilAffairs(division[s]));
});
afterAll(async () => env?.close());

describe('authorization matrix', () => {
  it('covers every route of the API contract', () => {
    expect(ROUTE_RULES.map((r) => r.route).sort()).toEqual([...API_ROUTES].sort());
  });

  for (const rule of ROUTE_RULES) {
    it(`${rule.route}: every role, in and out of reach`, async () => {
      const [method, template] = rule.route.split(' ') as ['GET' | 'POST' | 'PATCH' | 'DELETE', string];
      const mismatches: string[] = [];
      for (const role of ROLES) {
        for (const scope of ['in', 'out'] as const) {
          const want = expected(rule, role, scope);
          const { url, body, headers } = rule.request(scope);
          const res = await env.app.inject({
            method,
            url,
            headers: { authorization: `Bearer ${env.token(PRINCIPALS[role])}`, ...headers },
            ...(body !== undefined ? { payload: body as string | object } : {}),
          });
          const code = res.statusCode >= 400 ? res.json<{ error?: { code?: string } }>().error?.code : undefined;
          if (res.statusCode !== want.status || (want.code !== undefined && code !== want.code)) {
            mismatches.push(
              `${role} ${scope} ${template}: want ${want.status} ${want.code ?? ''}, got ${res.statusCode} ${code ?? ''} ${res.statusCode >= 400 ? res.body.slice(0, 160) : ''}`,
            );
          }
          if (res.statusCode === 200 && url.startsWith('/v1/tasks?')) {
            // A list answers, but never with another jurisdiction's tasks.
            const shown = res.json<{ items: Array<{ caseId: string }> }>().items.map((t) => t.caseId);
            if (scope === 'out' && shown.length > 0) mismatches.push(`${role} sees tasks of case B`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
