// A registration is one trace: the HTTP request, the workflow start and `settled` Update the API
// sends, the workflow run, the activities it schedules and their SQL, linked parent to child; an
// action (an Update) is another. No span carries the person's name or ID number. Tracing starts
// before pg and Fastify load, as bin/tracing.ts does in production, so everything that loads them
// is imported after it.
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Tracing, startTracing } from '../../bin/runtime/tracing.js';
import type { TestEnv } from '../support/testEnv.js';

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let env: TestEnv;
let baseUrl: string;
let fixtures: typeof import('../support/fixtures.js');
let cases: typeof import('../support/caseApi.js');

beforeAll(async () => {
  tracing = await startTracing({ serviceName: 'resettlement-test', spanProcessor: new SimpleSpanProcessor(exporter) });
  const { createTestEnv } = await import('../support/testEnv.js');
  fixtures = await import('../support/fixtures.js');
  cases = await import('../support/caseApi.js');
  env = await createTestEnv();
  // Over a real socket: the root span comes from the instrumentation of Node's http server.
  baseUrl = await env.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await env?.close();
  await tracing?.shutdown();
});

async function send(method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${env.token(fixtures.institution())}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

const idOf = (s: ReadableSpan) => s.spanContext().spanId;
const traceOf = (s: ReadableSpan) => s.spanContext().traceId;

/** The spans of the trace whose root is the HTTP request for this route, once `complete` holds. */
async function traceOfRequest(method: string, route: string, complete: (spans: ReadableSpan[]) => boolean) {
  const read = async () => {
    const all = exporter.getFinishedSpans();
    const root = all.find((s) => s.name === `${method} ${route}` && s.parentSpanId === undefined);
    return root ? all.filter((s) => traceOf(s) === traceOf(root)) : [];
  };
  return cases.eventually(read, (spans) => spans.length > 0 && complete(spans), 15_000);
}

/** Every span's parent is in the trace, up to one root: nothing is detached. */
function expectLinked(spans: ReadableSpan[]) {
  const ids = new Set(spans.map(idOf));
  const roots = spans.filter((s) => s.parentSpanId === undefined);
  expect(roots.map((s) => s.name)).toHaveLength(1);
  const detached = spans.filter((s) => s.parentSpanId !== undefined && !ids.has(s.parentSpanId));
  expect(detached.map((s) => s.name)).toEqual([]);
}

/** The chain of span names from a span up to the root (without Fastify's hook spans in between). */
function ancestry(spans: ReadableSpan[], span: ReadableSpan): string[] {
  const byId = new Map(spans.map((s) => [idOf(s), s]));
  const names: string[] = [];
  for (let s: ReadableSpan | undefined = span; s; s = s.parentSpanId ? byId.get(s.parentSpanId) : undefined)
    if (!s.name.startsWith('middleware - ')) names.push(s.name);
  return names;
}

/** Everything a span carries as text: name, attributes, events, status, resource. */
function texts(s: ReadableSpan): string[] {
  const values = (attrs: Record<string, unknown> | undefined) => Object.values(attrs ?? {}).map((v) => String(v));
  return [
    s.name,
    s.status.message ?? '',
    ...values(s.attributes),
    ...s.events.flatMap((e) => [e.name, ...values(e.attributes)]),
    ...values(s.resource.attributes),
  ];
}

describe('tracing', () => {
  it('links a registration and an action, each into one trace, with nothing personal in it', async () => {
    const body = fixtures.registrationBody({ person: { name: '巴特尔' } });
    const { caseId } = await send('POST', '/v1/cases', body);
    await send('POST', `/v1/cases/${caseId}/assessment`, cases.independentAssessment);
    await send('GET', `/v1/cases?stage=assessment&division=150102`);
    // The workflow's run span ends with the case: withdrawing the case exports it.
    await send('POST', `/v1/cases/${caseId}/withdraw`, { reason: 'moved', note: '迁出自治区' });

    const registration = await traceOfRequest('POST', '/v1/cases', (spans) =>
      spans.some((s) => s.name === 'RunWorkflow:caseWorkflow'),
    );
    expectLinked(registration);
    const names = new Set(registration.map((s) => s.name));
    for (const expected of [
      'StartWorkflow:caseWorkflow',
      'RunWorkflow:caseWorkflow',
      'StartActivity:recordCaseEvents',
      'RunActivity:recordCaseEvents',
      'StartWorkflowUpdate:settled',
      'HandleUpdate:settled',
    ])
      expect(names).toContain(expected);
    // The case's first event is written by an activity of the workflow the request started.
    const firstWrite = registration.find(
      (s) =>
        s.name.startsWith('pg.query') &&
        String(s.attributes['db.statement']).includes('audit_heads') &&
        ancestry(registration, s).includes('RunActivity:recordCaseEvents'),
    );
    expect(firstWrite && ancestry(registration, firstWrite)).toEqual([
      firstWrite?.name,
      'RunActivity:recordCaseEvents',
      'StartActivity:recordCaseEvents',
      'RunWorkflow:caseWorkflow',
      'StartWorkflow:caseWorkflow',
      expect.stringMatching(/^request handler/),
      'POST /v1/cases',
    ]);
    // The person is written with parameters, not values in the statement.
    const personInsert = registration.find((s) =>
      String(s.attributes['db.statement']).startsWith('insert into "persons"'),
    );
    expect(personInsert?.attributes['db.statement']).toContain('$1');

    const action = await traceOfRequest('POST', '/v1/cases/:caseId/assessment', (spans) =>
      spans.some((s) => s.name === 'RunActivity:recordCaseEvents'),
    );
    expectLinked(action);
    const actionWrite = action.find(
      (s) => s.name.startsWith('pg.query') && ancestry(action, s).includes('RunActivity:recordCaseEvents'),
    );
    expect(actionWrite && ancestry(action, actionWrite).slice(1)).toEqual([
      'RunActivity:recordCaseEvents',
      'StartActivity:recordCaseEvents',
      'HandleUpdate:submitAssessment',
      'StartWorkflowUpdate:submitAssessment',
      expect.stringMatching(/^request handler/),
      'POST /v1/cases/:caseId/assessment',
    ]);

    // Query strings never reach a span.
    const list = await traceOfRequest('GET', '/v1/cases', () => true);
    const server = list.find((s) => s.parentSpanId === undefined)!;
    expect(server.attributes['http.target']).toBe('/v1/cases');
    expect(String(server.attributes['http.url'])).not.toContain('?');

    const all = exporter.getFinishedSpans();
    const personal = [
      body.person.name,
      body.person.idNumber,
      body.person.idNumber.slice(-8),
      body.person.bankAccount.accountNo,
    ];
    const leaks = all.flatMap((s) =>
      texts(s)
        .filter((t) => personal.some((p) => t.includes(p)))
        .map((t) => `${s.name}: ${t}`),
    );
    expect(leaks).toEqual([]);
    // The scan reads what the spans hold: the case's own ID is there, so it would see a name too.
    expect(all.some((s) => texts(s).some((t) => t.includes(caseId)))).toBe(true);
  }, 60_000);
});
