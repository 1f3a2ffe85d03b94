// The OpenAPI document at /docs/json describes every route of the contract: tags, summary,
// parameters, bodies with examples, and every response status with its schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let doc: {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
  servers?: Array<{ url: string }>;
  tags?: Array<{ name: string; description?: string }>;
};

/**
 * The operationIds a generated client (the console's) calls by name: renaming one breaks it, so they
 * are pinned here. Routes added later carry their own, checked below for presence and uniqueness.
 */
const OPERATION_IDS: Record<string, string> = {
  'GET /healthz': 'getLiveness',
  'GET /readyz': 'getReadiness',
  'POST /auth/login': 'signIn',
  'POST /auth/logout': 'signOut',
  'POST /auth/password': 'changePassword',
  'GET /auth/session': 'getSession',
  'GET /v1/me': 'getMe',
  'POST /v1/cases': 'registerCase',
  'GET /v1/cases': 'listCases',
  'POST /v1/cases/search': 'searchCases',
  'GET /v1/cases/{caseId}': 'getCase',
  'PATCH /v1/cases/{caseId}': 'correctCase',
  'POST /v1/cases/import': 'importCases',
  'POST /v1/cases/{caseId}/assessment': 'submitAssessment',
  'POST /v1/cases/{caseId}/proposal': 'submitProposal',
  'POST /v1/cases/{caseId}/review': 'reviewProposal',
  'POST /v1/cases/{caseId}/disbursement/approve': 'approveDisbursement',
  'POST /v1/cases/{caseId}/disbursement/confirm': 'confirmDisbursement',
  'POST /v1/cases/{caseId}/withdraw': 'withdrawCase',
  'GET /v1/tasks': 'listTasks',
  'GET /v1/tasks/{taskId}': 'getTask',
  'POST /v1/tasks/{taskId}/complete': 'completeTask',
  'POST /v1/tasks/{taskId}/block': 'blockTask',
  'POST /v1/tasks/{taskId}/reassign': 'reassignTask',
  'GET /v1/subsidy-standards': 'listSubsidyStandards',
  'POST /v1/subsidy-standards': 'proposeSubsidyStandard',
  'POST /v1/subsidy-standards/{id}/cosign': 'cosignSubsidyStandard',
  'GET /v1/reports/summary': 'getReportSummary',
  'GET /v1/calendar/years': 'listCalendarYears',
  'PUT /v1/calendar/{year}': 'setCalendarYear',
  'GET /v1/cases/{caseId}/history': 'getCaseHistory',
  'GET /v1/cases/{caseId}/history/verify': 'verifyCaseHistory',
  'GET /v1/audit/export': 'exportAudit',
  'GET /v1/users': 'listUsers',
  'POST /v1/users': 'createUser',
  'PATCH /v1/users/{userId}': 'updateUser',
  'POST /v1/users/{userId}/reset-password': 'resetUserPassword',
  'GET /v1/notifications': 'listNotifications',
  'POST /v1/notifications/read': 'markNotificationsRead',
  'GET /v1/me/preferences': 'getPreferences',
  'PATCH /v1/me/preferences': 'updatePreferences',
  'GET /v1/webhooks': 'listWebhooks',
  'POST /v1/webhooks': 'createWebhook',
  'DELETE /v1/webhooks/{id}': 'deleteWebhook',
  'GET /v1/webhooks/{id}/deliveries': 'listWebhookDeliveries',
};

interface Operation {
  operationId?: string;
  security?: unknown[];
  tags?: string[];
  summary?: string;
  parameters?: Array<{ in: string; name: string; schema?: unknown }>;
  requestBody?: {
    content: Record<string, { schema?: { examples?: unknown[] }; example?: unknown; examples?: unknown }>;
  };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** Routes beyond the contract, documented the same way. */
const EXTRAS = [
  'POST /v1/tasks/{taskId}/reassign',
  'GET /v1/calendar/years',
  'PUT /v1/calendar/{year}',
  'GET /auth/session',
];

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, path, op })),
  );

beforeAll(async () => {
  env = await createTestEnv();
  const res = await env.app.inject({ method: 'GET', url: '/docs/json' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(async () => env?.close());

describe('GET /docs/json', () => {
  it('documents every route of the contract, and the extras', () => {
    expect(doc.openapi).toBe('3.1.0');
    const documented = operations().map((o) => o.route);
    for (const route of [...API_ROUTES, ...EXTRAS]) expect(documented, route).toContain(route);
  });

  it('gives every operation tags, a summary, its path parameters and every response status', () => {
    for (const { route, path, op } of operations()) {
      expect(op.tags?.length, route).toBeGreaterThan(0);
      expect(op.summary, route).toMatch(/\w/);
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        expect(
          op.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema,
          `${route} ${name}`,
        ).toBeDefined();
      }
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => s.startsWith('2')),
        route,
      ).toBe(true);
      // 204 (signed out, password changed) has no body to describe.
      for (const s of statuses.filter((x) => x !== '204'))
        expect(op.responses[s]!.content, `${route} ${s}`).toBeDefined();
      if (path.startsWith('/v1/')) {
        for (const s of ['400', '401', '403', '404', '409', '429', '500'])
          expect(statuses, `${route} ${s}`).toContain(s);
      }
    }
  });

  it('shows every request body with an example, and the Idempotency-Key on every POST and PATCH of /v1', () => {
    for (const { route, path, op } of operations()) {
      const method = route.split(' ')[0]!;
      // The sign-in routes make and end sessions: sign-out has no body, and no answer of theirs is
      // stored for replay (the sign-in's carries the CSRF token).
      const v1 = path.startsWith('/v1/');
      if (['POST', 'PATCH', 'PUT'].includes(method) && (v1 || op.requestBody)) {
        expect(op.requestBody, route).toBeDefined();
        for (const [type, media] of Object.entries(op.requestBody!.content)) {
          const example = media.example ?? media.examples ?? media.schema?.examples;
          expect(example, `${route} ${type}`).toBeDefined();
        }
      }
      if (v1 && (method === 'POST' || method === 'PATCH')) {
        const header = op.parameters?.find((p) => p.in === 'header' && p.name === 'idempotency-key');
        expect(header?.schema, route).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
      }
    }
  });

  it('names every operation for generated clients: camelCase, unique, and stable for the pinned ones', () => {
    const ids = operations().map(({ route, op }) => {
      expect(op.operationId, route).toMatch(/^[a-z][A-Za-z0-9]*$/);
      if (OPERATION_IDS[route]) expect(op.operationId, route).toBe(OPERATION_IDS[route]);
      return op.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
    for (const route of Object.keys(OPERATION_IDS)) expect(ids, route).toContain(OPERATION_IDS[route]);
  });

  it('declares its server and its tags, each described, and every operation tag among them', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    const tags = new Map((doc.tags ?? []).map((t) => [t.name, t.description]));
    for (const { route, op } of operations())
      for (const tag of op.tags ?? []) expect(tags.get(tag), `${route} ${tag}`).toMatch(/\w/);
  });

  it('asks no credentials of the probes', () => {
    expect(doc.paths['/healthz']!.get!.security).toEqual([]);
    expect(doc.paths['/readyz']!.get!.security).toEqual([]);
  });

  it('describes the case, the task and the error envelope once, as components every route refers to', () => {
    for (const name of ['Case', 'Task', 'CaseSummary', 'CaseList', 'ErrorEnvelope'])
      expect(doc.components.schemas[name], name).toMatchObject({ type: 'object' });
    const text = JSON.stringify(doc.paths);
    // Each is written out nowhere but in components: a route names it by $ref.
    expect(text).not.toContain('"escalationLevel"');
    expect(text).not.toContain('"idNumberMasked"');
    const schemaOf = (path: string, method: string, status: string) =>
      doc.paths[path]![method]!.responses[status]!.content!['application/json']!.schema;
    expect(schemaOf('/v1/cases/{caseId}', 'get', '200')).toEqual({ $ref: '#/components/schemas/Case' });
    expect(schemaOf('/v1/tasks/{taskId}', 'get', '200')).toEqual({ $ref: '#/components/schemas/Task' });
    expect(schemaOf('/v1/cases', 'get', '200')).toEqual({ $ref: '#/components/schemas/CaseList' });
    expect(schemaOf('/v1/cases', 'get', '404')).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
  });

  it('declares every query parameter with a server default optional', () => {
    for (const { route, op } of operations())
      for (const p of op.parameters ?? [])
        if (p.in === 'query' && (p.schema as { default?: unknown } | undefined)?.default !== undefined)
          expect((p as { required?: boolean }).required, `${route} ${p.name}`).not.toBe(true);
    const limit = doc.paths['/v1/cases']!.get!.parameters!.find((p) => p.name === 'limit');
    expect(limit).toMatchObject({ required: false, schema: { default: 50 } });
  });

  it('describes the roster import as a CSV body with its columns', () => {
    const op = doc.paths['/v1/cases/import']!.post!;
    const csv = op.requestBody!.content['text/csv'];
    expect(csv?.schema).toMatchObject({
      type: 'string',
      description: expect.stringContaining('name, idNumber, hukouType, division, disabilityCategory'),
    });
    expect(Object.keys(op.requestBody!.content)).toEqual(['text/csv']);
  });
});
