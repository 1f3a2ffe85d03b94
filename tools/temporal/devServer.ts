// Starts a real Temporal dev server (the same one `temporal server start-dev` runs) through
// @temporalio/testing, so one code path serves `npm start`, the tests and machines with internet.
import { readdirSync, readFileSync } from 'node:fs';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TemporalCli } from './provision.js';

export interface DevServerOptions {
  readonly cli: TemporalCli;
  /** Persist to this SQLite file; in memory when absent. */
  readonly dbFilename?: string;
  readonly port?: number;
  readonly uiPort?: number;
  readonly namespace?: string;
}

export interface DevServer {
  readonly address: string;
  readonly namespace: string;
  readonly uiUrl: string | null;
  readonly env: TestWorkflowEnvironment;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  const namespace = options.namespace ?? 'default';
  if (options.dbFilename) killOrphanedServers(options.dbFilename);
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: options.cli.path ? { type: 'existing-path', path: options.cli.path } : { type: 'cached-download' },
      ip: '127.0.0.1',
      namespace,
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.dbFilename ? { dbFilename: options.dbFilename } : {}),
      ...(options.uiPort !== undefined ? { ui: true, uiPort: options.uiPort } : {}),
      log: { format: 'json', level: 'warn' },
    },
  });
  const address = env.address;
  return {
    address,
    namespace,
    uiUrl: options.uiPort !== undefined ? `http://127.0.0.1:${options.uiPort}` : null,
    env,
    stop: () => env.teardown(),
  };
}

/**
 * A launcher killed with SIGKILL cannot stop its dev server, which then keeps the SQLite file
 * and the ports. Before starting on the same file, stop any server still running on it.
 */
export function killOrphanedServers(dbFilename: string): void {
  let entries;
  try {
    entries = readdirSync('/proc', { withFileTypes: true });
  } catch {
    return; // no procfs (not Linux): nothing we can find
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || !/^\d+$/.test(entry.name)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry.name}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const args = cmdline.split('\0');
    if (args.includes('start-dev') && args.includes(dbFilename)) {
      try {
        process.kill(Number(entry.name), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
