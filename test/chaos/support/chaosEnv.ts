// Everything one chaos file needs: its own database, the HTTP app built in this process (no
// worker here), the worker as a child process it can kill, the fake bank behind a gate, and the
// records the privacy scan and the summary need (every URL sent, every person registered, logs).
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../../api/app.js';
import { apiLoggerOptions } from '../../../api/logging.js';
import { type Db, createDb } from '../../../db/database.js';
import type { Database } from '../../../db/schema.js';
import type { Principal } from '../../../domain/access.js';
import { type FakeBank, startFakeBank } from '../../../tools/fake-bank/fakeBank.js';
import { TEST_JWT_SECRET } from '../../support/testEnv.js';
import { type BankGate, startBankGate } from './bankGate.js';
import { Counts } from './counts.js';
import { Registry } from './people.js';
import { type WorkerChild, startWorkerChild } from './workerChild.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by the full chaos suite's global setup; absent in the fast subset of `npm test`. */
    chaosArtifactsDir?: string;
  }
}

/** A parsed JSON answer: tests read it field by field, as they do `res.json()`. */
export type Json = ReturnType<typeof JSON.parse>;

export interface Reply {
  status: number;
  body: string;
  json(): Json;
}

export interface ChaosEnv {
  name: string;
  dir: string;
  db: Db;
  databaseUrl: string;
  client: Client;
  connection: Connection;
  taskQueue: string;
  app: FastifyInstance;
  bank: FakeBank;
  gate: BankGate;
  registry: Registry;
  counts: Counts;
  /** Every URL this file sent to the API. */
  urls: string[];
  worker: WorkerChild;
  startWorker(): Promise<WorkerChild>;
  token(p: Principal, expiresIn?: string): string;
  call(
    p: Principal | null,
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply>;
  close(): Promise<void>;
}

export interface ChaosEnvOptions {
  name: string;
  /** Admin URL of the server to create the database on, and how: from the tests' template, or migrated here. */
  database?: { adminUrl: string; prepare: (url: string) => Promise<void> };
  temporalAddress?: string;
  paymentTimeoutMs?: number;
  /** Requests per caller per minute; the fuzzer lifts it so that it reaches the routes. */
  rateLimitMax?: number;
  /**
   * The API's pool listens for errors on checked-out clients too, so this process survives a
   * PostgreSQL restart; db/database.ts does not yet (knownDefects.chaos.ts), and the restarts
   * test is about what clients see, not about that crash.
   */
  survivePostgresRestart?: boolean;
  /** More environment for the worker child (SMTP_URL, MAIL_FROM, CONSOLE_URL for the e-mail digest). */
  workerEnv?: Record<string, string>;
}

/** Like createDb, with an error listener on every client, idle or checked out. */
function restartProofDb(connectionString: string): Db {
  const pool = new pg.Pool({ connectionString, max: 10, application_name: 'chaos-api' });
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** The notifications table's text, one JSON line each, for the privacy scan (best effort: a file may have stopped PostgreSQL). */
async function writeNotifications(db: Db, file: string): Promise<void> {
  try {
    const rows = await db
      .selectFrom('notifications')
      .select(['notification_id', 'kind', 'message', 'details'])
      .execute();
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  } catch {
    // the database is gone; the file's other records still are scanned
  }
}

export function artifactsDir(): string {
  const shared = inject('chaosArtifactsDir');
  if (shared) return shared;
  return mkdtempSync(join(tmpdir(), 'chaos-fast-'));
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function createDatabase(options: ChaosEnvOptions): Promise<string> {
  const adminUrl = options.database?.adminUrl ?? inject('adminDatabaseUrl');
  const template = inject('templateDatabase');
  const database = `chaos_${options.name.replace(/\W/g, '_')}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(
      options.database ? `CREATE DATABASE ${database}` : `CREATE DATABASE ${database} TEMPLATE ${template}`,
    );
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, database);
  if (options.database) await options.database.prepare(url);
  return url;
}

export async function createChaosEnv(options: ChaosEnvOptions): Promise<ChaosEnv> {
  const dir = artifactsDir();
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const databaseUrl = await createDatabase(options);
  const db = options.survivePostgresRestart
    ? restartProofDb(databaseUrl)
    : createDb({ connectionString: databaseUrl, maxConnections: 10, onIdleError: () => {} });
  const address = options.temporalAddress ?? inject('temporalAddress');
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const taskQueue = `chaos-${options.name}-${randomUUID()}`;
  const bank = await startFakeBank();
  const gate = await startBankGate(bank.url);
  const apiLog = createWriteStream(join(dir, 'logs', `api-${options.name}-${process.pid}.log`), { flags: 'a' });
  const app = await buildApp({
    db,
    temporal: { client, taskQueue },
    // The per-address sign-in limit lifted like the general one, so that the fuzzer reaches the route.
    auth: { jwtSecret: TEST_JWT_SECRET, signInRateLimit: { max: options.rateLimitMax ?? 100_000 } },
    // As production logs: every request by method, URL and status, never a header that authenticates.
    logger: apiLoggerOptions('info', apiLog),
    rateLimit: { max: options.rateLimitMax ?? 100_000 },
  });
  await app.ready();
  const registry = new Registry(inject('chaosArtifactsDir') ? join(dir, 'people.ndjson') : null);
  const counts = new Counts(inject('chaosArtifactsDir') ? join(dir, `counts-${options.name}.json`) : null);
  const urls: string[] = [];
  const bundlePath = inject('workflowBundlePath');
  const workerLog = join(dir, 'logs', `worker-${options.name}-${process.pid}.log`);

  const startWorker = () =>
    startWorkerChild({
      databaseUrl,
      temporalAddress: address,
      taskQueue,
      paymentServiceUrl: gate.url,
      bundlePath,
      logFile: workerLog,
      paymentTimeoutMs: options.paymentTimeoutMs ?? 1000,
      ...(options.workerEnv ? { env: options.workerEnv } : {}),
    });

  const env: ChaosEnv = {
    name: options.name,
    dir,
    db,
    databaseUrl,
    client,
    connection,
    taskQueue,
    app,
    bank,
    gate,
    registry,
    counts,
    urls,
    worker: await startWorker(),
    async startWorker() {
      env.worker = await startWorker();
      return env.worker;
    },
    token: (p, expiresIn = '1h') => app.jwt.sign({ ...p }, { expiresIn }),
    async call(p, method, url, body, headers = {}) {
      urls.push(url);
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: { ...(p ? { authorization: `Bearer ${env.token(p)}` } : {}), ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      return { status: res.statusCode, body: res.body, json: () => JSON.parse(res.body) };
    },
    async close() {
      writeFileSync(join(dir, `urls-${options.name}-${process.pid}.txt`), urls.join('\n'));
      await writeNotifications(db, join(dir, `notifications-${options.name}-${process.pid}.txt`));
      counts.flush();
      await env.worker.kill();
      await app.close();
      await new Promise<void>((resolve) => apiLog.end(resolve));
      await gate.close();
      await bank.close();
      await connection.close();
      await db.destroy();
      // The fast subset's files are scanned by their own test; the full suite keeps its directory.
      if (!inject('chaosArtifactsDir')) rmSync(dir, { recursive: true, force: true });
    },
  };
  return env;
}
