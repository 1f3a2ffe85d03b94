// 5. Worker memory: the case worker in its own process (memoryWorker.ts) with its workflow cache
// bounded, while 10,000 cases of youths whose adulthood is months away start and go to sleep on
// their transition-planning timers. Its RSS is sampled throughout; the baseline is the same
// process idle, before the first case.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startCaseWorkflow } from '../api/services/registration.js';
import { DEFAULT_MAX_CACHED_WORKFLOWS } from '../bin/runtime/config.js';
import type { Indexes } from './support/indexes.js';
import { forEachBounded } from './support/loop.js';
import type { MemorySample } from './memoryWorker.js';
import { caseInput } from './support/people.js';
import { type Figure, figure, log, remainingMs } from './support/report.js';
import type { BenchServices } from './support/services.js';

const CHILD = fileURLToPath(new URL('./memoryWorker.ts', import.meta.url));
const MB = 1024 * 1024;
const BACKLOG = 400;

export async function benchMemory(
  s: BenchServices,
  scale: number,
  ids: Indexes,
): Promise<{ figures: Figure[]; notes: string[] }> {
  const asked = Math.max(200, Math.round(10_000 * scale));
  const maxCached = Math.max(50, Math.round(DEFAULT_MAX_CACHED_WORKFLOWS * scale));
  // Starting stops at the budget; the starts keep at most BACKLOG cases ahead of the worker, so
  // the wait for the last ones to fall asleep stays short.
  // What remains of the run's ten minutes bounds it too, keeping 40 s for the last to sleep.
  const budgetMs = Math.max(15_000, Math.min(170_000 * scale, remainingMs() - 40_000));
  const taskQueue = `bench-memory-${randomUUID().slice(0, 8)}`;
  const flags = workerNodeFlags();
  const child = spawn(process.execPath, [...flags, '--expose-gc', '--import', 'tsx', CHILD], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      BENCH_DATABASE_URL: s.databaseUrl,
      BENCH_TEMPORAL_ADDRESS: s.server.address,
      BENCH_NAMESPACE: s.server.namespace,
      BENCH_TASK_QUEUE: taskQueue,
      BENCH_BUNDLE: s.workflowBundlePath,
      BENCH_MAX_CACHED: String(maxCached),
    },
  });
  const samples: MemorySample[] = [];
  let afterGc: MemorySample | null = null;
  const state: { exit: string | null } = { exit: null };
  child.on('exit', (code, signal) => (state.exit = `exited with ${String(code ?? signal)}`));
  child.on('message', (m: { sample?: MemorySample; afterGc?: MemorySample }) => {
    if (m.sample) samples.push(m.sample);
    if (m.afterGc) afterGc = m.afterGc;
  });
  try {
    await until(() => samples.length >= 4 || state.exit !== null, 60_000, 'the memory worker to start');
    if (state.exit) throw new Error(`memory worker ${state.exit}`);
    const idle = Math.max(...samples.map((x) => x.rss));
    const idleHeap = Math.max(...samples.map((x) => x.heapUsed));
    const fromSample = samples.length;
    log(
      `  worker idle at ${(idle / MB).toFixed(0)} MB RSS; starting up to ${asked} sleeping cases in ${budgetMs / 1000} s (cache bounded to ${maxCached}) ...`,
    );

    const temporal = { client: s.client, taskQueue };
    const t0 = performance.now();
    const first = ids.take('minor', asked);
    const prefix = `case-memory-${randomUUID().slice(0, 8)}-`;
    let started = 0;
    let asleep = 0;
    let lastLog = t0;
    const overBudget = () => performance.now() - t0 > budgetMs;
    while (started < asked && !overBudget()) {
      asleep = await registered(s, prefix);
      if (started - asleep >= BACKLOG) {
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      const wave = Array.from({ length: Math.min(BACKLOG / 2, asked - started) }, (_, i) => first + started + i);
      await forEachBounded(wave, 32, (index) =>
        startCaseWorkflow(temporal, caseInput(`${prefix}${index}`, 'minor', index)),
      );
      started += wave.length;
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(
          `    ${started} started, ${asleep} registered; worker RSS ${(samples.at(-1)!.rss / MB).toFixed(0)} MB, ${samples.at(-1)!.cached} cached`,
        );
      }
    }
    const cases = started;
    log(
      `  ${cases} started in ${((performance.now() - t0) / 1000).toFixed(1)} s; waiting for every case to reach its timer ...`,
    );
    // Asleep: the worker has had nothing to do for two seconds and every case's first event is written.
    await until(
      async () => {
        const recent = samples.slice(-4);
        const quiet =
          recent.length === 4 && recent.every((x) => x.inFlightActivations === 0 && x.inFlightActivities === 0);
        return quiet && (await registered(s, prefix)) >= cases;
      },
      120_000,
      'the cases to fall asleep',
      () => state.exit !== null,
    );
    if (state.exit) throw new Error(`memory worker ${state.exit} under load`);
    const seconds = (performance.now() - t0) / 1000;
    const during = samples.slice(fromSample);
    const peak = Math.max(...during.map((x) => x.rss));
    const last = during.at(-1)!;
    const maxSeenCached = Math.max(...during.map((x) => x.cached));
    child.send('gc');
    await until(() => afterGc !== null, 30_000, 'a garbage collection in the worker');
    const live = afterGc as MemorySample | null;
    // Workflows run in the SDK's workflow threads, whose heaps heapUsed (the main thread's) leaves out.
    const perCached = (peak - idle) / Math.max(1, maxSeenCached);
    const fits600 = Math.floor((600 * MB - idle) / perCached / 50) * 50;
    log(
      `  ${cases} cases asleep after ${seconds.toFixed(1)} s; RSS peak ${(peak / MB).toFixed(0)} MB, now ${(last.rss / MB).toFixed(0)} MB (heap ${(last.heapUsed / MB).toFixed(0)} MB); cache at most ${maxSeenCached} of ${maxCached}`,
    );
    log(
      `  at most ${(perCached / MB).toFixed(2)} MB of RSS per cached case, garbage included: a cache of ${fits600} keeps the worker within 600 MB`,
    );
    if (live)
      log(
        `  after a forced GC: RSS ${(live.rss / MB).toFixed(0)} MB; main-thread heap ${(live.heapUsed / MB).toFixed(0)} MB (idle ${(idleHeap / MB).toFixed(0)} MB)`,
      );
    return {
      figures: [
        figure({
          name: `worker memory: peak RSS, ${cases} sleeping cases, cache ${maxCached}`,
          value: peak / MB,
          unit: 'MB',
          baseline: 'the same worker idle',
          baselineValue: idle / MB,
          target: { op: 'value<=', value: 600 },
        }),
        figure({
          name: 'worker memory: RSS once all are asleep',
          value: last.rss / MB,
          unit: 'MB',
          baseline: 'the same worker idle',
          baselineValue: idle / MB,
          target: { op: 'value<=', value: 600 },
        }),
      ],
      notes: [
        ...(cases < asked
          ? [
              `Worker memory: ${cases} cases rather than ${asked}: starting them took the benchmark's ${(budgetMs / 1000).toFixed(0)} s budget on this machine; with the cache bounded, the cases beyond it are evicted and cost the worker no memory.`,
            ]
          : []),
        `Worker memory: at most ${(perCached / MB).toFixed(2)} MB of RSS per cached case ((peak − idle) / cached, garbage included), so a cache of ${fits600} would keep this worker within 600 MB even so.` +
          (live
            ? ` After a forced GC of the main thread the RSS is ${(live.rss / MB).toFixed(0)} MB while that thread's V8 heap is ${(live.heapUsed / MB).toFixed(0)} MB (idle ${(idleHeap / MB).toFixed(0)} MB): the memory is in the SDK's workflow threads (cached cases and their uncollected garbage) and core, not in the activities.`
            : ''),
        `Worker memory: the worker runs with ${flags.length ? flags.join(' ') : 'no Node flags'}${process.env.BENCH_WORKER_FLAGS === undefined ? ', as `npm run start:worker` runs it' : ' (BENCH_WORKER_FLAGS)'}.`,
        `Worker memory: all ${cases} cases asleep ${seconds.toFixed(0)} s after the first start; the cache never held more than ${maxSeenCached} workflows (bound ${maxCached}), so ${cases - maxSeenCached} or more were evicted; the worker did not crash.`,
      ],
    };
  } finally {
    await stopChild(child);
  }
}

/**
 * The Node flags the worker runs with in production (`npm run start:worker`, where the heap limit
 * makes the workflow threads collect the garbage of evicted cases before RSS grows past it), or
 * BENCH_WORKER_FLAGS to try others (an empty value runs the worker without any).
 */
function workerNodeFlags(): string[] {
  const override = process.env.BENCH_WORKER_FLAGS;
  if (override !== undefined) return override.split(' ').filter(Boolean);
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return (pkg.scripts['start:worker'] ?? '').split(' ').filter((word) => word.startsWith('--'));
}

/** Cases whose first event ('case.registered') is in the audit trail: their chain has a head. */
async function registered(s: BenchServices, prefix: string): Promise<number> {
  const row = await s.db
    .selectFrom('audit_heads')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('chain_id', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  abort: () => boolean = () => false,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (abort()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
