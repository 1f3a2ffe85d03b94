// The global rate limit: per verified token subject, else per client address, answered with the
// RATE_LIMITED envelope; health probes are never throttled.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { auditor, civilAffairs } from '../support/fixtures.js';
import { TEST_JWT_SECRET, type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let app: FastifyInstance;

beforeAll(async () => {
  env = await createTestEnv();
  app = await buildApp({
    db: env.db,
    temporal: { client: env.client, taskQueue: env.taskQueue },
    auth: { jwtSecret: TEST_JWT_SECRET },
    rateLimit: { max: 3, timeWindow: 60_000 },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await env?.close();
});

const get = (url: string, token?: string) =>
  app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('rate limit', () => {
  it('answers 429 RATE_LIMITED once a caller exceeds the limit, counting each caller apart', async () => {
    const token = env.token(auditor());
    for (let i = 0; i < 3; i++) expect((await get('/v1/subsidy-standards', token)).statusCode).toBe(200);
    const limited = await get('/v1/subsidy-standards', token);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: 'too many requests: slow down and retry later' },
      requestId: expect.any(String),
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another subject has its own allowance, even from the same address.
    expect((await get('/v1/subsidy-standards', env.token(civilAffairs()))).statusCode).toBe(200);
  });

  it('counts requests without a valid token by address, and never throttles health probes', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get('/v1/cases', 'forged.token.value')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    for (let i = 0; i < 5; i++) expect((await get('/healthz')).statusCode).toBe(200);
  });
});
