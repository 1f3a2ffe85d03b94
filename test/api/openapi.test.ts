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
};

interface Operation {
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
