// The OpenAPI document's frame (info, servers, tags, security schemes) and the two rewrites that fit
// it for generated clients: a schema reused across routes appears once under components.schemas,
// and a request property with a server default is optional.
import type { SwaggerOptions } from '@fastify/swagger';
import type { TSchema } from 'typebox';
import { ErrorEnvelope } from './schemas/common.js';
import { CaseList, CaseSummary } from './schemas/caseList.js';
import { CaseView, TaskView } from './schemas/cases.js';

/**
 * The schemas reused across routes, by their `$id`: each is one entry of components.schemas. The app
 * adds these to its schema store; Task and CaseSummary come with Case and CaseList, which hold them.
 */
export const SHARED_SCHEMAS: readonly TSchema[] = [ErrorEnvelope, CaseView, CaseList];
const SHARED_IDS = new Set(
  [ErrorEnvelope, CaseView, TaskView, CaseSummary, CaseList].map((s: TSchema) => String((s as { $id?: unknown }).$id)),
);

/** Every operation carries one of these; a route module adding a resource adds its tag here. */
export const TAGS = [
  { name: 'health', description: 'liveness and readiness for load balancers and orchestrators; no credentials' },
  { name: 'sign-in', description: 'sessions for people (username and password), and who is calling' },
  { name: 'cases', description: 'register, import, list, search and read cases' },
  {
    name: 'case actions',
    description: "a case's steps: assessment, proposal, review, disbursement, correction, withdrawal",
  },
  { name: 'tasks', description: "the departments' and institutions' inbox and its tasks" },
  {
    name: 'subsidy standards',
    description: 'the one-time subsidy standards, proposed by civil affairs and co-signed by finance',
  },
  { name: 'reports', description: 'counts and sums over a jurisdiction' },
  { name: 'policy', description: 'the official working-day calendar and the policy versions in force' },
  { name: 'audit', description: "a case's hash-chained history, its verification and the export" },
  { name: 'users', description: "the administrator's accounts" },
  { name: 'notifications', description: "the caller's notifications" },
  { name: 'webhooks', description: "the administrator's webhook subscriptions" },
];

type Json = unknown;

/** A copy of a route schema in which every shared schema is a `$ref` to its component. */
function referenceShared(node: Json, top: boolean): Json {
  if (Array.isArray(node)) return node.map((n) => referenceShared(n, false));
  if (node === null || typeof node !== 'object') return node;
  const id = (node as { $id?: unknown }).$id;
  if (!top && typeof id === 'string' && SHARED_IDS.has(id)) return { $ref: `${id}#` };
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, referenceShared(v, false)]));
}

/** A request schema in which no property with a server default is required. */
function defaultsOptional(schema: Json): Json {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const s = schema as { properties?: Record<string, { default?: unknown }>; required?: string[] };
  if (!s.properties || !s.required) return schema;
  const required = s.required.filter((name) => s.properties![name]?.default === undefined);
  return { ...schema, required };
}

/** Within the components, a shared schema nested in another (the tasks of a case) as a `$ref` too. */
function referenceNestedComponents(schemas: Record<string, Json>): Record<string, Json> {
  const byText = new Map([...SHARED_IDS].filter((id) => schemas[id]).map((id) => [JSON.stringify(schemas[id]), id]));
  const walk = (node: Json, top: boolean): Json => {
    if (node === null || typeof node !== 'object') return node;
    const id = top ? undefined : byText.get(JSON.stringify(node));
    if (id) return { $ref: `#/components/schemas/${id}` };
    if (Array.isArray(node)) return node.map((n) => walk(n, false));
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, false)]));
  };
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, walk(schema, true)]));
}

type RouteSchema = Record<string, Json> & { response?: Record<string, Json> };

export const swaggerOptions: SwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Orphan resettlement engine API',
      version: '1.1.0',
      description:
        'Resettlement of orphans of child welfare institutions who come of age (《内蒙古自治区儿童福利机构孤儿成年后安置办法》). ' +
        'Every error is {"error": {"code", "message", "details"}, "requestId"}. Money is integer fen. ' +
        'Every POST and PATCH takes an optional Idempotency-Key header: the same key with the same request replays the first answer ' +
        '(header idempotent-replayed: true); with another request, or while the first is still running, 409 CONFLICT. ' +
        'Each caller (token subject, else address) may send a limited number of requests a minute; beyond it, 429 RATE_LIMITED with Retry-After.',
    },
    servers: [{ url: '/', description: 'the server that serves this document' }],
    tags: TAGS,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'session',
          description: 'POST /auth/login sets it; writes also send x-csrf-token',
        },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
  },
  // Components are named by the `$id` of the shared schema (`#/components/schemas/Case`).
  refResolver: {
    buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string | undefined) ?? `def-${i}`,
  },
  transform: ({ schema, url }) => {
    if (!schema) return { schema, url };
    const route = schema as RouteSchema;
    const out: RouteSchema = { ...route };
    for (const part of ['querystring', 'body', 'headers'] as const)
      if (route[part]) out[part] = referenceShared(defaultsOptional(route[part]), true);
    if (route.response)
      out.response = Object.fromEntries(Object.entries(route.response).map(([s, r]) => [s, referenceShared(r, false)]));
    return { schema: out, url };
  },
  transformObject: (documentObject) => {
    const doc = (documentObject as { openapiObject: { components?: { schemas?: Record<string, Json> } } })
      .openapiObject;
    if (doc.components?.schemas) doc.components.schemas = referenceNestedComponents(doc.components.schemas);
    return doc as never;
  },
};
