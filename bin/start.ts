// `npm start`: the whole system on one machine. Embedded PostgreSQL and a Temporal dev server
// (both persisting under ./.data) unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere; then
// migrations, the worker and the API. Ctrl-C or SIGTERM stops everything it started.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadOfficialCalendar } from '../db/seedCalendar.js';
import { ensureConsoleBuilt } from '../tools/console/build.js';
import { readConfig } from './runtime/config.js';
import { ensureFirstAdmin } from './runtime/firstAdmin.js';
import { localPostgres, localTemporal } from './runtime/localServices.js';
import { ensureSearchAttributes } from './runtime/searchAttributes.js';
import { startApi, startAuditAnchoring, startDigestSchedule, startWorker } from './runtime/services.js';
import { connectClient, connectWorker } from './runtime/temporalConnections.js';
import { demoPayments } from './runtime/demo/demoBank.js';
import { demoRequested, loadDemo } from './runtime/demo/loadDemo.js';
import { sdkTelemetry, startProcessMetrics } from './runtime/telemetry.js';

const started = Date.now();
let config = readConfig();
const demo = demoRequested(process.argv.slice(2), process.env);
/** What to stop, in the order started; stopped in reverse: intake, the worker, then the servers. */
const stops: Array<{ what: string; stop: () => Promise<unknown> }> = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('stopping ...');
    for (const { what, stop } of stops.reverse()) {
      try {
        await stop();
        console.log(`  stopped ${what}`);
      } catch (err) {
        console.error(`while stopping ${what}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll(0));

try {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [], ...sdkTelemetry(config) });
  // One registry for the API and the worker, which share this process.
  const metrics = await startProcessMetrics(config);
  stops.push({ what: 'the metrics endpoint', stop: () => metrics.close() });

  // Built beside the databases' start (a fresh clone has no console/dist; a pull may have changed it).
  const consoleBuilt = ensureConsoleBuilt();
  consoleBuilt.catch(() => undefined);

  const pg = config.databaseUrl ? null : await localPostgres(config);
  if (pg) stops.push({ what: 'PostgreSQL', stop: () => pg.stop() });
  const databaseUrl = config.databaseUrl ?? pg!.url;

  const temporal = config.temporalAddress ? null : await localTemporal(config);
  if (temporal) stops.push({ what: 'the Temporal dev server', stop: () => temporal.stop() });
  // Our server dying under us (killed, crashed) stops everything, rather than leaving an API and
  // a worker talking to whatever listens on its port next.
  void temporal?.child?.exited.then((how) => {
    if (stopping) return;
    console.error(`the Temporal dev server ${how}:\n${temporal.child!.recentOutput()}`);
    void stopAll(1);
  });
  const temporalAddress = config.temporalAddress ?? temporal!.address;

  const db = createDb({ connectionString: databaseUrl });
  stops.push({ what: 'the database pool', stop: () => db.destroy() });
  await migrateToLatest(db);
  const years = await loadOfficialCalendar(db);
  if (years.length) console.log(`loaded the official holiday calendar for ${years.join(', ')}`);

  const { client, connection } = await connectClient(config, temporalAddress);
  stops.push({ what: 'the Temporal client', stop: () => connection.close() });
  await ensureSearchAttributes(connection, config.temporalNamespace);

  if (demo) {
    const payments = await demoPayments(config, process.env);
    config = payments.config;
    if (payments.stop) stops.push({ what: 'the demo bank', stop: payments.stop });
    console.log(`demo: ${payments.note}`);
  }

  const workerConnection = await connectWorker(config, temporalAddress);
  stops.push({ what: "the worker's connection", stop: () => workerConnection.close() });
  const { worker, done } = await startWorker(config, db, workerConnection, metrics.registry);
  stops.push({
    what: 'the worker (activities in flight finished)',
    stop: async () => {
      worker.shutdown();
      await done;
    },
  });
  done.catch((err: unknown) => {
    console.error(`worker stopped: ${err instanceof Error ? err.message : String(err)}`);
    void stopAll(1);
  });
  await startAuditAnchoring(config, client);
  await startDigestSchedule(config, client);

  if (await consoleBuilt) console.log('built the web console (console/dist)');
  const { app, url } = await startApi(config, db, client, metrics.registry);
  stops.push({ what: 'the API', stop: () => app.close() });

  const base = url.replace('[::1]', 'localhost');
  console.log(`
  Orphan resettlement engine is running (${((Date.now() - started) / 1000).toFixed(1)} s)
    Console          ${base}/
    API              ${base}
    API docs         ${base}/docs
    Temporal Web UI  ${temporal?.uiUrl ?? "(your Temporal cluster's UI)"}
    Metrics          ${metrics.url ?? 'off (set METRICS_PORT)'}${config.temporalMetricsPort ? `, Temporal SDK on port ${config.temporalMetricsPort}` : ''}
    PostgreSQL       ${pg ? `embedded, data in ${config.dataDir}/postgres` : 'DATABASE_URL'}
    Audit anchors    ${config.auditAnchorFile} (every ${config.auditAnchorIntervalSeconds} s)
    Temporal         ${temporal ? `dev server ${temporalAddress}, data in ${config.dataDir}/temporal.sqlite` : temporalAddress}
  A token for local use: npm run token -- --role institution --org inst-1 --division 150102
  Ctrl-C stops everything.
`);
  // The demo first: its users include an administrator, so the first start then creates no other.
  // A demo that cannot load leaves the system running, with the reason.
  if (demo)
    await loadDemo({ app, db, apiUrl: base, password: process.env.DEMO_PASSWORD }).catch((err: unknown) =>
      console.error(`demo: could not load the demo region: ${err instanceof Error ? err.message : String(err)}`),
    );
  await ensureFirstAdmin(db, config, base);
} catch (err) {
  console.error(`could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  await stopAll(1);
}
