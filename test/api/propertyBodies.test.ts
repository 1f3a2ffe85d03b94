// Property-based: whatever a client sends as a body (arbitrary JSON, wrong types, huge and empty
// strings, control characters, invalid ID numbers and dates, malformed JSON), no route answers
// with a 5xx, and every refusal is the error envelope. Over 250 lines: the body generators of
// every route and their properties share one app and one set of prepared cases.
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { computeCheckDigit } from '../../domain/idNumber.js';
import { caseApi, independentAssessment } from '../support/caseApi.js';
import { civilAffairs, department, finance, institution, uniqueRegistration } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

const RUNS = 300;
let env: TestEnv;
let api: ReturnType<typeof caseApi>;
const target = {
  assessing: '',
  proposing: '',
  reviewing: '',
  withdrawing: '',
  correcting: '',
  taskId: '',
  standardId: '',
};

// ---- Values a careless or hostile client might send ----
const control = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u001b[31m',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\u2028',
);
const huge = fc.integer({ min: 4_001, max: 200_000 }).map((n) => '字'.repeat(n));
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constant(''),
  fc.constant('   '),
  control,
  fc.tuple(fc.string(), control, fc.string()).map(([a, c, b]) => a + c + b),
  huge,
);
const date = fc.oneof(
  fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  fc.constantFrom('2026-02-29', '2024-02-30', '0000-00-00', '9999-12-31', '2026-1-1', '2026/01/01', '20260101'),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
/** Well-shaped 18-character numbers with a real-looking birth date; the check digit holds about 1 time in 11. */
const idNumber = fc.oneof(
  fc.stringMatching(/^15\d{4}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}[\dXx]$/),
  fc.stringMatching(/^\d{17}[\dX]$/).map((s) => s.slice(0, 17) + computeCheckDigit(s.slice(0, 17))),
  fc.stringMatching(/^\d{15}$/),
  text,
);
const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  text,
);
const weird = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string(), scalar, { maxKeys: 3 }));
/** A field: usually the right type (valid or not), sometimes anything at all, sometimes absent. */
const field = <T>(good: fc.Arbitrary<T>) =>
  fc.option(fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: weird }), { nil: undefined, freq: 5 });
/** A body shaped like the route's, with optional extra properties; or any JSON at all. */
const bodyLike = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.record(fields, { requiredKeys: [] }),
          fc.option(fc.dictionary(fc.string(), weird, { maxKeys: 2 }), { nil: undefined, freq: 4 }),
        )
        .map(([b, extra]) => ({ ...extra, ...dropUndefined(b) })),
    },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
const dropUndefined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
/** Bytes that claim to be JSON but are not, or smuggle a prototype. */
const rawJson = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    'null',
    '"x"',
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '\ufeff{}',
    '{}'.repeat(1000),
  ),
);

const bodies = {
  register: bodyLike({
    person: field(
      fc.record(
        {
          name: field(text),
          idNumber: field(idNumber),
          hukouType: field(fc.constantFrom('urban', 'rural', 'pastoral', 'URBAN', '')),
          disability: field(
            fc.record(
              {
                category: field(fc.constantFrom('visual', 'mental', 'x')),
                grade: field(fc.integer({ min: -2, max: 6 })),
              },
              { requiredKeys: [] },
            ),
          ),
          seriousIllness: field(fc.boolean()),
          inFullTimeEducationUntil: field(date),
          bankAccount: field(
            fc.record(
              { bank: field(text), accountNo: field(fc.stringMatching(/^\d{0,40}$/)), holder: field(text) },
              { requiredKeys: [] },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    division: field(fc.constantFrom('150102', '150202', '150199', '15010', '1501020', '')),
  }),
  assessment: bodyLike({
    canLiveIndependently: field(fc.boolean()),
    basis: field(text),
    hasIncome: field(fc.boolean()),
    hasLegalSupporter: field(fc.boolean()),
    wishes: field(fc.constantFrom('social_placement', 'centralized_support', 'none')),
    selfCare: field(fc.constantFrom('full', 'partial', 'none', 'some')),
    inFullTimeEducationUntil: field(date),
    needs: field(
      fc.dictionary(fc.constantFrom('housing', 'education', 'legalAid', 'enlistingOrVeteran', 'pony'), weird, {
        maxKeys: 3,
      }),
    ),
  }),
  proposal: bodyLike({
    pathway: field(fc.constantFrom('social_placement', 'destitute_centralized', 'destitute_dispersed', 'moon')),
    reason: field(text),
  }),
  review: bodyLike({ decision: field(fc.constantFrom('approve', 'reject', 'return', 'maybe')), comment: field(text) }),
  withdraw: bodyLike({
    reason: field(fc.constantFrom('adopted', 'deceased', 'moved', 'declined', 'bored')),
    note: field(text),
  }),
  correct: bodyLike({
    changes: field(
      fc.record(
        {
          name: field(text),
          idNumber: field(idNumber),
          hukouType: field(fc.constantFrom('urban', 'rural', 'pastoral')),
          seriousIllness: field(fc.boolean()),
          inFullTimeEducationUntil: field(fc.oneof(date, fc.constant(null))),
          division: field(fc.constantFrom('150102', '150199', '150202', 'abc')),
        },
        { requiredKeys: [] },
      ),
    ),
    reason: field(text),
  }),
  complete: bodyLike({ outcome: field(text), note: field(text) }),
  propose: bodyLike({
    division: field(fc.constantFrom('150102', '150100', '150202', '150199')),
    amountFen: field(fc.oneof(fc.integer(), fc.double(), fc.bigInt({ min: 0n, max: 10n ** 20n }).map(Number))),
    effectiveFrom: field(date),
    basis: field(text),
  }),
  cosign: bodyLike({}),
};

let n = 0;
/** A new subject per request, so the per-caller rate limit never masks an answer. */
const as = (p: Principal): Principal => ({ ...p, sub: `${p.sub}-fuzz-${n++}` });

async function send(
  p: Principal,
  method: 'POST' | 'PATCH',
  url: string,
  body: unknown,
  raw = false,
): Promise<LightMyRequestResponse> {
  return env.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${env.token(as(p))}`, 'content-type': 'application/json' },
    payload: raw ? (body as string) : (JSON.stringify(body) ?? 'null'),
  });
}

function assertHandled(res: LightMyRequestResponse): void {
  expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const answer = res.json<{ error?: { code?: unknown; message?: unknown }; requestId?: unknown }>();
    expect(typeof answer.error?.code).toBe('string');
    expect(typeof answer.error?.message).toBe('string');
    expect(typeof answer.requestId).toBe('string');
  }
}

const property = (p: () => Principal, method: 'POST' | 'PATCH', url: () => string, body: fc.Arbitrary<unknown>) =>
  fc.assert(
    fc.asyncProperty(
      fc.oneof(
        { weight: 9, arbitrary: body.map((b) => ({ b, raw: false })) },
        { weight: 1, arbitrary: rawJson.map((b) => ({ b, raw: true })) },
      ),
      async ({ b, raw }) => {
        assertHandled(await send(p(), method, url(), b, raw));
      },
    ),
    { numRuns: RUNS },
  );

beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
  const inst = institution();
  for (const key of ['assessing', 'proposing', 'reviewing', 'withdrawing', 'correcting'] as const)
    target[key] = (await api.register(inst, uniqueRegistration())).caseId;
  await api.assess(inst, target.proposing, independentAssessment);
  await api.assess(inst, target.reviewing, independentAssessment);
  await api.propose(inst, target.reviewing, { pathway: 'social_placement' });
  const placed = (await api.register(inst, uniqueRegistration())).caseId;
  await api.assess(inst, placed, independentAssessment);
  await api.propose(inst, placed, { pathway: 'social_placement' });
  const approved = await api.review(civilAffairs(), placed, { decision: 'approve', comment: '同意' });
  target.taskId = approved.tasks.find((t: { kind: string }) => t.kind === 'employment_and_social_insurance').taskId;
  const standard = await api.call(civilAffairs(), 'POST', '/v1/subsidy-standards', {
    division: '150102',
    amountFen: 6_000_000,
    effectiveFrom: '2031-01-01',
    basis: '拟议',
  });
  target.standardId = standard.json().id;
}, 60_000);
afterAll(async () => env?.close());

describe('no request body yields a 5xx', () => {
  it(
    'POST /v1/cases',
    () =>
      property(
        () => institution(),
        'POST',
        () => '/v1/cases',
        bodies.register,
      ),
    60_000,
  );
  it(
    'POST /v1/cases/{caseId}/assessment',
    () =>
      property(
        () => institution(),
        'POST',
        () => `/v1/cases/${target.assessing}/assessment`,
        bodies.assessment,
      ),
    60_000,
  );
  it(
    'POST /v1/cases/{caseId}/proposal',
    () =>
      property(
        () => institution(),
        'POST',
        () => `/v1/cases/${target.proposing}/proposal`,
        bodies.proposal,
      ),
    60_000,
  );
  it(
    'POST /v1/cases/{caseId}/review',
    () =>
      property(
        () => civilAffairs(),
        'POST',
        () => `/v1/cases/${target.reviewing}/review`,
        bodies.review,
      ),
    60_000,
  );
  it(
    'POST /v1/cases/{caseId}/withdraw',
    () =>
      property(
        () => institution(),
        'POST',
        () => `/v1/cases/${target.withdrawing}/withdraw`,
        bodies.withdraw,
      ),
    60_000,
  );
  it(
    'PATCH /v1/cases/{caseId}',
    () =>
      property(
        () => civilAffairs(),
        'PATCH',
        () => `/v1/cases/${target.correcting}`,
        bodies.correct,
      ),
    60_000,
  );
  it(
    'POST /v1/tasks/{taskId}/complete',
    () =>
      property(
        () => department('hrss'),
        'POST',
        () => `/v1/tasks/${target.taskId}/complete`,
        bodies.complete,
      ),
    60_000,
  );
  it(
    'POST /v1/subsidy-standards',
    () =>
      property(
        () => civilAffairs(),
        'POST',
        () => '/v1/subsidy-standards',
        bodies.propose,
      ),
    60_000,
  );
  it(
    'POST /v1/subsidy-standards/{id}/cosign',
    () =>
      property(
        () => finance(),
        'POST',
        () => `/v1/subsidy-standards/${target.standardId}/cosign`,
        bodies.cosign,
      ),
    60_000,
  );
});

describe('no path or query yields a 5xx', () => {
  const segment = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.uuid().map((u) => `case-${u}`),
    fc.uuid(),
    fc.constantFrom('..', '%', 'case-', 't-', ' '),
  );
  it(
    'ids in paths',
    () =>
      fc.assert(
        fc.asyncProperty(
          segment,
          fc.constantFrom('/v1/cases/', '/v1/tasks/', '/v1/subsidy-standards/', '/v1/cases/'),
          async (id, prefix) => {
            const suffix = prefix === '/v1/subsidy-standards/' ? '/cosign' : '';
            const method = suffix ? 'POST' : 'GET';
            const res = await env.app.inject({
              method,
              url: `${prefix}${encodeURIComponent(id)}${suffix}`,
              headers: { authorization: `Bearer ${env.token(as(finance()))}` },
              ...(suffix ? { payload: {} } : {}),
            });
            assertHandled(res);
          },
        ),
        { numRuns: RUNS },
      ),
    60_000,
  );

  it(
    'list filters',
    () =>
      fc.assert(
        fc.asyncProperty(
          fc.dictionary(
            fc.constantFrom(
              'stage',
              'pathway',
              'division',
              'institutionId',
              'overdue',
              'limit',
              'cursor',
              'status',
              'x',
            ),
            fc.oneof(fc.string({ unit: 'binary', maxLength: 600 }), fc.integer().map(String)),
            { maxKeys: 4 },
          ),
          fc.constantFrom('/v1/cases', '/v1/subsidy-standards', '/v1/reports/summary', '/v1/tasks'),
          async (query, path) => {
            const res = await env.app.inject({
              method: 'GET',
              url: path,
              query,
              headers: { authorization: `Bearer ${env.token(as(civilAffairs('150100')))}` },
            });
            assertHandled(res);
          },
        ),
        { numRuns: RUNS },
      ),
    60_000,
  );
});

describe('input PostgreSQL or the workflow cannot take', () => {
  it('refuses impossible dates, which would otherwise never be answered', async () => {
    const { caseId } = await api.register(institution(), uniqueRegistration());
    const patch = await send(civilAffairs(), 'PATCH', `/v1/cases/${caseId}`, {
      changes: { inFullTimeEducationUntil: '2024-02-30' },
      reason: '更正',
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.message).toContain('body.changes.inFullTimeEducationUntil must match format "date"');
    const assess = await send(institution(), 'POST', `/v1/cases/${caseId}/assessment`, {
      ...independentAssessment,
      inFullTimeEducationUntil: '2099-02-30',
    });
    expect(assess.statusCode).toBe(400);
    expect(assess.json().error.message).toContain('body.inFullTimeEducationUntil must match format "date"');
    // A real leap day passes, and the case still answers.
    const leap = await send(institution(), 'POST', `/v1/cases/${caseId}/assessment`, {
      ...independentAssessment,
      inFullTimeEducationUntil: '2096-02-29',
    });
    expect(leap.statusCode).toBe(200);
    expect(leap.json().stage).toBe('deferred');
  });

  it('refuses text it cannot store, naming where it was', async () => {
    const cases: Array<[Principal, 'POST' | 'PATCH', string, unknown, string]> = [
      [
        civilAffairs(),
        'POST',
        `/v1/cases/${target.reviewing}/review`,
        { decision: 'approve', comment: 'ok\u0000' },
        'body.comment',
      ],
      [
        civilAffairs(),
        'PATCH',
        `/v1/cases/${target.correcting}`,
        { changes: { name: '\ud800名' }, reason: '更正' },
        'body.changes.name',
      ],
      [
        institution(),
        'POST',
        `/v1/cases/${target.assessing}/assessment`,
        { ...independentAssessment, needs: { 'x\udc00': true } },
        'body.needs.x\udc00',
      ],
    ];
    for (const [p, method, url, body, field] of cases) {
      const res = await send(p, method, url, body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
      expect(res.json().error.message).toContain('must not contain the character U+0000 or an unpaired surrogate');
    }
    const query = await env.app.inject({
      method: 'GET',
      url: '/v1/cases',
      query: { institutionId: 'inst\u0000' },
      headers: { authorization: `Bearer ${env.token(as(civilAffairs()))}` },
    });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.details.field).toBe('querystring.institutionId');
    // A surrogate pair (an emoji) is ordinary text.
    const { caseId } = await api.register(institution(), uniqueRegistration());
    const emoji = await send(institution(), 'POST', `/v1/cases/${caseId}/assessment`, {
      ...independentAssessment,
      basis: '身体健康 😀',
    });
    expect(emoji.statusCode).toBe(200);
    expect(emoji.json().assessment.basis).toBe('身体健康 😀');
  });
});
