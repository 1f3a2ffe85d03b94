// Embedded defaults for a machine with nothing configured: PostgreSQL and a Temporal dev server,
// both persisting under the data directory.
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../tools/postgres/embedded.js';
import { startTemporalDevServer } from '../../tools/temporal/devServer.js';
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

export function localTemporal(config: Config) {
  const cli = provisionTemporalCli((line) => console.log(line));
  return startTemporalDevServer({
    cli,
    dbFilename: join(config.dataDir, 'temporal.sqlite'),
    port: Number(process.env.LOCAL_TEMPORAL_PORT ?? LOCAL_TEMPORAL_PORT),
    uiPort: Number(process.env.LOCAL_TEMPORAL_UI_PORT ?? LOCAL_TEMPORAL_UI_PORT),
    namespace: config.temporalNamespace,
  });
}
