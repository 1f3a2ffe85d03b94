// A production-shaped topology on one machine: a PostgreSQL server of its own (Temporal's
// persistence and visibility, and the product's database), Redis for the shared rate limit, the
// Temporal server v1.29.1 as four processes (history, matching, frontend, worker; 4 history
// shards), the namespace and the case search attributes, then 2 API and 2 worker processes of the
// product started by `npm run start:api` / `start:worker`, configured only by the environment.
// Used by `npm run cluster:up` (which lets the processes outlive it) and by `npm run test:cluster`
// (which kills and restarts them).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import proto from '@temporalio/proto';
import pg from 'pg';
import { ensureSearchAttributes } from '../../bin/runtime/searchAttributes.js';
import { CASE_TASK_QUEUE } from '../../workflows/case/definitions.js';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../postgres/embedded.js';
import { type OwnedChild, alive, spawnOwned } from '../process/child.js';
import { descendants, freePort, freePortBetween, listensOn } from '../process/ports.js';
import { provisionServerBinaries } from './binaries.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Where the server configuration lives (run from the sources, by tsx). */
const CLUSTER_TOOLS = join(REPO_ROOT, 'tools', 'cluster');
export const CLUSTER_NAMESPACE = 'resettlement';
export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

export interface ClusterOptions {
  /** Where its data and logs live (`.data/cluster` for cluster:up). */
  readonly dir: string;
  readonly log?: (line: string) => void;
  readonly apis?: number;
  readonly workers?: number;
  /** `npm run build` first (the product processes run dist/). Default true. */
  readonly build?: boolean;
  /** Extra environment for the product's processes (PAYMENT_GATEWAY, RATE_LIMIT_PER_MINUTE, ...). */
  readonly productEnv?: Record<string, string>;
}

/** One process of the topology, restartable on the same ports and environment. */
export interface ClusterProcess {
  readonly name: string;
  /** The running incarnation (the last one started). */
  child(): OwnedChild;
  /** The pid of its running incarnation (PostgreSQL's postmaster, which is not an OwnedChild). */
  pid(): number;
  start(): Promise<void>;
  /** SIGTERM (SIGINT for PostgreSQL), waiting for the exit. */
  stop(): Promise<void>;
  /** SIGKILL of its whole process group, waiting for the exit. */
  kill(): Promise<void>;
}

export interface ClusterPorts {
  postgres: number;
  redis: number;
  temporal: Record<TemporalService, { grpc: number; membership: number; metrics: number }>;
  frontendHttp: number;
  apis: number[];
}

export interface Cluster {
  readonly dir: string;
  readonly ports: ClusterPorts;
  readonly databaseUrl: string;
  readonly temporalAddress: string;
  readonly namespace: string;
  readonly apiUrls: string[];
  readonly jwtSecret: string;
  readonly postgres: ClusterProcess;
  readonly redis: ClusterProcess;
  readonly temporal: Record<TemporalService, ClusterProcess>;
  readonly apis: ClusterProcess[];
  readonly workers: ClusterProcess[];
  /** Every process in the order to stop them: intake first, PostgreSQL last. */
  stopOrder(): ClusterProcess[];
  stop(): Promise<void>;
  /** Lets every process outlive this one (cluster:up). */
  release(): void;
}

interface Secrets {
  jwtSecret: string;
  auditAnchorKey: string;
  /** SEARCH_HASH_KEY: production refuses to start without it. */
  searchHashKey: string;
}

/** The topology's secrets, made once per directory; one missing from an older directory is added. */
function secrets(dir: string): Secrets {
  const file = join(dir, 'secrets.json');
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>) : {};
  const fresh = () => randomBytes(32).toString('base64url');
  const s: Secrets = {
    jwtSecret: kept.jwtSecret ?? fresh(),
    auditAnchorKey: kept.auditAnchorKey ?? fresh(),
    searchHashKey: kept.searchHashKey ?? fresh(),
  };
  writeFileSync(file, JSON.stringify(s), { mode: 0o600 });
  return s;
}

async function allocatePorts(apis: number): Promise<ClusterPorts> {
  const temporal = {} as ClusterPorts['temporal'];
  for (const s of TEMPORAL_SERVICES)
    // Membership ports are stored as a smallint: below 32768, under the kernel's ephemeral range.
    temporal[s] = {
      grpc: await freePort(),
      membership: await freePortBetween(20_000, 32_000),
      metrics: await freePort(),
    };
  const apiPorts: number[] = [];
  for (let i = 0; i < apis; i++) apiPorts.push(await freePort());
  return {
    postgres: await freePort(),
    redis: await freePort(),
    temporal,
    frontendHttp: await freePort(),
    apis: apiPorts,
  };
}

async function until(what: string, check: () => Promise<boolean> | boolean, child?: OwnedChild, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child && !child.isRunning())
      throw new Error(`${what}: the process ${await child.exited}\n${child.recentOutput()}`);
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s\n${child?.recentOutput() ?? ''}`);
    await sleep(250);
  }
}

function processOf(
  name: string,
  spawnIt: () => OwnedChild,
  ready: (c: OwnedChild) => Promise<void>,
  stopSignal: NodeJS.Signals = 'SIGTERM',
): ClusterProcess {
  let current: OwnedChild | null = null;
  return {
    name,
    child: () => {
      if (!current) throw new Error(`${name} was never started`);
      return current;
    },
    pid() {
      return this.child().pid;
    },
    async start() {
      if (current?.isRunning()) throw new Error(`${name} is already running`);
      current = spawnIt();
      await ready(current);
    },
    async stop() {
      await current?.stop(stopSignal, 30_000);
    },
    async kill() {
      if (!current) return;
      const group = [current.pid, ...descendants(current.pid)];
      // npm's node child is in the same process group: the group's SIGKILL takes it too.
      await current.stop('SIGKILL', 0);
      await until(`${name} gone`, () => !group.some(alive));
    },
  };
}

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const log = o.log ?? (() => {});
  const dir = resolve(o.dir);
  const logs = join(dir, 'logs');
  mkdirSync(logs, { recursive: true });
  const binaries = provisionServerBinaries(log);
  const ports = await allocatePorts(o.apis ?? 2);
  const { jwtSecret, auditAnchorKey, searchHashKey } = secrets(dir);
  const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${ports.postgres}/resettlement`;
  const temporalAddress = `127.0.0.1:${ports.temporal.frontend.grpc}`;
  const redisUrl = `redis://127.0.0.1:${ports.redis}`;
  const started: ClusterProcess[] = [];

  // PostgreSQL: a server of the topology's own, so that restarting it touches nobody else's tests.
  let pgHandle: EmbeddedPostgresHandle | null = null;
  const postgres: ClusterProcess = {
    name: 'postgres',
    child: () => {
      throw new Error('postgres is not an OwnedChild');
    },
    pid: () => {
      if (!pgHandle) throw new Error('postgres was never started');
      return pgHandle.pid;
    },
    async start() {
      pgHandle = await startEmbeddedPostgres({
        dataDir: join(dir, 'postgres'),
        port: ports.postgres,
        database: 'resettlement',
        logFile: join(logs, 'postgres.log'),
      });
    },
    stop: async () => pgHandle?.stop(),
    kill: async () => {
      if (pgHandle) process.kill(pgHandle.pid, 'SIGKILL');
    },
  };
  const redis = processOf(
    'redis',
    () =>
      spawnOwned(
        'redis-server',
        ['--port', String(ports.redis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
        { logFile: join(logs, 'redis.log') },
      ),
    (c) => until('redis', () => listensOn(ports.redis, c.pid), c),
  );

  const stopAll = async () => {
    for (const p of [...started].reverse()) await p.stop().catch(() => {});
  };
  try {
    log(`PostgreSQL on ${ports.postgres}, Redis on ${ports.redis}`);
    await postgres.start();
    started.push(postgres);
    await redis.start();
    started.push(redis);
    await setUpTemporalSchemas(binaries.sql, ports.postgres, log);

    const temporalEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      TEMPORAL_PG_PORT: String(ports.postgres),
      TEMPORAL_DB: 'temporal',
      TEMPORAL_VISIBILITY_DB: 'temporal_visibility',
      TEMPORAL_DYNAMIC_CONFIG: join(CLUSTER_TOOLS, 'config', 'dynamicconfig', 'development-sql.yaml'),
      FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    };
    for (const s of TEMPORAL_SERVICES) {
      temporalEnv[`${s.toUpperCase()}_GRPC_PORT`] = String(ports.temporal[s].grpc);
      temporalEnv[`${s.toUpperCase()}_MEMBERSHIP_PORT`] = String(ports.temporal[s].membership);
    }
    const temporal = {} as Record<TemporalService, ClusterProcess>;
    for (const s of TEMPORAL_SERVICES) {
      temporal[s] = processOf(
        `temporal-${s}`,
        () =>
          spawnOwned(
            binaries.server,
            [
              '--root',
              CLUSTER_TOOLS,
              '--config',
              'config',
              '--env',
              'development-postgres12',
              '--allow-no-auth',
            ].concat(['start', '--service', s]),
            {
              env: { ...temporalEnv, TEMPORAL_METRICS_PORT: String(ports.temporal[s].metrics) },
              logFile: join(logs, `temporal-${s}.log`),
            },
          ),
        // The worker service serves no gRPC: it is up once it listens for membership.
        (c) =>
          until(`temporal ${s}`, () => listensOn(ports.temporal[s][s === 'worker' ? 'membership' : 'grpc'], c.pid), c),
      );
    }
    // The worker service talks to the frontend; the others find each other through membership.
    for (const s of TEMPORAL_SERVICES) {
      log(`Temporal ${s} on ${ports.temporal[s].grpc} (metrics ${ports.temporal[s].metrics})`);
      await temporal[s].start();
      started.push(temporal[s]);
    }
    await registerNamespace(temporalAddress, log);

    if (o.build !== false) {
      log('npm run build ...');
      execFileSync('npm', ['run', '-s', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const productEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: CLUSTER_NAMESPACE,
      JWT_SECRET: jwtSecret,
      AUDIT_ANCHOR_KEY: auditAnchorKey,
      SEARCH_HASH_KEY: searchHashKey,
      AUDIT_ANCHOR_FILE: join(dir, 'audit-anchors.ndjson'),
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'warn',
      ...o.productEnv,
    };
    log('npm run db:migrate ...');
    execFileSync('npm', ['run', '-s', 'db:migrate'], {
      cwd: REPO_ROOT,
      env: productEnv,
      stdio: ['ignore', 'ignore', 'inherit'],
    });

    const workers = Array.from({ length: o.workers ?? 2 }, (_, i) =>
      processOf(
        `worker-${i + 1}`,
        () =>
          spawnOwned('npm', ['run', '-s', 'start:worker'], {
            cwd: REPO_ROOT,
            env: productEnv,
            logFile: join(logs, `worker-${i + 1}.log`),
          }),
        (c) => until(`worker ${i + 1}`, () => polls(temporalAddress, c.pid), c),
      ),
    );
    const apis = ports.apis.map((port, i) =>
      processOf(
        `api-${i + 1}`,
        () =>
          spawnOwned('npm', ['run', '-s', 'start:api'], {
            cwd: REPO_ROOT,
            env: { ...productEnv, PORT: String(port) },
            logFile: join(logs, `api-${i + 1}.log`),
          }),
        // Its own node process listens (never a predecessor that outlived a kill) and answers.
        (c) =>
          until(
            `api ${i + 1}`,
            async () => listensOn(port, c.pid) && (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200,
            c,
          ),
      ),
    );
    for (const w of workers) {
      await w.start();
      started.push(w);
    }
    for (const [i, a] of apis.entries()) {
      log(`API ${i + 1} on http://127.0.0.1:${ports.apis[i]}`);
      await a.start();
      started.push(a);
    }
    const stopOrder = () => [
      ...apis,
      ...workers,
      temporal.frontend,
      temporal.worker,
      temporal.matching,
      temporal.history,
      redis,
      postgres,
    ];
    return {
      dir,
      ports,
      databaseUrl,
      temporalAddress,
      namespace: CLUSTER_NAMESPACE,
      apiUrls: ports.apis.map((p) => `http://127.0.0.1:${p}`),
      jwtSecret,
      postgres,
      redis,
      temporal,
      apis,
      workers,
      stopOrder,
      async stop() {
        for (const p of stopOrder()) await p.stop();
      },
      release() {
        for (const p of stopOrder()) {
          if (p === postgres) pgHandle?.release();
          else p.child().release();
        }
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Temporal's two databases, created and brought to the newest schema by its own tool. */
async function setUpTemporalSchemas(sqlTool: string, port: number, log: (line: string) => void): Promise<void> {
  const admin = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  const existing = new Set(
    (await admin.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map((r) => r.datname),
  );
  await admin.end();
  const base = [
    '--plugin',
    'postgres12',
    '--ep',
    '127.0.0.1',
    '-p',
    String(port),
    '-u',
    'postgres',
    '--pw',
    'postgres',
  ];
  for (const [db, schema] of [
    ['temporal', 'postgresql/v12/temporal'],
    ['temporal_visibility', 'postgresql/v12/visibility'],
  ] as const) {
    const run = (...args: string[]) =>
      execFileSync(sqlTool, [...base, '--db', db, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    if (!existing.has(db)) {
      log(`creating ${db} and its schema`);
      run('create-database');
      run('setup-schema', '-v', '0.0');
    }
    run('update-schema', '--schema-name', schema);
  }
}

async function registerNamespace(address: string, log: (line: string) => void): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await until('the frontend', async () => {
      await connection.workflowService.getSystemInfo({});
      return true;
    });
    try {
      await connection.workflowService.registerNamespace({
        namespace: CLUSTER_NAMESPACE,
        workflowExecutionRetentionPeriod: msToTs('30 days'),
      });
      log(`namespace ${CLUSTER_NAMESPACE} registered`);
    } catch (err) {
      if (!String(err).includes('already')) throw err;
    }
    // The frontend's namespace cache refreshes every few seconds: until then, calls say NotFound.
    await until('the namespace and its search attributes', async () => {
      await ensureSearchAttributes(connection, CLUSTER_NAMESPACE);
      await connection.workflowService.describeNamespace({ namespace: CLUSTER_NAMESPACE });
      return true;
    });
  } finally {
    await connection.close();
  }
}

/** Does a worker process below `pid` poll the case task queue (its identity is pid@host)? */
async function polls(address: string, pid: number): Promise<boolean> {
  const identities = new Set([pid, ...descendants(pid)].map((p) => `${p}@${hostname()}`));
  const connection = await Connection.connect({ address });
  try {
    const res = await connection.workflowService.describeTaskQueue({
      namespace: CLUSTER_NAMESPACE,
      taskQueue: { name: CASE_TASK_QUEUE },
      taskQueueType: proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    return (res.pollers ?? []).some((p) => identities.has(p.identity ?? ''));
  } finally {
    await connection.close();
  }
}
