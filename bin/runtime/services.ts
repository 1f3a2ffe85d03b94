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
import { paymentGateway } from './paymentGateway.js';
import { createCaseWorker } from './worker.js';
import { fileURLToPath } from 'node:url';

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

export async function startApi(
  config: Config,
  db: Db,
  client: Client,
  metrics?: Registry,
): Promise<{ app: FastifyInstance; url: string }> {
  const anchorKey = auditAnchorKey(config);
  const app = await buildApp({
    db,
    temporal: { client, taskQueue: config.taskQueue },
    auth: authOptions(config),
    rateLimit: { max: config.rateLimitPerMinute, timeWindow: '1 minute' },
    readiness: { workerWindowSeconds: config.readyWorkerWindowSeconds },
    ...(metrics ? { metrics } : {}),
    trustProxy: config.accounts.trustProxy,
    anchorOf: async (chainId) =>
      (await readLatestAnchors(config.auditAnchorFile, anchorKey)).anchors.get(chainId) ?? null,
    // Requests are logged by method, route and status: never a body, and URLs carry no personal data.
    logger: apiLoggerOptions(config.logLevel),
  });
  const url = await app.listen({ host: config.host, port: config.port });
  return { app, url };
}
