// Production worker: configured only by the environment (DATABASE_URL, TEMPORAL_ADDRESS, ...).
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { createDb } from '../db/database.js';
import { ensureSearchAttributes } from './runtime/searchAttributes.js';
import { readConfig } from './runtime/config.js';
import { connectClient, connectWorker } from './runtime/temporalConnections.js';
import { startAuditAnchoring, startDigestSchedule, startWorker } from './runtime/services.js';
import { sdkTelemetry, startProcessMetrics } from './runtime/telemetry.js';

const config = readConfig();
if (!config.databaseUrl || !config.temporalAddress) {
  console.error('the worker needs DATABASE_URL and TEMPORAL_ADDRESS (npm start runs everything locally)');
  process.exit(2);
}
Runtime.install({ logger: new DefaultLogger(config.logLevel === 'debug' ? 'DEBUG' : 'INFO'), ...sdkTelemetry(config) });
const metrics = await startProcessMetrics(config);
const db = createDb({ connectionString: config.databaseUrl, applicationName: 'resettlement-worker' });
const { client, connection: clientConnection } = await connectClient(config, config.temporalAddress);
await ensureSearchAttributes(clientConnection, config.temporalNamespace).catch((err: unknown) => {
  console.error(`could not check search attributes (create them as the README says): ${String(err)}`);
});
const connection = await connectWorker(config, config.temporalAddress);
const { done } = await startWorker(config, db, connection, metrics.registry);
// The daily anchoring of audit chain heads runs as a workflow; starting it again is harmless.
await startAuditAnchoring(config, client);
await startDigestSchedule(config, client);
// The worker stops itself on SIGINT/SIGTERM, finishing activities in flight.
await done;
await metrics.close();
await connection.close();
await clientConnection.close();
await db.destroy();
