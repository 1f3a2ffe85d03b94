// The API's log: pino through Fastify, one line per request by method, route and status. Default
// serializers log no header and no body, so no password, session cookie, CSRF token or bearer
// token reaches a line, and no body, so no search text; the redaction below holds if someone logs
// the headers or the body anyway.
// test/api/accessAudit.test.ts scans a trace-level log of every sign-in path for secrets.
import type { FastifyServerOptions } from 'fastify';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  // Request bodies carry names and ID numbers (a search's q above all): never a log line's.
  'req.body',
  'body',
];

export function apiLoggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return { level, redact: REDACTED_PATHS, ...(stream ? { stream } : {}) };
}
