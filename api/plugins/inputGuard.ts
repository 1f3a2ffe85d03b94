// What a schema lets through but PostgreSQL or the workflow cannot take, refused at the door with
// the field named, because past the door it would never be answered: a case event that cannot be
// written is retried for ever while the request waits, and an impossible date fails the case's
// workflow task on every attempt.
// - Text: PostgreSQL stores neither U+0000 nor an unpaired UTF-16 surrogate (text refuses the
//   first, jsonb both).
// - Dates: a YYYY-MM-DD string must also be a real calendar date (no 2027-02-30), so every such
//   field of a request schema gets the `date` format as its route is registered.
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { validationFailed } from '../errors.js';

// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this refuses
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** The path of the first string (or property name) that cannot be stored, or null. */
export function unstorableText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : null;
  if (
    value === null ||
    typeof value !== 'object' ||
    depth > 64 ||
    typeof (value as { pipe?: unknown }).pipe === 'function'
  )
    return null;
  for (const [key, v] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (UNSTORABLE.test(key)) return at;
    const found = unstorableText(v, at, depth + 1);
    if (found) return found;
  }
  return null;
}

/** A copy of the schema in which every date-shaped string must also be a real date. */
export function withRealDates(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withRealDates);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema))
    copy[key] = key === 'examples' || key === 'default' ? value : withRealDates(value);
  if (copy.type === 'string' && copy.pattern === DATE_PATTERN && copy.format === undefined) copy.format = 'date';
  return copy;
}

function requireRealDates(route: RouteOptions): void {
  const schema = route.schema as Record<string, unknown> | undefined;
  if (!schema) return;
  const parts = ['body', 'querystring', 'params'].filter((part) => schema[part] !== undefined);
  if (parts.length)
    route.schema = { ...schema, ...Object.fromEntries(parts.map((part) => [part, withRealDates(schema[part])])) };
}

export const inputGuardPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRoute', requireRealDates);
    app.addHook('preValidation', async (request) => {
      const at =
        unstorableText(request.params, 'params') ??
        unstorableText(request.query, 'querystring') ??
        unstorableText(request.body, 'body');
      if (at)
        throw validationFailed(
          `${at}: must not contain the character U+0000 or an unpaired surrogate (U+D800-U+DFFF)`,
          { field: at },
        );
    });
  },
  { name: 'input-guard' },
);
