// Sends generated requests in batches and holds the API to its promises: never a 5xx, never a
// crash, every error in the envelope with a requestId, every attack refused, and a batch of
// refused requests leaves the database exactly as it was.
import type { ChaosEnv } from '../chaosEnv.js';
import { difference, fingerprint } from '../fingerprint.js';
import type { FuzzRequest } from './requests.js';
import type { SessionPool } from './sessions.js';

export interface FuzzReport {
  sent: number;
  status: Record<string, number>;
  serverErrors: string[];
  badEnvelopes: string[];
  acceptedAttacks: string[];
  stateChanges: string[];
  batchesCompared: number;
  /**
   * Answers of a known defect, kept apart so that the rest of the run stays meaningful until it is
   * fixed: Fastify's router refuses a URL that is not valid percent-encoded UTF-8 (FST_ERR_BAD_URL)
   * or a path parameter over 100 characters (FST_ERR_MAX_PARAM_LENGTH, 414) in its own shape,
   * without the envelope or a requestId. Asserted empty by the REGRESSION test in fuzz.chaos.ts.
   */
  knownDefects: string[];
  /** Requests that had no answer within 15 s. */
  hung: string[];
}

// Router refusals now answer in the envelope (api/app.ts frameworkErrors): no known defect is excused.
const KNOWN_DEFECT_CODES = new Set<string>();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function describe(r: FuzzRequest): string {
  const payload = r.payload === undefined ? '' : ` body=${JSON.stringify(String(r.payload).slice(0, 160))}`;
  return `${r.method} ${r.url.slice(0, 160)} [auth=${(r.headers.authorization ?? 'none').slice(0, 20)}]${payload}`;
}

/** Waits until work a successful action started (a payment, a timer) has landed. */
async function settle(env: ChaosEnv): Promise<string> {
  let last = await fingerprint(env.db);
  for (let i = 0; i < 20; i++) {
    await sleep(750);
    const now = await fingerprint(env.db);
    if (now === last) return now;
    last = now;
  }
  return last;
}

/** The answer, or null when there is none in time: a request that hangs is a failure too. */
async function answerWithin(env: ChaosEnv, r: FuzzRequest, ms: number, sessions?: SessionPool) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([
      env.app.inject({
        method: r.method as 'GET',
        url: r.url,
        headers: sessions ? sessions.resolve(r.headers) : r.headers,
        ...(r.payload !== undefined ? { payload: r.payload } : {}),
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function emptyReport(): FuzzReport {
  return {
    sent: 0,
    status: {},
    serverErrors: [],
    badEnvelopes: [],
    acceptedAttacks: [],
    stateChanges: [],
    batchesCompared: 0,
    knownDefects: [],
    hung: [],
  };
}

export async function runBatches(
  env: ChaosEnv,
  requests: FuzzRequest[],
  report: FuzzReport,
  o: { batchSize: number; concurrency: number; sessions?: SessionPool },
): Promise<void> {
  for (let start = 0; start < requests.length; start += o.batchSize) {
    const batch = requests.slice(start, start + o.batchSize);
    // Sessions a fuzzed sign-out ended are replaced before the batch is measured.
    await o.sessions?.revive();
    const before = await fingerprint(env.db);
    let accepted = 0;
    let mutated = false;
    let next = 0;
    const lane = async () => {
      while (next < batch.length) {
        const r = batch[next++]!;
        env.urls.push(r.url);
        const res = await answerWithin(env, r, 15_000, o.sessions);
        if (!res) {
          report.sent++;
          env.counts.add('fuzzed');
          report.hung.push(describe(r));
          continue;
        }
        report.sent++;
        env.counts.add('fuzzed');
        report.status[res.statusCode] = (report.status[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 500) {
          env.counts.add('5xx');
          report.serverErrors.push(`${res.statusCode} ${describe(r)} -> ${res.body.slice(0, 200)}`);
        }
        if (res.statusCode >= 400) {
          let ok: boolean;
          let known = false;
          try {
            const b = JSON.parse(res.body) as {
              error?: { code?: unknown; message?: unknown };
              requestId?: unknown;
              code?: unknown;
            };
            ok =
              typeof b.error?.code === 'string' &&
              typeof b.error.message === 'string' &&
              typeof b.requestId === 'string' &&
              b.requestId.length > 0;
            known = KNOWN_DEFECT_CODES.has(String(b.code));
          } catch {
            ok = false;
          }
          if (!ok)
            (known ? report.knownDefects : report.badEnvelopes).push(
              `${res.statusCode} ${describe(r)} -> ${res.body.slice(0, 200)}`,
            );
        } else {
          accepted++;
          if (MUTATING.has(r.method)) {
            mutated = true;
            if (r.payload !== undefined) env.registry.addFrom(String(r.payload));
          }
          if (r.mustRefuse) report.acceptedAttacks.push(`${res.statusCode} although ${r.mustRefuse}: ${describe(r)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, lane));
    if (accepted === 0) {
      const after = await fingerprint(env.db);
      report.batchesCompared++;
      if (after !== before)
        report.stateChanges.push(
          `batch at ${start} (all ${batch.length} refused) changed: ${difference(before, after)}`,
        );
    } else if (mutated) {
      await settle(env);
    }
  }
}
