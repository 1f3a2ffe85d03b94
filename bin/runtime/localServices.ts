// Embedded defaults for a machine with nothing configured: PostgreSQL and a Temporal dev server,
// both persisting under the data directory.
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../tools/postgres/embedded.js';
import type { OwnedChild } from '../../tools/process/child.js';
import { describeHolder, portHolder } from '../../tools/process/ports.js';
import { startTemporalDevServer } from '../../tools/temporal/devServer.js';
import { launchTemporalDevServer } from '../../tools/temporal/launchedDevServer.js';
import { provisionTemporalCli } from '../../tools/temporal/provision.js';
import type { Config } from './config.js';

export const LOCAL_POSTGRES_PORT = 54320;
export const LOCAL_TEMPORAL_PORT = 7233;
export const LOCAL_TEMPORAL_UI_PORT = 8233;

export function localPostgres(config: Config) {
  return startEmbeddedPostgres({
    dataDir: join(config.dataDir, 'postgres'),
    port: Number(process.env.LOCAL_POSTGRES_PORT ?? LOCAL_POSTGRES_PORT),
    database: 'resettlement',
    log: (line) => console.log(line),
  });
}

export interface LocalTemporal {
  readonly address: string;
  readonly uiUrl: string | null;
  /** The server process when the launcher runs it itself (always, unless the CLI had to be downloaded). */
  readonly child: OwnedChild | null;
  stop(): Promise<void>;
}

export async function localTemporal(config: Config): Promise<LocalTemporal> {
  const cli = provisionTemporalCli((line) => console.log(line));
  const port = Number(process.env.LOCAL_TEMPORAL_PORT ?? LOCAL_TEMPORAL_PORT);
  const uiPort = Number(process.env.LOCAL_TEMPORAL_UI_PORT ?? LOCAL_TEMPORAL_UI_PORT);
  const dbFilename = join(config.dataDir, 'temporal.sqlite');
  if (cli.path) {
    const server = await launchTemporalDevServer({
      cliPath: cli.path,
      dbFilename,
      port,
      uiPort,
      namespace: config.temporalNamespace,
    });
    return { address: server.address, uiUrl: server.uiUrl, child: server.child, stop: () => server.stop() };
  }
  // The SDK's downloaded server runs under its own supervision: check the port before it starts.
  const holder = portHolder(port);
  if (holder) throw new Error(describeHolder(port, 'Temporal frontend', holder, 'stop it, or set LOCAL_TEMPORAL_PORT'));
  const server = await startTemporalDevServer({ cli, dbFilename, port, uiPort, namespace: config.temporalNamespace });
  return { address: server.address, uiUrl: server.uiUrl, child: null, stop: () => server.stop() };
}
