// With REDIS_URL, every API instance counts a caller's requests in one place: two instances behind
// a proxy allow a caller the limit once, not once each. Without it each process counts its own.
// A real redis-server, started here on a free port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { rateLimitRedis } from '../../bin/runtime/services.js';
import { type OwnedChild, spawnOwned } from '../../tools/process/child.js';
import { freePort, listensOn } from '../../tools/process/ports.js';
import { auditor } from '../support/fixtures.js';
import { TEST_JWT_SECRET, type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let redisServer: OwnedChild;
let redisPort: number;
const dir = mkdtempSync(join(tmpdir(), 'resettlement-redis-'));
const apps: FastifyInstance[] = [];

async function startRedis(port: number): Promise<OwnedChild> {
  const child = spawnOwned('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ]);
  for (let i = 0; !listensOn(port, child.pid); i++) {
    if (!child.isRunning() || i > 100) throw new Error(`redis-server did not start:\n${child.recentOutput()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

async function instance(redis?: Redis): Promise<FastifyInstance> {
  const app = await buildApp({
    db: env.db,
    temporal: { client: env.client, taskQueue: env.taskQueue },
    auth: { jwtSecret: TEST_JWT_SECRET },
    rateLimit: { max: 3, timeWindow: 60_000, ...(redis ? { redis } : {}) },
  });
  if (redis) app.addHook('onClose', async () => void redis.disconnect());
  await app.ready();
  apps.push(app);
  return app;
}

beforeAll(async () => {
  env = await createTestEnv();
  redisPort = await freePort();
  redisServer = await startRedis(redisPort);
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await redisServer?.stop('SIGTERM', 5_000);
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (app: FastifyInstance, token: string) =>
  app.inject({ method: 'GET', url: '/v1/subsidy-standards', headers: { authorization: `Bearer ${token}` } });

describe('rate limit across API instances', () => {
  it('with Redis, two instances share one allowance per caller', async () => {
    const url = `redis://127.0.0.1:${redisPort}`;
    const [a, b] = [await instance(rateLimitRedis(url)), await instance(rateLimitRedis(url))];
    const token = env.token({ ...auditor(), sub: 'shared-limit-caller' });
    const statuses = [];
    for (const app of [a, b, a, b, a]) statuses.push((await get(app, token)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await get(b, token);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('without Redis, each instance counts its own', async () => {
    const [a, b] = [await instance(), await instance()];
    const token = env.token({ ...auditor(), sub: 'per-process-caller' });
    const statuses = [];
    for (const app of [a, b, a, b, a, b]) statuses.push((await get(app, token)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect((await get(a, token)).statusCode).toBe(429);
  });

  it('keeps answering when Redis is gone, unthrottled rather than failing', async () => {
    const port = await freePort();
    const server = await startRedis(port);
    const app = await instance(rateLimitRedis(`redis://127.0.0.1:${port}`));
    const token = env.token({ ...auditor(), sub: 'redis-outage-caller' });
    expect((await get(app, token)).statusCode).toBe(200);
    await server.stop('SIGKILL');
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await get(app, token)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });
});
