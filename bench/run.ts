// `npm run bench`: starts its own services, runs every benchmark, writes bench/results/latest.json
// and latest.md, and tears everything down. BENCH_SCALE (default 1) scales the counts, for quick
// iterations; BENCH_ONLY=registration,inbox runs only those, with the whole budget to share, and
// writes bench/results/only-registration-inbox.{json,md} instead, leaving the full run's alone.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { benchAudit } from './audit.js';
import { benchBatchApproval } from './batchApproval.js';
import { benchConsole } from './console.js';
import { benchInbox } from './inbox.js';
import { benchLifecycle } from './lifecycle.js';
import { benchMemory } from './memory.js';
import { benchRegistration } from './registration.js';
import { benchSignIn } from './signIn.js';
import { Indexes } from './support/indexes.js';
import { runFiltered } from './support/quietServer.js';
import { type Figure, log, setReservedForLater, setRunDeadline, writeResults } from './support/report.js';
import { type BenchServices, startBenchServices } from './support/services.js';
import { startClusterBenchServices } from './support/clusterServices.js';
import { TEMPORAL_SERVER_VERSION } from '../tools/cluster/binaries.js';
import { findTemporalCli } from '../tools/temporal/provision.js';

type Bench = (
  s: BenchServices,
  scale: number,
  ids: Indexes,
) => Promise<Figure[] | { figures: Figure[]; notes: string[] }>;

/** In this order: the heavy background of the memory benchmark comes last. */
const BENCHES: Array<[string, Bench]> = [
  ['registration', benchRegistration],
  ['lifecycle', benchLifecycle],
  ['inbox', benchInbox],
  ['console', benchConsole],
  ['audit', benchAudit],
  ['signin', benchSignIn],
  ['batch', benchBatchApproval],
  ['memory', benchMemory],
];

/** What a benchmark needs of the run's time, kept back from those before it (the rest shrink). */
const RESERVE_MS: Record<string, number> = { console: 100_000, memory: 215_000 };

const RESULTS = fileURLToPath(new URL('./results', import.meta.url));
/** Past this the run stops starting benchmarks and reports what it has. */
const BUDGET_MS = 9 * 60_000;
/** What the budget-bound benchmarks aim to finish within (startup and teardown take the rest). */
const RUN_MS = 9 * 60_000 + 20_000;

/** `npm run bench -- --cluster`: the batch approval on tools/cluster's topology (support/clusterServices.ts). */
if (process.argv.includes('--cluster')) process.env.BENCH_CLUSTER = '1';
/** The cluster's start (a build, nine processes) is not the benchmark's time; its batches get this long. */
const CLUSTER_RUN_MS = 25 * 60_000;

if (process.env.BENCH_INNER) process.exit(process.env.BENCH_CLUSTER === '1' ? await onCluster() : await main());
else process.exit(await runFiltered(fileURLToPath(import.meta.url)));

/** The services' close(), run once however many times it is asked for (a signal, then the run's end). */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => (closing ??= close());
}

/**
 * Until the returned function is called, SIGTERM or SIGINT stops the services (the cluster's nine
 * processes, the dev server) and ends the run: killed otherwise, the run left them all running.
 */
function stopOnSignal(close: () => Promise<void>): () => void {
  let closing: Promise<void> | null = null;
  const stop = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the services ...`);
    closing ??= close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return () => {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  };
}

async function onCluster(): Promise<number> {
  const scale = Number(process.env.BENCH_SCALE ?? '1');
  if (!(scale > 0)) throw new Error('BENCH_SCALE must be a positive number');
  if (process.env.BENCH_ONLY && process.env.BENCH_ONLY !== 'batch')
    throw new Error('on the cluster only the batch approval runs (BENCH_ONLY=batch or nothing)');
  const startedAt = new Date();
  const t0 = Date.now();
  log(`starting the cluster (BENCH_SCALE=${scale}) ...`);
  const s = await startClusterBenchServices();
  const close = once(() => s.close());
  const stopped = stopOnSignal(close);
  let out: Awaited<ReturnType<typeof benchBatchApproval>> | null = null;
  const notes: string[] = [];
  let pg = '';
  try {
    pg = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(s.db)).rows[0]?.v ?? '';
    log(
      `cluster ready in ${((Date.now() - t0) / 1000).toFixed(0)} s: Temporal ${s.server.address}, APIs ${[s.baseUrl].flat().join(', ')}`,
    );
    setRunDeadline(Date.now() + CLUSTER_RUN_MS);
    out = await benchBatchApproval(s, scale, new Indexes());
  } catch (err) {
    notes.push(`batch: failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    log(`batch FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    stopped();
    log('stopping the cluster ...');
    await close();
  }
  const durationSeconds = (Date.now() - t0) / 1000;
  const written = writeResults(RESULTS, 'only-batch-cluster', out?.figures ?? [], {
    startedAt: startedAt.toISOString(),
    durationSeconds,
    scale,
    machine: {
      nproc: cpus().length,
      memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      postgresql: pg,
      temporal: `Temporal server ${TEMPORAL_SERVER_VERSION}: history, matching, frontend and worker as processes, PostgreSQL persistence and visibility, 4 shards; 2 workers, 2 APIs (tools/cluster)`,
    },
    notes: [...(out?.notes ?? []), ...notes],
  });
  for (const f of out?.figures ?? [])
    log(
      `${f.met === false ? '✗' : f.met ? '✓' : ' '} ${f.name}: ${f.value} ${f.unit} vs ${f.baselineValue} (${f.baseline}) = ${f.ratio}${f.target ? ` [${f.target}]` : ''}`,
    );
  log(`wrote ${written.json} and ${written.md} after ${durationSeconds.toFixed(0)} s`);
  return out ? 0 : 1;
}

async function main(): Promise<number> {
  const scale = Number(process.env.BENCH_SCALE ?? '1');
  if (!(scale > 0)) throw new Error('BENCH_SCALE must be a positive number');
  const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((x) => x.trim())) : null;

  const startedAt = new Date();
  const t0 = Date.now();
  setRunDeadline(t0 + RUN_MS);
  const figures: Figure[] = [];
  const notes: string[] = [];
  let failed = false;

  log(`starting services (BENCH_SCALE=${scale}) ...`);
  const s = await startBenchServices();
  const close = once(() => s.close());
  const stopped = stopOnSignal(close);
  const versions = { pg: '' };
  try {
    versions.pg =
      (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(s.db)).rows[0]?.v ?? '';
    log(`services ready: Temporal ${s.server.address}, API ${s.baseUrl}, PostgreSQL ${versions.pg}`);
    const ids = new Indexes();
    const selected = BENCHES.filter(([name]) => !only || only.has(name));
    for (const [i, [name, bench]] of selected.entries()) {
      setReservedForLater(selected.slice(i + 1).reduce((sum, [later]) => sum + (RESERVE_MS[later] ?? 0), 0));
      if (Date.now() - t0 > BUDGET_MS) {
        notes.push(`${name}: not run, the run had used its time budget.`);
        log(`skipping ${name}: time budget used`);
        continue;
      }
      log(`${name} ...`);
      const b0 = Date.now();
      try {
        const out = await bench(s, scale, ids);
        if (Array.isArray(out)) figures.push(...out);
        else {
          figures.push(...out.figures);
          notes.push(...out.notes);
        }
        log(`${name} done in ${((Date.now() - b0) / 1000).toFixed(1)} s`);
      } catch (err) {
        failed = true;
        const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
        notes.push(`${name}: failed: ${message.split('\n')[0]}`);
        log(`${name} FAILED: ${message}`);
      }
    }
  } finally {
    stopped();
    log('stopping services ...');
    await close();
  }

  const durationSeconds = (Date.now() - t0) / 1000;
  const machine = {
    nproc: cpus().length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    postgresql: versions.pg,
    temporal: temporalVersion(),
  };
  const resultName = only ? `only-${[...only].join('-')}` : 'latest';
  const written = writeResults(RESULTS, resultName, figures, {
    startedAt: startedAt.toISOString(),
    durationSeconds,
    scale,
    machine,
    notes,
  });
  for (const f of figures) {
    log(
      `${f.met === false ? '✗' : f.met ? '✓' : ' '} ${f.name}: ${f.value} ${f.unit} vs ${f.baselineValue} (${f.baseline}) = ${f.ratio}${f.target ? ` [${f.target}]` : ''}`,
    );
  }
  log(`wrote ${written.json} and ${written.md} after ${durationSeconds.toFixed(0)} s`);
  return failed ? 1 : 0;
}

function temporalVersion(): string {
  try {
    const cli = findTemporalCli()?.path;
    return cli ? execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim() : 'dev server (downloaded)';
  } catch {
    return 'dev server (provisioned CLI)';
  }
}
