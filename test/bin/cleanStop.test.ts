// Stopping what `npm start` started: SIGTERM and SIGINT stop intake, drain the worker, then stop
// the Temporal dev server and the embedded PostgreSQL, in that order, and leave nothing running
// and no port held. A port held by another process stops the launcher with a sentence naming the
// port and the holder, instead of running cases on someone else's server.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { descendants, freePortBetween, portHolder } from '../../tools/process/ports.js';

const root = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
const leftovers = new Set<number>();

afterAll(() => {
  // A failed test must not leave servers behind for the next one.
  for (const pid of leftovers) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Ports {
  api: number;
  postgres: number;
  temporal: number;
  ui: number;
}

/**
 * Below the kernel's ephemeral range (32768-60999): a port picked there can be taken, before the
 * launcher binds it, as the source port of any connection the other test files make (CI saw the
 * Web UI's port so taken: "bind: address already in use").
 */
const freeLowPort = () => freePortBetween(20_000, 32_000);

async function freePorts(): Promise<Ports> {
  return {
    api: await freeLowPort(),
    postgres: await freeLowPort(),
    temporal: await freeLowPort(),
    ui: await freeLowPort(),
  };
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'resettlement-launcher-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  dirs.push(dir);
  return dir;
}

interface Launch {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function launch(ports: Ports, dir: string): Launch {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(ports.api),
    LOCAL_POSTGRES_PORT: String(ports.postgres),
    LOCAL_TEMPORAL_PORT: String(ports.temporal),
    LOCAL_TEMPORAL_UI_PORT: String(ports.ui),
    DATA_DIR: dir,
    INITIAL_ADMIN_PASSWORD: 'Launcher-test-2026!',
    LOG_LEVEL: 'warn',
  };
  // The launcher's own services, not the test suite's.
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'METRICS_PORT', 'TEMPORAL_METRICS_PORT', 'NODE_ENV'])
    delete env[name];
  const child = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr.on('data', (c: Buffer) => (text += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => text, exit };
}

async function until(what: string, check: () => boolean, l: Launch, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (l.child.exitCode !== null) throw new Error(`the launcher exited before ${what}:\n${l.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms:\n${l.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Alive and not a zombie waiting to be reaped. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

async function startAndStop(ports: Ports, dir: string, signal: 'SIGTERM' | 'SIGINT') {
  const l = launch(ports, dir);
  await until('ready line', () => l.output().includes('Orphan resettlement engine is running'), l, 240_000);
  const health = await fetch(`http://127.0.0.1:${ports.api}/healthz`);
  expect(health.status).toBe(200);

  const pids = descendants(l.child.pid!);
  for (const pid of pids) leftovers.add(pid);
  const commands = pids.map(commandOf);
  // Its own servers, children of the launcher, on the ports it was given.
  expect(commands.some((c) => c.includes('start-dev') && c.includes(`--port ${ports.temporal}`))).toBe(true);
  expect(commands.some((c) => /\/postgres -D /.test(c))).toBe(true);
  expect(portHolder(ports.temporal)?.pid).toSatisfy((pid: number) => pids.includes(pid));

  const before = l.output().length;
  l.child.kill(signal);
  const exit = await l.exit;
  const stopping = l.output().slice(before);
  expect(exit).toEqual({ code: 0, signal: null });
  // Intake first, the worker drained, the servers last: Temporal, then PostgreSQL.
  const order = ['stopped the API', 'stopped the worker', 'stopped the Temporal dev server', 'stopped PostgreSQL'].map(
    (line) => stopping.indexOf(line),
  );
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(stopping).not.toMatch(/Connection terminated|while stopping/);

  // Nothing left running, no port held.
  await new Promise((r) => setTimeout(r, 200));
  expect(pids.filter(running).map((pid) => `${pid} ${commandOf(pid)}`)).toEqual([]);
  expect(Object.values(ports).map((port) => portHolder(port))).toEqual([null, null, null, null]);
}

describe('npm start', () => {
  it('stops everything it started on SIGTERM, and again on SIGINT after a restart on the same data', async () => {
    const dir = dataDir();
    const ports = await freePorts();
    await startAndStop(ports, dir, 'SIGTERM');
    await startAndStop(ports, dir, 'SIGINT');
  }, 600_000);

  it('refuses a Temporal port held by another process, naming it, and stops what it had started', async () => {
    const dir = dataDir();
    const ports = await freePorts();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(ports.temporal, '127.0.0.1', resolve));
    try {
      const l = launch(ports, dir);
      const exit = await l.exit;
      expect(exit.code).toBe(1);
      expect(l.output()).toContain(
        `port ${ports.temporal} (Temporal frontend) is already in use by pid ${process.pid} (${commandOf(process.pid).trim()})`,
      );
      expect(l.output()).toContain('stopped PostgreSQL');
      expect(l.output()).not.toContain('is running');
      expect(portHolder(ports.postgres)).toBeNull();
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  }, 300_000);
});
