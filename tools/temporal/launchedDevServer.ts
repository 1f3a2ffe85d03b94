// The launcher's Temporal dev server: the CLI's `temporal server start-dev`, run as a child process
// the launcher owns. It refuses to start when a port it needs is held by another process (naming
// that process), and it is ready only when its own child listens on the frontend port: a server
// of another checkout on the same port is never mistaken for ours.
import { setTimeout as sleep } from 'node:timers/promises';
import { type OwnedChild, spawnOwned } from '../process/child.js';
import { describeHolder, listensOn, portHolder } from '../process/ports.js';
import { killOrphanedServers } from './devServer.js';

export interface LaunchedDevServerOptions {
  readonly cliPath: string;
  /** SQLite file the server persists to. */
  readonly dbFilename: string;
  readonly port: number;
  readonly uiPort: number;
  readonly namespace: string;
  readonly readyTimeoutMs?: number;
}

export interface LaunchedDevServer {
  readonly address: string;
  readonly uiUrl: string;
  readonly child: OwnedChild;
  stop(): Promise<void>;
}

export async function launchTemporalDevServer(o: LaunchedDevServerOptions): Promise<LaunchedDevServer> {
  // Ours from an earlier launcher killed with SIGKILL (same data file): safe to stop.
  killOrphanedServers(o.dbFilename);
  await sleep(0);
  for (const [port, what, variable] of [
    [o.port, 'Temporal frontend', 'LOCAL_TEMPORAL_PORT'],
    [o.uiPort, 'Temporal Web UI', 'LOCAL_TEMPORAL_UI_PORT'],
  ] as const) {
    const holder = portHolder(port);
    if (holder) {
      throw new Error(
        describeHolder(
          port,
          what,
          holder,
          `stop it, or choose another port with ${variable}, or set TEMPORAL_ADDRESS to use a server you run yourself`,
        ),
      );
    }
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(o.port), '--ui-port', String(o.uiPort)];
  args.push('--db-filename', o.dbFilename, '--log-format', 'json', '--log-level', 'warn');
  if (o.namespace !== 'default') args.push('--namespace', o.namespace);
  const child = spawnOwned(o.cliPath, args);

  const deadline = Date.now() + (o.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (!child.isRunning()) {
      const how = await child.exited;
      throw new Error(`the Temporal dev server ${how} while starting:\n${child.recentOutput()}`);
    }
    if (listensOn(o.port, child.pid)) break;
    if (Date.now() > deadline) {
      await child.stop('SIGKILL');
      throw new Error(
        `the Temporal dev server did not listen on port ${o.port} within its time:\n${child.recentOutput()}`,
      );
    }
    await sleep(100);
  }
  return {
    address: `127.0.0.1:${o.port}`,
    uiUrl: `http://127.0.0.1:${o.uiPort}`,
    child,
    stop: () => child.stop('SIGTERM', 15_000),
  };
}
