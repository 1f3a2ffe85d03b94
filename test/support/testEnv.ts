// Everything one test file needs, isolated from the others: its own database cloned from the
// migrated template, its own task queue on the shared Temporal server, a worker with the real
// activities, and the HTTP app wired to them. Call `await env.close()` in afterAll.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type TelemetryOptions, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Registry } from 'prom-client';
import { inject } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { createActivityMetrics } from '../../activities/metrics.js';
import type { PaymentGateway } from '../../activities/payments/gateway.js';
import type { WebhookConfig } from '../../activities/webhooks/activities.js';
import type { DigestConfig } from '../../activities/digest/activities.js';
import { createManualGateway } from '../../activities/payments/manualGateway.js';
import { type AppOptions, buildApp } from '../../api/app.js';
import { workflowClientInterceptors } from '../../bin/runtime/tracing.js';
import { createCaseWorker } from '../../bin/runtime/worker.js';
import { type Db, createDb } from '../../db/database.js';
import type { Principal } from '../../domain/access.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

export interface TestEnv {
  db: Db;
  /** The file's own database, for a worker in another process. */
  databaseUrl: string;
  client: Client;
  taskQueue: string;
  app: FastifyInstance;
  worker: Worker;
  token(p: Principal, expiresIn?: string): string;
  close(): Promise<void>;
}

export interface TestEnvOptions {
  payments?: PaymentGateway;
  maxCachedWorkflows?: number;
  /** Registers the audit anchoring activity, writing to this file with this key. */
  anchor?: { file: string; key: string };
  /** The process's registry: the app's metrics and the activities' counters, as one process serves them. */
  metrics?: Registry;
  /** The SDK's telemetry, installed with the Runtime by the first createTestEnv of the file. */
  telemetry?: TelemetryOptions;
  readiness?: AppOptions['readiness'];
  /** Serve the built console (the browser tests). */
  console?: AppOptions['console'];
  /** Webhook timeouts and retries (fast ones for the webhook tests). */
  webhooks?: WebhookConfig;
  /** The e-mail digest's SMTP server (a Mailpit of the test). */
  digest?: DigestConfig;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

let runtimeInstalled = false;

export async function createTestEnv(options: TestEnvOptions = {}): Promise<TestEnv> {
  if (!runtimeInstalled) {
    // Worker lifecycle chatter would drown the test output; warnings and errors still show.
    Runtime.install({
      logger: new DefaultLogger('WARN'),
      ...(options.telemetry ? { telemetryOptions: options.telemetry } : {}),
    });
    runtimeInstalled = true;
  }
  const adminUrl = inject('adminDatabaseUrl');
  const template = inject('templateDatabase');
  const database = `${template}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const databaseUrl = withDatabase(adminUrl, database);
  const db = createDb({ connectionString: databaseUrl, maxConnections: 5 });

  const address = inject('temporalAddress');
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, interceptors: { workflow: workflowClientInterceptors() } });
  const nativeConnection = await NativeConnection.connect({ address });
  const taskQueue = `test-${randomUUID()}`;
  const worker = await createCaseWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    activities: createActivities({
      db,
      payments: options.payments ?? createManualGateway(),
      ...(options.anchor ? { anchor: options.anchor } : {}),
      ...(options.webhooks ? { webhooks: options.webhooks } : {}),
      ...(options.digest ? { digest: options.digest } : {}),
      ...(options.metrics ? { metrics: createActivityMetrics(options.metrics) } : {}),
    }),
    workflowBundlePath: inject('workflowBundlePath'),
    ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
  });
  const running = worker.run();

  const app = await buildApp({
    db,
    temporal: { client, taskQueue, ...(options.webhooks ? { webhookRetry: options.webhooks.retry } : {}) },
    auth: { jwtSecret: TEST_JWT_SECRET },
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.readiness ? { readiness: options.readiness } : {}),
    ...(options.console ? { console: options.console } : {}),
  });
  await app.ready();

  return {
    db,
    databaseUrl,
    client,
    taskQueue,
    app,
    worker,
    token: (p, expiresIn = '1h') => app.jwt.sign({ ...p }, { expiresIn }),
    async close() {
      await app.close();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
      await db.destroy();
    },
  };
}
