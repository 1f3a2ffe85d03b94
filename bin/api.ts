// Production API server: configured only by the environment.
import { createDb } from '../db/database.js';
import { readConfig } from './runtime/config.js';
import { ensureFirstAdmin } from './runtime/firstAdmin.js';
import { startApi } from './runtime/services.js';
import { startProcessMetrics } from './runtime/telemetry.js';
import { connectClient } from './runtime/temporalConnections.js';

const config = readConfig();
if (!config.databaseUrl || !config.temporalAddress) {
  console.error('the API needs DATABASE_URL and TEMPORAL_ADDRESS (npm start runs everything locally)');
  process.exit(2);
}
const db = createDb({ connectionString: config.databaseUrl, applicationName: 'resettlement-api' });
const { client, connection: clientConnection } = await connectClient(config, config.temporalAddress);
await ensureFirstAdmin(db, config, null);
const metrics = await startProcessMetrics(config);
const { app } = await startApi(config, db, client, metrics.registry);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Stop accepting, finish requests in flight, then close what we opened and leave: a Temporal
    // call still pending (a long poll of an Update whose wait the request gave up) must not keep
    // the process past its grace period (test/bin/serviceStop.test.ts).
    // A keep-alive connection whose request was in flight at the signal goes idle only after its
    // answer, when close() has already swept the idle ones: sweep again until closed.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 250);
    void app
      .close()
      .then(async () => {
        clearInterval(sweep);
        await metrics.close();
        await clientConnection.close();
        await db.destroy();
        process.exit(0);
      })
      .catch((err: unknown) => {
        console.error(`while stopping: ${String(err)}`);
        process.exit(1);
      });
  });
}
