// The routes as the API itself describes them (GET /docs/json): the fuzzer covers whatever
// routes exist when it runs, generating each request from that route's own schemas.
import type { FastifyInstance } from 'fastify';
import type { Json } from '../chaosEnv.js';

export type Schema = Record<string, Json>;

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  /** OpenAPI template, e.g. /v1/cases/{caseId}. */
  path: string;
  params: Param[];
  body: { contentType: string; schema: Schema; required: boolean } | null;
  authenticated: boolean;
  /** Serves only the session cookie (sign-out, the password change): a bearer token is refused. */
  sessionOnly: boolean;
}

function resolver(doc: Schema) {
  const resolve = (s: Schema | undefined, depth = 0): Schema => {
    if (!s || depth > 20) return {};
    if (typeof s.$ref === 'string') {
      const target = s.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce((o: Schema | undefined, k: string) => o?.[k], doc);
      return resolve(target, depth + 1);
    }
    const out: Schema = { ...s };
    if (s.properties)
      out.properties = Object.fromEntries(
        Object.entries<Schema>(s.properties).map(([k, v]) => [k, resolve(v, depth + 1)]),
      );
    if (s.items) out.items = resolve(s.items, depth + 1);
    for (const k of ['anyOf', 'oneOf', 'allOf'] as const)
      if (Array.isArray(s[k])) out[k] = s[k].map((x: Schema) => resolve(x, depth + 1));
    return out;
  };
  return resolve;
}

const isOpen = (op: Schema) => Array.isArray(op.security) && op.security.length === 0;
const isSessionOnly = (op: Schema) =>
  Array.isArray(op.security) &&
  op.security.length > 0 &&
  (op.security as Schema[]).every((s) => Object.keys(s).join() === 'session');

export async function discoverOperations(app: FastifyInstance): Promise<Operation[]> {
  const res = await app.inject({ method: 'GET', url: '/docs/json' });
  if (res.statusCode !== 200) throw new Error(`GET /docs/json answered ${res.statusCode}`);
  const doc = res.json<Schema>();
  const resolve = resolver(doc);
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<Schema>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params: Param[] = (op.parameters ?? []).map((p: Schema) => ({
        name: p.name,
        in: p.in,
        required: p.required === true,
        schema: resolve(p.schema),
      }));
      const content = Object.entries<Schema>(op.requestBody?.content ?? {})[0];
      ops.push({
        method: method.toUpperCase(),
        path,
        params,
        body: content
          ? { contentType: content[0], schema: resolve(content[1].schema), required: op.requestBody?.required === true }
          : null,
        // /v1 needs credentials; of the sign-in routes, those the document says need a session.
        authenticated: path.startsWith('/v1/') || (path.startsWith('/auth/') && !isOpen(op)),
        sessionOnly: isSessionOnly(op),
      });
    }
  }
  return ops;
}
