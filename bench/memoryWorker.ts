// The case worker alone in its own process, for the memory benchmark: real activities, a bounded
// workflow cache, and every half second a sample of its RSS and cache sent to the parent over IPC.
// Stops when the parent says 'stop' or goes away; collects garbage when it says 'gc'.
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import { createManualGateway } from '../activities/payments/manualGateway.js';
import { createCaseWorker } from '../bin/runtime/worker.js';
import { createDb } from '../db/database.js';

export interface MemorySample {
  rss: number;
  heapUsed: number;
  cached: number;
  inFlightActivations: number;
  inFlightActivities: number;
}

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
const db = createDb({ connectionString: env('BENCH_DATABASE_URL'), applicationName: 'bench-memory-worker' });
const connection = await NativeConnection.connect({ address: env('BENCH_TEMPORAL_ADDRESS') });
const worker = await createCaseWorker({
  connection,
  namespace: env('BENCH_NAMESPACE'),
  taskQueue: env('BENCH_TASK_QUEUE'),
  activities: createActivities({ db, payments: createManualGateway() }),
  workflowBundlePath: env('BENCH_BUNDLE'),
  maxCachedWorkflows: Number(env('BENCH_MAX_CACHED')),
});
const running = worker.run();

const sample = (): MemorySample => {
  const status = worker.getStatus();
  const m = process.memoryUsage();
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    cached: status.numCachedWorkflows,
    inFlightActivations: status.numInFlightWorkflowActivations,
    inFlightActivities: status.numInFlightActivities,
  };
};
const timer = setInterval(() => process.send?.({ sample: sample() }), 500);
process.send?.({ ready: true, sample: sample() });

const stop = async () => {
  clearInterval(timer);
  worker.shutdown();
  await running;
  await connection.close();
  await db.destroy();
  process.exit(0);
};
process.on('message', (m) => {
  if (m === 'stop') void stop();
  // Tells live memory from garbage not yet collected (the parent starts us with --expose-gc).
  if (m === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ afterGc: sample() });
  }
});
process.on('disconnect', () => void stop());
