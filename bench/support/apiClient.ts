// Drives cases through the HTTP API over real loopback sockets, as the people who use it would,
// and keeps each call's latency by kind so a slow phase shows up in the breakdown.
import type { Principal } from '../../domain/access.js';
import { independentAssessment } from '../../test/support/caseApi.js';
import { percentile } from './loop.js';

// The answers are JSON read field by field, as the tests read them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonAnswer = any;

export class ApiClient {
  private readonly tokens = new Map<string, string>();
  readonly timings = new Map<string, number[]>();

  private readonly baseUrls: readonly string[];
  private next = 0;

  /** Several base URLs (the cluster's API instances): each call goes to the next, round robin. */
  constructor(
    baseUrl: string | readonly string[],
    private readonly sign: (p: Principal) => string,
  ) {
    this.baseUrls = typeof baseUrl === 'string' ? [baseUrl] : baseUrl;
  }

  private token(p: Principal): string {
    const key = `${p.role}|${p.org}|${p.division}`;
    let t = this.tokens.get(key);
    if (!t) this.tokens.set(key, (t = this.sign(p)));
    return t;
  }

  async call(
    kind: string,
    p: Principal,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    expect = 200,
  ): Promise<JsonAnswer> {
    const t0 = performance.now();
    const baseUrl = this.baseUrls[this.next++ % this.baseUrls.length]!;
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token(p)}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const list = this.timings.get(kind) ?? [];
    list.push(performance.now() - t0);
    this.timings.set(kind, list);
    if (res.status !== expect) throw new Error(`${kind}: expected ${expect}, got ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }

  register = (p: Principal, body: unknown) => this.call('register', p, 'POST', '/v1/cases', body, 201);
  assess = (p: Principal, caseId: string, needs: Record<string, boolean> = {}) =>
    this.call('assess', p, 'POST', `/v1/cases/${caseId}/assessment`, { ...independentAssessment, needs });
  propose = (p: Principal, caseId: string) =>
    this.call('propose', p, 'POST', `/v1/cases/${caseId}/proposal`, { pathway: 'social_placement' });
  approve = (p: Principal, caseId: string) =>
    this.call('review approve', p, 'POST', `/v1/cases/${caseId}/review`, {
      decision: 'approve',
      comment: '同意社会化安置',
    });
  inbox = (p: Principal, caseId: string) =>
    this.call('inbox (one case)', p, 'GET', `/v1/tasks?caseId=${caseId}&status=open`);
  complete = (p: Principal, taskId: string) =>
    this.call('complete task', p, 'POST', `/v1/tasks/${taskId}/complete`, { outcome: 'done', note: '已办结' });
  approveDisbursement = (p: Principal, caseId: string) =>
    this.call('finance approve', p, 'POST', `/v1/cases/${caseId}/disbursement/approve`, {});

  /** Mean and p99 per kind of call, e.g. "assess 41 ms (p99 120)". */
  breakdown(): string[] {
    return [...this.timings.entries()].map(([kind, xs]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
      return `${kind}: mean ${mean.toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms (${sorted.length} calls)`;
    });
  }

  reset(): void {
    this.timings.clear();
  }
}
