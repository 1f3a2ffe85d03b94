// /readyz says whether this API can serve: PostgreSQL and Temporal answer, and a worker polls the
// cases' task queue (else every action would wait on an Update nobody runs). /healthz says only
// that the process answers.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppOptions, buildApp } from '../../api/app.js';
import { eventually } from '../support/caseApi.js';
import { TEST_JWT_SECRET, type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await env?.close();
});

/** Another API on the same services, watching `taskQueue`. */
async function apiFor(taskQueue: string, readiness?: AppOptions['readiness']): Promise<FastifyInstance> {
  const app = await buildApp({
    db: env.db,
    temporal: { client: env.client, taskQueue },
    auth: { jwtSecret: TEST_JWT_SECRET },
    ...(readiness ? { readiness } : {}),
  });
  apps.push(app);
  return app;
}

const readyz = async (app: FastifyInstance) => {
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  return { status: res.statusCode, body: res.json() };
};

describe('readiness', () => {
  it('is ready when a worker polls the task queue', async () => {
    const ready = await eventually(
      () => readyz(env.app),
      (r) => r.status === 200,
    );
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { postgres: { ok: true }, temporal: { ok: true }, worker: { ok: true } },
    });
  });

  it('is not ready when no worker polls the task queue, though PostgreSQL and Temporal answer', async () => {
    const queue = `nobody-${randomUUID()}`;
    const answer = await readyz(await apiFor(queue));
    expect(answer.status).toBe(503);
    expect(answer.body.status).toBe('not_ready');
    expect(answer.body.checks.postgres).toEqual({ ok: true });
    expect(answer.body.checks.temporal).toEqual({ ok: true });
    expect(answer.body.checks.worker).toEqual({ ok: false, error: `no worker polls task queue ${queue}` });
    // Liveness does not depend on any of it.
    const live = await apiFor(queue).then((app) => app.inject({ method: 'GET', url: '/healthz' }));
    expect(live.statusCode).toBe(200);
  });

  it('asks Temporal at most once every few seconds, however often it is probed', async () => {
    const service = env.client.workflowService;
    const original = service.describeTaskQueue.bind(service);
    let calls = 0;
    service.describeTaskQueue = ((...args: Parameters<typeof original>) => {
      calls += 1;
      return original(...args);
    }) as typeof service.describeTaskQueue;
    try {
      const app = await apiFor(env.taskQueue);
      const answers = await Promise.all(Array.from({ length: 5 }, () => readyz(app)));
      answers.push(await readyz(app));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(calls).toBe(1);
    } finally {
      service.describeTaskQueue = original;
    }
  });

  it('is not ready once the only worker has not polled for longer than the window', async () => {
    env.worker.shutdown();
    await eventually(
      async () => env.worker.getState(),
      (state) => state === 'STOPPED',
    );
    // The server still lists the stopped worker as a poller: what counts is when it last polled.
    await new Promise((r) => setTimeout(r, 2500));
    const answer = await readyz(await apiFor(env.taskQueue, { workerWindowSeconds: 2 }));
    expect(answer.status).toBe(503);
    expect(answer.body.checks.worker.error).toMatch(
      new RegExp(`^no worker has polled task queue ${env.taskQueue} for \\d+ s \\(window 2 s\\)$`),
    );
  });
});
