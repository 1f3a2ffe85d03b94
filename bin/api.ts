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
    // Stop accepting, finish requests in flight, then close what we opened.
    void app.close().then(async () => {
      await metrics.close();
      await clientConnection.close();
      await db.destroy();
    });
  });
}
