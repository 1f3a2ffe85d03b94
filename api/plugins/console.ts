// Serves the built console (console/dist) from the API's own origin: hashed files under /assets/
// cached for a year, and index.html, with a fresh CSP nonce, for every other GET that is not an API
// path, so that a client route (/cases/…) survives a reload. API paths keep their JSON 404s.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

export interface ConsoleOptions {
  /** The folder `vite build` wrote: index.html and assets/. */
  root: string;
}

/** Paths that belong to the API: never answered with the console's page. */
export const API_PATH_PREFIXES = ['/v1', '/auth', '/docs', '/healthz', '/readyz', '/metrics'];

/** What vite.config.mts writes where the nonce goes (html.cspNonce). */
const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/**
 * Scripts only from this origin (no inline script at all). antd writes its CSS-in-JS into <style>
 * tags that carry the page's nonce; style attributes (positions of popups) stay allowed, which
 * cannot run code.
 */
export function consoleCsp(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function isApiPath(path: string): boolean {
  return API_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

export async function consolePlugin(app: FastifyInstance, options: ConsoleOptions): Promise<void> {
  const page = readFileSync(join(options.root, 'index.html'), 'utf8');

  await app.register(fastifyStatic, {
    root: join(options.root, 'assets'),
    prefix: '/assets/',
    index: false,
    // Names carry the content hash: a new build has new names, so a year is safe.
    immutable: true,
    maxAge: '365d',
  });

  const sendPage = (reply: FastifyReply) => {
    const nonce = randomBytes(16).toString('base64');
    return reply
      .header('content-security-policy', consoleCsp(nonce))
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(page.replaceAll(NONCE_PLACEHOLDER, nonce));
  };

  app.get('/', { schema: { hide: true } }, async (_request, reply) => sendPage(reply));
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0]!;
    // An API path or a file name (favicon.ico, a stale asset) is not a page: the JSON 404.
    if (isApiPath(path) || /\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
    return sendPage(reply);
  });
}
