// Starts what the benchmarks measure, the way the tests do (test/support/globalSetup.ts and
// testEnv.ts): a Temporal dev server from the provisioned CLI, a fresh database on DATABASE_URL's
// server, migrated and seeded with the calendar, the case worker with the real activities, the
// API listening on loopback, the fake bank behind the HTTP payment gateway, and a hello-world
// Fastify app in the same process as the baseline for HTTP overhead. close() undoes all of it.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { createActivities } from '../../activities/index.js';
import { createHttpGateway } from '../../activities/payments/httpGateway.js';
import { buildApp } from '../../api/app.js';
import { readConfig } from '../../bin/runtime/config.js';
import { ensureSearchAttributes } from '../../bin/runtime/searchAttributes.js';
import { bundleCaseWorkflows, createCaseWorker } from '../../bin/runtime/worker.js';
import { type Db, createDb } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { loadOfficialCalendar } from '../../db/seedCalendar.js';
import type { Principal } from '../../domain/access.js';
import { type FakeBank, startFakeBank } from '../../tools/fake-bank/fakeBank.js';
import { type DevServer, startTemporalDevServer } from '../../tools/temporal/devServer.js';
import { provisionTemporalCli } from '../../tools/temporal/provision.js';
import { log } from './report.js';

const JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-signing';

export interface BenchServices {
  server: DevServer;
  adminUrl: string;
  databaseUrl: string;
  /** The API's pool; the worker has its own, as the two production processes do. */
  db: Db;
  workerDb: Db;
  connection: Connection;
  client: Client;
  nativeConnection: NativeConnection;
  taskQueue: string;
  worker: Worker;
  /** The case workflow bundle on disk, for workers in child processes. */
  workflowBundlePath: string;
  app: FastifyInstance;
  baseUrl: string;
  hello: FastifyInstance;
  helloUrl: string;
  bank: FakeBank;
  token: (p: Principal) => string;
  close(): Promise<void>;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function startBenchServices(): Promise<BenchServices> {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const stops: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        log(`while stopping: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  try {
    const cli = provisionTemporalCli(log);
    const [server, workflowBundle] = await Promise.all([startTemporalDevServer({ cli }), bundleCaseWorkflows()]);
    stops.push(() => server.stop());

    const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const database = `resettlement_bench_${process.pid}_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    stops.push(async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await a.end();
    });
    const databaseUrl = withDatabase(adminUrl, database);
    const db = createDb({ connectionString: databaseUrl, applicationName: 'bench-api' });
    stops.push(() => db.destroy());
    await migrateToLatest(db);
    await loadOfficialCalendar(db);
    const workerDb = createDb({ connectionString: databaseUrl, applicationName: 'bench-worker' });
    stops.push(() => workerDb.destroy());

    const connection = await Connection.connect({ address: server.address });
    stops.push(() => connection.close());
    await ensureSearchAttributes(connection, server.namespace);
    const client = new Client({ connection, namespace: server.namespace });

    const bank = await startFakeBank();
    stops.push(() => bank.close());

    const nativeConnection = await NativeConnection.connect({ address: server.address });
    stops.push(() => nativeConnection.close());
    const taskQueue = `bench-cases-${randomUUID().slice(0, 8)}`;
    const bundleDir = mkdtempSync(join(tmpdir(), 'resettlement-bench-'));
    stops.push(async () => rmSync(bundleDir, { recursive: true, force: true }));
    const workflowBundlePath = join(bundleDir, 'workflow-bundle.js');
    writeFileSync(workflowBundlePath, workflowBundle);
    const worker = await createCaseWorker({
      connection: nativeConnection,
      namespace: server.namespace,
      taskQueue,
      activities: createActivities({ db: workerDb, payments: createHttpGateway({ baseUrl: bank.url }) }),
      workflowBundlePath,
      // As in production: WORKER_MAX_CACHED_WORKFLOWS, else its default.
      maxCachedWorkflows: readConfig().maxCachedWorkflows,
    });
    const running = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await running;
    });

    // The limiter still runs on every request; its limit (600 a minute per caller) would only
    // measure itself: a benchmark is a few callers sending thousands of requests.
    const app = await buildApp({
      db,
      temporal: { client, taskQueue },
      auth: { jwtSecret: JWT_SECRET, signInRateLimit: { max: 1_000_000_000 } },
      rateLimit: { max: 1_000_000_000 },
    });
    stops.push(() => app.close());
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });

    const hello = Fastify({ logger: false });
    hello.get('/hello', async () => ({ hello: 'world' }));
    stops.push(() => hello.close());
    const helloUrl = await hello.listen({ host: '127.0.0.1', port: 0 });

    return {
      server,
      adminUrl,
      databaseUrl,
      db,
      workerDb,
      connection,
      client,
      nativeConnection,
      taskQueue,
      worker,
      workflowBundlePath,
      app,
      baseUrl,
      hello,
      helloUrl,
      bank,
      token: (p) => app.jwt.sign({ ...p }, { expiresIn: '2h' }),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
