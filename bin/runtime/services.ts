// The two long-running services, shared by the production entry points (one service each) and
// the dev launcher (both in one process).
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { readLatestAnchors } from '../../activities/auditAnchors.js';
import { createActivities } from '../../activities/index.js';
import { createActivityMetrics } from '../../activities/metrics.js';
import { buildApp } from '../../api/app.js';
import { apiLoggerOptions } from '../../api/logging.js';
import type { Db } from '../../db/database.js';
import type { auditAnchorWorkflow } from '../../workflows/audit/anchorWorkflow.js';
import { type Config, auditAnchorKey, authOptions } from './config.js';
import { builtConsole } from './consoleFiles.js';
import { ensureDigestSchedule } from './digestSchedule.js';
import { paymentGateway } from './paymentGateway.js';
import { createCaseWorker } from './worker.js';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';

/** Written by `npm run build`; absent when running from source. */
const BUNDLE = fileURLToPath(new URL('../../workflow-bundle.js', import.meta.url));

export async function startWorker(
  config: Config,
  db: Db,
  connection: NativeConnection,
  metrics?: Registry,
): Promise<{ worker: Worker; done: Promise<void> }> {
  const worker = await createCaseWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    activities: createActivities({
      db,
      payments: paymentGateway(config),
      anchor: { file: config.auditAnchorFile, key: auditAnchorKey(config) },
      webhooks: config.webhooks,
      digest: config.digest,
      ...(metrics ? { metrics: createActivityMetrics(metrics) } : {}),
    }),
    workflowBundlePath: BUNDLE,
    maxCachedWorkflows: config.maxCachedWorkflows,
  });
  return { worker, done: worker.run() };
}

/** The one anchoring workflow of the deployment; already running (another process started it) is fine. */
export async function startAuditAnchoring(config: Config, client: Client): Promise<void> {
  try {
    await client.workflow.start<typeof auditAnchorWorkflow>('auditAnchorWorkflow', {
      workflowId: 'audit-anchor',
      taskQueue: config.taskQueue,
      args: [{ intervalSeconds: config.auditAnchorIntervalSeconds }],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** The daily e-mail digest's Schedule, matched to this worker's configuration (paused without SMTP_URL). */
export async function startDigestSchedule(config: Config, client: Client): Promise<void> {
  const outcome = await ensureDigestSchedule(client, {
    cron: config.digest.cron,
    taskQueue: config.taskQueue,
    enabled: config.digest.smtpUrl !== null,
  }).catch((err: unknown) => {
    // The worker still runs every case; the next worker start tries again.
    console.error(`e-mail digest: could not create or update its schedule: ${String(err)}`);
    return 'absent' as const;
  });
  if (outcome === 'paused') console.error('e-mail digest: SMTP_URL is not set, its schedule is paused');
  else if (outcome !== 'absent')
    console.error(`e-mail digest: schedule ${outcome} (${config.digest.cron}, Asia/Shanghai)`);
}

export async function startApi(
  config: Config,
  db: Db,
  client: Client,
  metrics?: Registry,
): Promise<{ app: FastifyInstance; url: string }> {
  const anchorKey = auditAnchorKey(config);
  const redis = config.redisUrl ? rateLimitRedis(config.redisUrl) : undefined;
  const consoleFiles = builtConsole();
  // Without it the API works as before; the entry points say how to build it.
  if (!consoleFiles) console.error('the web console is not built (npm run build): / answers 404');
  const app = await buildApp({
    ...(consoleFiles ? { console: consoleFiles } : {}),
    db,
    temporal: { client, taskQueue: config.taskQueue, webhookRetry: config.webhooks.retry },
    auth: authOptions(config),
    rateLimit: { max: config.rateLimitPerMinute, timeWindow: '1 minute', ...(redis ? { redis } : {}) },
    readiness: { workerWindowSeconds: config.readyWorkerWindowSeconds },
    ...(metrics ? { metrics } : {}),
    trustProxy: config.accounts.trustProxy,
    anchorOf: async (chainId) =>
      (await readLatestAnchors(config.auditAnchorFile, anchorKey)).anchors.get(chainId) ?? null,
    // Requests are logged by method, route and status: never a body, and URLs carry no personal data.
    logger: apiLoggerOptions(config.logLevel),
  });
  if (redis) app.addHook('onClose', async () => void (await redis.quit()));
  const url = await app.listen({ host: config.host, port: config.port });
  return { app, url };
}

/**
 * The rate limit's Redis connection: short timeouts and one retry, as @fastify/rate-limit
 * advises, so that a Redis outage costs each request half a second at most (and is then skipped).
 */
export function rateLimitRedis(url: string): Redis {
  const redis = new Redis(url, {
    connectTimeout: 500,
    maxRetriesPerRequest: 1,
    connectionName: 'resettlement-rate-limit',
  });
  // It reconnects by itself; say so once a minute at most rather than on every attempt.
  let said = 0;
  redis.on('error', (err: Error) => {
    if (Date.now() - said < 60_000) return;
    said = Date.now();
    console.error(`rate limit: Redis unavailable, requests pass unthrottled until it is back (${err.message})`);
  });
  return redis;
}
