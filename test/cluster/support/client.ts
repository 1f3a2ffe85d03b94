// The suite's HTTP client, as a client behind a load balancer sees the two API instances: each
// request goes to the next instance in turn (round robin); a lost connection, a 5xx or a 429 is
// retried on the other one with the same Idempotency-Key, and "in progress" (the first attempt's
// claim, left by an instance that died mid-request) is waited out. Every request's latency is
// kept with its start time, so the report can say what each fault did to it.
import { randomUUID } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import type { Principal } from '../../../domain/access.js';

export interface Answer {
  status: number;
  body: string;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface Sample {
  at: number;
  ms: number;
  attempts: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ClusterClient {
  readonly samples: Sample[] = [];
  retries = 0;
  /** Retries that carried the same Idempotency-Key to the other instance after a lost connection. */
  failovers = 0;
  private next = 0;
  private readonly tokens = new Map<string, string>();
  private readonly sign: (payload: object) => string;

  constructor(
    private readonly urls: string[],
    secret: string,
  ) {
    this.sign = createSigner({ key: secret, algorithm: 'HS256', expiresIn: 6 * 3600 * 1000 });
  }

  private token(p: Principal): string {
    let t = this.tokens.get(p.sub);
    if (!t) {
      t = this.sign({ ...p });
      this.tokens.set(p.sub, t);
    }
    return t;
  }

  /** One intended action: retried until an answer that is not a fault, on either instance. */
  async call(p: Principal, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<Answer> {
    const key = method === 'GET' ? null : randomUUID();
    const started = Date.now();
    let lostConnection = false;
    for (let attempt = 1; attempt <= 400; attempt++) {
      const url = this.urls[this.next++ % this.urls.length]!;
      if (lostConnection) this.failovers++;
      lostConnection = false;
      let answer: Answer | null = null;
      try {
        const res = await fetch(`${url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.token(p)}`,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(key ? { 'idempotency-key': key } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        answer = { status: res.status, body: text, json: () => JSON.parse(text) };
      } catch {
        lostConnection = true; // the instance died, or is restarting
      }
      const inProgress = answer?.status === 409 && /in progress/.test(answer.body);
      if (answer && answer.status < 500 && answer.status !== 429 && !inProgress) {
        this.samples.push({ at: started, ms: Date.now() - started, attempts: attempt });
        return answer;
      }
      this.retries++;
      await sleep(Math.min(200 * 2 ** Math.min(attempt - 1, 4), 2_000));
    }
    throw new Error(`${method} ${path}: no answer after 400 attempts`);
  }

  async ok(p: Principal, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, status = 200) {
    const r = await this.call(p, method, path, body);
    if (r.status !== status)
      throw new Error(`${method} ${path}: expected ${status}, got ${r.status}: ${r.body.slice(0, 400)}`);
    return r.json();
  }
}

/** p50 and max of the requests started in [from, to). */
export function latency(samples: Sample[], from: number, to: number): { n: number; p50: number; max: number } {
  const ms = samples
    .filter((s) => s.at >= from && s.at < to)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  return { n: ms.length, p50: ms[Math.floor(ms.length / 2)] ?? 0, max: ms.at(-1) ?? 0 };
}
