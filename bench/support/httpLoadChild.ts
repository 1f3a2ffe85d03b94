// Runs one HTTP load in its own process, so that generating the load does not take the event
// loop of the server it measures. Reads its job from BENCH_LOAD and prints one JSON line with the
// outcome. autocannon for fast requests; for slow ones (a registration waits for the case to
// settle) a closed loop of its own, which lets the requests in flight at the deadline finish
// instead of dropping them, as autocannon does, from the count.
import autocannon from 'autocannon';
import { runLoop } from './loop.js';
import { registrationBody } from './people.js';
import type { HttpLoadJob, HttpLoadResult } from './httpLoad.js';

const job = JSON.parse(process.env.BENCH_LOAD ?? '{}') as HttpLoadJob;
let index = job.registration?.startIndex ?? 0;

/** A closed loop that stops starting requests at the deadline and waits for those in flight. */
async function ownLoop(): Promise<HttpLoadResult> {
  const r = await runLoop({
    concurrency: job.connections,
    count: job.maxRequests,
    maxMs: job.durationSeconds * 1000,
    op: async () => {
      const res = await fetch(job.url, {
        method: job.method,
        headers: { 'content-type': 'application/json', ...job.headers },
        body: nextBody(),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${res.status}: ${text.slice(0, 300)}`);
    },
  });
  if (r.firstError) process.stderr.write(`load: ${r.errors} failed, first: ${r.firstError}\n`);
  return {
    ok: r.completed,
    non2xx: r.errors,
    errors: 0,
    timeouts: 0,
    durationSeconds: r.elapsedMs / 1000,
    perSecond: r.perSecond,
    p50: r.p50,
    p99: r.p99,
    mean: r.mean,
    nextIndex: index,
  };
}

function nextBody(): string | undefined {
  return job.registration
    ? JSON.stringify(registrationBody(job.registration.age, index++, { hukouType: job.registration.hukouType }))
    : undefined;
}

async function withAutocannon(): Promise<HttpLoadResult> {
  const result = await autocannon({
    url: job.url,
    method: job.method,
    connections: job.connections,
    pipelining: 1,
    duration: job.durationSeconds,
    maxOverallRequests: Math.max(job.maxRequests, job.connections),
    timeout: 60,
    headers: { 'content-type': 'application/json', ...job.headers },
    requests: [
      { setupRequest: (req: Record<string, unknown>) => (job.registration ? { ...req, body: nextBody() } : req) },
    ],
  });
  return {
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
    perSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    nextIndex: index,
  };
}

const out = job.engine === 'loop' ? await ownLoop() : await withAutocannon();
process.stdout.write(JSON.stringify(out) + '\n');
