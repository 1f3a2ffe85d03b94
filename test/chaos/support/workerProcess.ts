// The case worker as its own process, so the chaos suite can SIGKILL it mid-payment and start a
// fresh one, as an orchestrator would. Configured only by the environment:
//   DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, PAYMENT_SERVICE_URL (the fake bank),
//   WORKFLOW_BUNDLE_PATH (pre-built), PAYMENT_TIMEOUT_MS (default 1000), and for the e-mail digest
//   SMTP_URL, MAIL_FROM and CONSOLE_URL (no digest without SMTP_URL).
// It prints one line `worker ready` once polling, so the parent knows when it is up; everything
// else it logs goes to stdout too, which the parent captures to a file for the privacy scan.
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { DEFAULT_DIGEST_CONFIG } from '../../../activities/digest/activities.js';
import { createActivities } from '../../../activities/index.js';
import { createHttpGateway } from '../../../activities/payments/httpGateway.js';
import { createCaseWorker } from '../../../bin/runtime/worker.js';
import { createDb } from '../../../db/database.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`workerProcess: ${name} is required`);
    process.exit(2);
  }
  return value;
}

const databaseUrl = required('DATABASE_URL');
const address = required('TEMPORAL_ADDRESS');
const taskQueue = required('TEMPORAL_TASK_QUEUE');
const bankUrl = required('PAYMENT_SERVICE_URL');
const bundlePath = required('WORKFLOW_BUNDLE_PATH');
const timeoutMs = Number(process.env.PAYMENT_TIMEOUT_MS ?? 1000);

// INFO, like production: the privacy scan must see what a real deployment would log.
Runtime.install({ logger: new DefaultLogger('INFO') });
const db = createDb({
  connectionString: databaseUrl,
  maxConnections: 5,
  applicationName: 'chaos-worker',
  onIdleError: (err) => console.log(`idle database connection lost: ${err.message}`),
});
const connection = await NativeConnection.connect({ address });
const worker = await createCaseWorker({
  connection,
  namespace: 'default',
  taskQueue,
  activities: createActivities({
    db,
    payments: createHttpGateway({ baseUrl: bankUrl, timeoutMs }),
    digest: {
      smtpUrl: process.env.SMTP_URL || null,
      from: process.env.MAIL_FROM || DEFAULT_DIGEST_CONFIG.from,
      consoleUrl: process.env.CONSOLE_URL || null,
    },
  }),
  workflowBundlePath: bundlePath,
});
const running = worker.run();
console.log('worker ready');
await running;
await connection.close();
await db.destroy();
