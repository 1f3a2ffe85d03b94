// Liveness and readiness, unauthenticated, for load balancers and orchestrators. Liveness says
// only that the process answers (restart it if not); readiness that it can serve: PostgreSQL and
// Temporal answer and a worker polls the cases' task queue (take it out of the load balancer if not).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { ErrorEnvelope } from '../schemas/common.js';
import { workerPollingCheck } from '../services/workerPolling.js';

export interface HealthOptions {
  /** Ready only if a worker polled the task queue within this many seconds; default 120. */
  workerWindowSeconds?: number;
}

const Check = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) });
const Readiness = Type.Object({
  status: Type.Enum(['ready', 'not_ready']),
  checks: Type.Object({ postgres: Check, temporal: Check, worker: Check }),
});

/** The rate limit passes the probes' own URLs; the same URL with a query string counts as any request. */
const { $id: _shared, ...envelopeSchema } = ErrorEnvelope as typeof ErrorEnvelope & { $id: string };
const throttled = {
  ...envelopeSchema,
  description:
    'RATE_LIMITED: only when called with a query string, which probes never send; the bare URL is never throttled',
};

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await check();
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message.slice(0, 200) : 'unreachable' };
  }
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (app, opts) => {
  const workerPolls = workerPollingCheck(app.temporal, { windowSeconds: opts.workerWindowSeconds ?? 120 });

  app.get(
    '/healthz',
    {
      schema: {
        operationId: 'getLiveness',
        tags: ['health'],
        summary: 'liveness',
        security: [],
        response: { 200: Type.Object({ status: Type.Literal('ok') }), 429: throttled },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        operationId: 'getReadiness',
        tags: ['health'],
        summary: 'readiness: PostgreSQL and Temporal answer, and a worker has polled the task queue recently',
        security: [],
        response: { 200: Readiness, 503: Readiness, 429: throttled },
      },
    },
    async (_request, reply) => {
      const [postgres, temporal, worker] = await Promise.all([
        probe(() => sql`SELECT 1`.execute(app.db)),
        probe(() => app.temporal.client.connection.workflowService.getSystemInfo({})),
        workerPolls().catch((err: unknown) => ({
          ok: false,
          error: err instanceof Error ? err.message.slice(0, 200) : 'unreachable',
        })),
      ]);
      const ready = postgres.ok && temporal.ok && worker.ok;
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not_ready', checks: { postgres, temporal, worker } });
    },
  );
};
