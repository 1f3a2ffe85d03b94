// The API serves the built console from its own origin: the page for every client route with a
// fresh CSP nonce, hashed assets cached for a year, and the API's paths still answering JSON 404s.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppWith } from '../support/accounts.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let app: FastifyInstance;

beforeAll(async () => {
  // A console/dist as vite.config.mts writes it: the nonce placeholder on the tags.
  const root = mkdtempSync(join(tmpdir(), 'console-dist-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><html><head><meta property="csp-nonce" nonce="__CSP_NONCE__">' +
      '<script type="module" src="/assets/index-AbC123.js" nonce="__CSP_NONCE__"></script></head>' +
      '<body><div id="root"></div></body></html>',
  );
  writeFileSync(join(root, 'assets', 'index-AbC123.js'), 'console.log("console")');
  env = await createTestEnv();
  app = await buildAppWith(env, {}, { console: { root } });
});
afterAll(async () => {
  await app?.close();
  await env?.close();
});

const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];

describe('the console at /', () => {
  it('answers / and every client route with the page, a strict CSP and a nonce of its own', async () => {
    const nonces = new Set<string>();
    for (const url of ['/', '/cases', '/cases/case-123/print', '/admin/users?role=finance']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      const nonce = nonceOf(csp)!;
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(res.body).toContain(`nonce="${nonce}"`);
      expect(res.body).not.toContain('__CSP_NONCE__');
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(4);
  });

  it('serves hashed assets with a year of cache', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age=31536000');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.body).toBe('console.log("console")');
  });

  it('keeps the JSON 404 of the API paths, missing files and unknown methods', async () => {
    for (const url of [
      '/v1/nothing-here',
      '/auth/nothing',
      '/docs/nothing',
      '/healthz/x',
      '/readyz/x',
      '/metrics',
      '/assets/gone-123.js',
      '/favicon.ico',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      expect(res.json().error.code, url).toBe('NOT_FOUND');
    }
    expect((await app.inject({ method: 'POST', url: '/cases' })).statusCode).toBe(404);
  });

  it('leaves the API as it was: /v1 still asks for credentials, /healthz still answers', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/cases' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('is not part of the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths).filter((p) => !/^\/(v1|auth|healthz|readyz)/.test(p))).toEqual([]);
  });
});
