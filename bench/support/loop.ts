// A closed-loop load generator: `concurrency` clients each run one operation after another until
// `count` operations have started or `maxMs` has passed, whichever comes first. Bounded in both.

export interface LoopResult {
  completed: number;
  errors: number;
  firstError: string | null;
  elapsedMs: number;
  /** Completed operations per second over the whole run. */
  perSecond: number;
  p50: number;
  p99: number;
  mean: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarise(
  latencies: number[],
  errors: number,
  firstError: string | null,
  elapsedMs: number,
): LoopResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const total = sorted.reduce((s, x) => s + x, 0);
  return {
    completed: sorted.length,
    errors,
    firstError,
    elapsedMs,
    perSecond: (sorted.length / elapsedMs) * 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.length ? total / sorted.length : Number.NaN,
  };
}

interface LoopOptions {
  concurrency: number;
  count: number;
  maxMs: number;
  op: (i: number) => Promise<unknown>;
}

export async function runLoop(o: LoopOptions): Promise<LoopResult> {
  const raw = await loop(o, 0);
  return summarise(raw.latencies, raw.errors, raw.firstError, raw.elapsedMs);
}

/**
 * Runs two loads in alternating rounds (a, b, a, b, ...) and summarises each over its rounds, so
 * that another tenant's burst on this shared machine falls on both sides rather than on one.
 */
export async function runAlternating(o: {
  rounds: number;
  concurrency: number;
  roundMs: number;
  a: LoopOptions['op'];
  b: LoopOptions['op'];
}): Promise<{ a: LoopResult; b: LoopResult }> {
  const empty = (): RawLoop => ({ latencies: [], errors: 0, firstError: null, elapsedMs: 0, next: 0 });
  const sides = { a: empty(), b: empty() };
  for (let round = 0; round < o.rounds; round++) {
    for (const side of ['a', 'b'] as const) {
      const acc = sides[side];
      const raw = await loop(
        { concurrency: o.concurrency, count: Number.MAX_SAFE_INTEGER, maxMs: o.roundMs, op: o[side] },
        acc.next,
      );
      acc.latencies.push(...raw.latencies);
      acc.errors += raw.errors;
      acc.firstError ??= raw.firstError;
      acc.elapsedMs += raw.elapsedMs;
      acc.next = raw.next;
    }
  }
  const result = (s: RawLoop) => summarise(s.latencies, s.errors, s.firstError, s.elapsedMs);
  return { a: result(sides.a), b: result(sides.b) };
}

interface RawLoop {
  latencies: number[];
  errors: number;
  firstError: string | null;
  elapsedMs: number;
  /** The index the next operation would have had. */
  next: number;
}

async function loop(o: LoopOptions, first: number): Promise<RawLoop> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let next = first;
  const started = performance.now();
  const deadline = started + o.maxMs;
  const client = async () => {
    while (next - first < o.count && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        await o.op(i);
        latencies.push(performance.now() - t0);
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, client));
  return { latencies, errors, firstError, elapsedMs: performance.now() - started, next };
}

/**
 * Runs `op` over the items with at most `concurrency` at once; throws the first failure. With
 * `stop`, takes no new item once it holds (those in flight finish) and returns how many started.
 */
export async function forEachBounded<T>(
  items: readonly T[],
  concurrency: number,
  op: (item: T, i: number) => Promise<unknown>,
  stop: () => boolean = () => false,
): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const i = next++;
      await op(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return next;
}
