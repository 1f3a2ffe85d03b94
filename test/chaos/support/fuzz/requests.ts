// Requests for one route, from its OpenAPI description: plausible ones with a hostile part, and
// attacks that the API must refuse whatever else the request says (a bad token, malformed JSON,
// an unknown body property, a path parameter that is not an ID). Each attack names why it must
// be refused, so the runner can hold the API to it. Over 250 lines because the generators for
// every part of a request (path, query, headers, body) are one fast-check grammar.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Principal } from '../../../../domain/access.js';
import { newPerson } from '../people.js';
import type { Operation, Param, Schema } from './openapi.js';
import type { SessionPool } from './sessions.js';
import { type KnownIds, encodeSegment, fromSchema, hostileString, hostileValue, mutate, wrongType } from './values.js';

export interface FuzzRequest {
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** Why the API must refuse it; null when accepting it may be right. */
  mustRefuse: string | null;
}

export interface Tokens {
  principals: Principal[];
  /** Signed-in sessions, sent as a browser sends them. */
  sessions?: SessionPool;
  /** Per route (METHOD path), the principals it did not refuse as forbidden when probed. */
  permitted?: Map<string, Principal[]>;
  valid(p: Principal): string;
  /** Authorization header values that must never authenticate. */
  attacks: string[];
}

const MALFORMED_JSON = [
  '{',
  '{"a":',
  '[1,2',
  'nul',
  '{"person":}',
  "{'a':1}",
  '{"a":1,}',
  '\u0000',
  '',
  ' ',
  'NaN',
  '{"a":1}{"b":2}',
  '\ufeff{',
  '{"a":"\\x"}',
  '{"a":"\\ud8"}',
];
const NOT_AN_ID = [
  '..',
  '.',
  '%2e%2e',
  ' ',
  'case-',
  `case-${'g'.repeat(36)}`,
  "1' OR '1'='1",
  'x'.repeat(3000),
  '１２３',
  'null',
  'undefined',
  '-1',
  '0',
  'NaN',
  'case-*',
  '\u0000',
  '\ud800',
];

const allowedBy = (schema: Schema, raw: string): boolean => {
  if (typeof schema.pattern === 'string') return new RegExp(schema.pattern).test(raw);
  if (schema.type === 'integer') return /\d/.test(raw);
  return true;
};

function pathValue(p: Param, ids: KnownIds): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fromSchema(p.schema, ids, p.name).map(String) },
    {
      weight: 3,
      arbitrary: fc.oneof(
        fc.constantFrom(...NOT_AN_ID),
        fc.string({ maxLength: 40 }),
        fc.string({ unit: 'binary', maxLength: 10 }),
      ),
    },
  );
}

function queryString(op: Operation, ids: KnownIds): fc.Arbitrary<string> {
  const declared = op.params.filter((p) => p.in === 'query');
  const pairs = declared.map((p) =>
    fc.option(
      fc
        .oneof(
          { weight: 4, arbitrary: fromSchema(p.schema, ids, p.name).map(String) },
          { weight: 1, arbitrary: hostileString },
        )
        .map((v) => `${p.name}=${encodeSegment(v)}`),
      { freq: 2 },
    ),
  );
  const unknown = fc.option(
    fc
      .tuple(
        fc.constantFrom('foo', 'debug', '__proto__', 'limit[]', 'stage', 'x'.repeat(300)),
        fc.string({ maxLength: 20 }),
      )
      .map(([k, v]) => `${k}=${encodeSegment(v)}`),
    { freq: 3 },
  );
  return fc
    .tuple(fc.tuple(...pairs), unknown)
    .map(([ps, u]) => [...ps, u].filter((x): x is string => x !== null).join('&'));
}

type Body = { payload?: string | Buffer; contentType?: string; mustRefuse: string | null; json?: unknown };

function jsonBody(op: Operation, ids: KnownIds, attack: boolean): fc.Arbitrary<Body> {
  const schema = op.body!.schema;
  const valid = fromSchema(schema, ids);
  const closedObject = schema.type === 'object' && schema.additionalProperties === false;
  const refused: Array<fc.Arbitrary<Body>> = [
    fc.constantFrom(...MALFORMED_JSON).map((raw) => ({ payload: raw, mustRefuse: 'malformed JSON' })),
    fc.constant(null).map(() => ({
      payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      mustRefuse: 'malformed JSON (invalid UTF-8)',
    })),
  ];
  if (schema.type === 'object')
    refused.push(
      fc
        .constantFrom('[]', '"text"', '42', 'true', 'null', '[{"a":1}]')
        .map((raw) => ({ payload: raw, mustRefuse: 'body is not an object' })),
    );
  if (closedObject)
    refused.push(
      valid.map((v) => ({
        payload: JSON.stringify({ ...(v as object), unexpectedProperty: 'x' }),
        mustRefuse: 'unknown body property',
      })),
    );
  if (attack) return fc.oneof(...refused);
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((v) => ({ payload: JSON.stringify(v), json: v, mustRefuse: null })) },
    {
      weight: 5,
      arbitrary: fc
        .tuple(
          valid,
          fc.nat(),
          fc.constantFrom<'replace' | 'add' | 'remove'>('replace', 'replace', 'replace', 'add', 'remove'),
          hostileValue,
        )
        .map(([v, n, how, r]) => {
          const m = mutate(v, n, how, r);
          return { payload: JSON.stringify(m), json: m, mustRefuse: null };
        }),
    },
    { weight: 2, arbitrary: fc.oneof(...refused) },
    { weight: 1, arbitrary: wrongType.map((v) => ({ payload: JSON.stringify(v) ?? 'null', mustRefuse: null })) },
  );
}

function csvBody(attack: boolean): fc.Arbitrary<Body> {
  const header =
    'name,idNumber,hukouType,division,disabilityCategory,disabilityGrade,seriousIllness,inFullTimeEducationUntil,bankName,bankAccountNo,bankAccountHolder';
  const rows = fc
    .array(
      fc.tuple(
        fc.constantFrom('urban', 'rural', 'pastoral', 'city', ''),
        fc.constantFrom('150102', '150202', '999999', ''),
        fc.option(hostileString, { freq: 3 }),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((rs) => {
      // The people are recorded for the privacy scan when the import is accepted (runner.ts).
      const people = rs.map(() => newPerson());
      const lines = rs.map(([hukou, division, hostile], i) => {
        const p = people[i]!;
        const name = hostile !== null && i === 0 ? `"${hostile.slice(0, 200).replace(/"/g, '""')}"` : p.name;
        return `${name},${p.idNumber},${hukou},${division},,,,,中国农业银行,${p.accountNo},${p.name}`;
      });
      return { payload: [header, ...lines].join('\n'), contentType: 'text/csv', mustRefuse: null };
    });
  const junk = fc
    .oneof(hostileString, fc.constantFrom('=cmd|" /C calc"!A0', 'a,b\n"unterminated', '\u0000\u0000', header))
    .map((s) => ({ payload: s, contentType: 'text/csv', mustRefuse: null }));
  if (attack) return junk;
  return fc.oneof(
    rows,
    junk,
    fc.constant({ payload: '{"person":{}}', contentType: 'application/json', mustRefuse: null }),
  );
}

/** One request for `op`; with `attack`, one that must be refused, when the route offers a way. */
export function requestFor(
  op: Operation,
  ids: KnownIds,
  tokens: Tokens,
  attack: boolean,
): fc.Arbitrary<FuzzRequest> | null {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const attackKinds: string[] = [];
  if (op.authenticated) attackKinds.push('auth');
  if (op.authenticated && tokens.sessions) attackKinds.push('session');
  if (op.body?.contentType === 'application/json') attackKinds.push('body');
  if (pathParams.some((p) => typeof p.schema.pattern === 'string')) attackKinds.push('path');
  if (attack && attackKinds.length === 0) return null;

  const permitted = tokens.permitted?.get(`${op.method} ${op.path}`) ?? [];
  const callers =
    permitted.length > 0
      ? fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...permitted) },
          { weight: 1, arbitrary: fc.constantFrom(...tokens.principals) },
        )
      : fc.constantFrom(...tokens.principals);
  type Credentials = { header: string | null; session: Record<string, string> | null; bad: boolean };
  const pool = tokens.sessions;
  const auth: fc.Arbitrary<Credentials> = fc.oneof(
    {
      weight: op.sessionOnly ? 1 : 8,
      arbitrary: callers.map((p) => ({ header: `Bearer ${tokens.valid(p)}`, session: null, bad: false })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...tokens.attacks)
        .map((h) => ({ header: h === '' ? null : h, session: null, bad: true })),
    },
    ...(pool
      ? [
          {
            weight: op.sessionOnly ? 8 : 3,
            arbitrary: fc.nat(pool.size - 1).map((i) => ({ header: null, session: pool.headers(i), bad: false })),
          },
        ]
      : []),
  );
  const sessionAttack = pool ? sessionAttacks(pool, op.method) : fc.constant(null);
  const noBody: fc.Arbitrary<Body> = fc.constant({ mustRefuse: null });
  const body: fc.Arbitrary<Body> = !op.body
    ? noBody
    : op.body.contentType === 'application/json'
      ? jsonBody(op, ids, false)
      : csvBody(false);
  const idem = fc.oneof(
    { weight: 6, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: fc.constant(null).map(() => randomUUID()) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'k'.repeat(300), '\t') },
  );
  const kind = attack ? fc.constantFrom(...attackKinds) : fc.constant('none');

  return fc
    .tuple(
      kind,
      auth,
      fc.tuple(...pathParams.map((p) => pathValue(p, ids))),
      queryString(op, ids),
      body,
      idem,
      fc.constantFrom(...tokens.attacks),
      op.body?.contentType === 'application/json' ? jsonBody(op, ids, true) : noBody,
      fc.constantFrom(...NOT_AN_ID),
      sessionAttack,
    )
    .map(([k, a, values, query, b, key, badAuth, badBody, badId, badSession]) => {
      let authHeader = a.header;
      let session = a.session;
      let reason: string | null =
        a.bad && op.authenticated ? `invalid credentials (${(a.header ?? 'none').slice(0, 30)})` : null;
      if (k === 'auth')
        [authHeader, session, reason] = [
          badAuth === '' ? null : badAuth,
          null,
          `invalid credentials (${badAuth.slice(0, 30) || 'none'})`,
        ];
      if (k === 'session' && badSession) [authHeader, session, reason] = [null, badSession.headers, badSession.why];
      const chosenBody = k === 'body' ? badBody : b;
      reason ??= chosenBody.mustRefuse;
      let path = op.path;
      pathParams.forEach((p, i) => {
        let v = values[i]!;
        if (
          k === 'path' &&
          typeof p.schema.pattern === 'string' &&
          i === pathParams.findIndex((q) => typeof q.schema.pattern === 'string')
        )
          v = badId;
        if (!allowedBy(p.schema, v)) reason ??= `path ${p.name} is not an ID`;
        path = path.replace(`{${p.name}}`, encodeSegment(v));
      });
      const headers: Record<string, string> = { ...session };
      if (authHeader) headers.authorization = authHeader;
      if (chosenBody.payload !== undefined) headers['content-type'] = chosenBody.contentType ?? 'application/json';
      if (key !== null && op.method !== 'GET') headers['idempotency-key'] = key;
      return {
        label: `${op.method} ${op.path}`,
        method: op.method,
        url: query ? `${path}?${query}` : path,
        headers,
        ...(chosenBody.payload !== undefined ? { payload: chosenBody.payload } : {}),
        mustRefuse: reason,
      };
    });
}

/**
 * Session credentials that must never pass: a forged or garbled cookie on any route, and on a
 * write a live session's cookie without its CSRF token, with another session's, or with a forged one.
 */
function sessionAttacks(pool: SessionPool, method: string) {
  const forged = fc
    .constantFrom('A'.repeat(43), '', 'x', "' OR 1=1 --", 'a'.repeat(5000), '%00', 'session')
    .map((v) => ({ headers: { cookie: `session=${v}` }, why: `forged session cookie (${v.slice(0, 20)})` }));
  // Another session's token needs another session: the pool holds one per caller (at least two).
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) || pool.size < 2) return forged;
  const live = fc.nat(pool.size - 1);
  return fc.oneof(
    forged,
    live.map((i) => ({ headers: pool.headers(i, null), why: 'session write without x-csrf-token' })),
    live.map((i) => ({ headers: pool.headers(i, (i + 1) % pool.size), why: "another session's CSRF token" })),
    live.map((i) => ({
      headers: { ...pool.headers(i, null), 'x-csrf-token': 'A'.repeat(43) },
      why: 'forged CSRF token',
    })),
  );
}

/**
 * Every leaf of a plausible body, in turn, replaced by each hostile string, sent by a caller the
 * route lets through: the deterministic counterpart of the random mutations.
 */
export function leafSweep(
  op: Operation,
  ids: KnownIds,
  tokens: Tokens,
  hostile: string[],
  seed: number,
): FuzzRequest[] {
  if (op.body?.contentType !== 'application/json') return [];
  const caller = tokens.permitted?.get(`${op.method} ${op.path}`)?.[0];
  // Open routes (the sign-in) are swept without credentials, session routes with a session.
  const credentials: Record<string, string> | null = !op.authenticated
    ? {}
    : op.sessionOnly && tokens.sessions
      ? tokens.sessions.headers(0)
      : caller
        ? { authorization: `Bearer ${tokens.valid(caller)}` }
        : null;
  if (!credentials) return [];
  const [body] = fc.sample(fromSchema(op.body.schema, ids), { numRuns: 1, seed });
  const leaves = countLeaves(body);
  const path = op.path
    .replace('{caseId}', ids.ownCaseIds[0]!)
    .replace('{taskId}', ids.ownTaskIds[0] ?? 't-x')
    .replace('{id}', ids.standardIds[0] ?? 'x')
    .replace('{year}', '2027');
  const out: FuzzRequest[] = [];
  for (let n = 0; n < leaves; n++) {
    for (const h of hostile) {
      out.push({
        label: `${op.method} ${op.path}`,
        method: op.method,
        url: path,
        headers: { ...credentials, 'content-type': 'application/json' },
        payload: JSON.stringify(mutate(body, n, 'replace', h)),
        mustRefuse: null,
      });
    }
  }
  return out;
}

function countLeaves(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + 1 + countLeaves(x), 0);
  if (v && typeof v === 'object') return Object.values(v).reduce((n: number, x) => n + 1 + countLeaves(x), 0);
  return 0;
}
