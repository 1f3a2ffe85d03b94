// Restarts: 100 cases driven to `placed` by clients that retry the way real ones do, while the
// Temporal server (persisting to SQLite) and PostgreSQL (embedded, owned by this test) are each
// stopped and started again in the middle. Every action a client saw succeed (2xx) must be in the
// case's history, every audit chain must verify, and every case must get to `placed`.
import { randomUUID } from 'node:crypto';
import { auditor, civilAffairs, finance } from '../../support/fixtures.js';
import { independentAssessment } from '../../support/caseApi.js';
import { verifyChain } from '../../../db/repositories/auditVerify.js';
import type { Principal } from '../../../domain/access.js';
import type { ChaosEnv, Json, Reply } from '../support/chaosEnv.js';
import { inst } from '../support/drive.js';
import { newPerson, registrationOf } from '../support/people.js';
import { inParallel } from '../support/pool.js';

export interface Ack {
  caseId: string;
  action: 'register' | 'assess' | 'propose' | 'review' | 'approve';
  sub: string;
}

export interface RestartLog {
  acks: Ack[];
  retries: number;
  /** Idempotency keys answered "in progress" long after their request had failed. */
  stuckKeys: number;
  events: string[];
}

/** How long a client believes "in progress" before it looks at the case and takes a new key. */
const STUCK_AFTER_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How each acknowledged action shows in the history. */
const SHOWS_AS: Record<Ack['action'], (e: { action: string; data: Record<string, unknown> }) => boolean> = {
  register: (e) => e.action === 'case.registered',
  assess: (e) => e.action === 'assessment.submitted',
  propose: (e) => e.action === 'stage.changed' && e.data.to === 'review',
  // An approval is the stage change it causes, carrying the decision.
  review: (e) => (e.action === 'stage.changed' || e.action === 'review.decided') && e.data.decision === 'approve',
  approve: (e) => e.action === 'subsidy.approved',
};

/**
 * A client as a real one behaves: one Idempotency-Key per intended action, retried on 5xx,
 * 429 and lost connections with backoff; a refusal after a failed attempt means the attempt
 * may have landed, which `landed` decides from the case as it now is.
 */
export function retryingClient(env: ChaosEnv, log: RestartLog) {
  const read = async (caseId: string): Promise<Json> => {
    for (;;) {
      const r = await env.call(inst, 'GET', `/v1/cases/${caseId}`).catch(() => null);
      if (r?.status === 200) return r.json();
      log.retries++;
      await sleep(500);
    }
  };
  async function act(
    p: Principal,
    action: Ack['action'],
    caseId: string | null,
    url: string,
    body: unknown,
    landed: (c: Json) => boolean,
  ): Promise<Reply | null> {
    let key = randomUUID();
    let failedBefore = false;
    let inProgressSince: number | null = null;
    for (let attempt = 0; attempt < 200; attempt++) {
      const r = await env.call(p, 'POST', url, body, { 'idempotency-key': key }).catch(() => null);
      if (r && r.status < 300) {
        log.acks.push({ caseId: caseId ?? r.json().caseId, action, sub: p.sub });
        return r;
      }
      // "in progress": an earlier attempt with this key is still being answered, or its claim was
      // left behind when the database went away (it then blocks the key for 10 minutes: see the
      // report). Past a while the client checks whether the action landed, and if not, re-keys.
      const inProgress = r?.status === 409 && /in progress/.test(r.body);
      inProgressSince = inProgress ? (inProgressSince ?? Date.now()) : null;
      if (inProgressSince !== null && Date.now() - inProgressSince > STUCK_AFTER_MS) {
        log.stuckKeys++;
        log.events.push(
          `${action} ${caseId ?? '(registration)'}: Idempotency-Key still "in progress" ${STUCK_AFTER_MS / 1000} s after its request failed`,
        );
        if (caseId && landed(await read(caseId))) return null;
        key = randomUUID();
        inProgressSince = null;
      }
      if (r && r.status < 500 && r.status !== 429 && !inProgress) {
        if (failedBefore && caseId && landed(await read(caseId))) return null;
        if (failedBefore && !caseId && r.status === 409) return r; // the registration landed: the 409 names the case
        throw new Error(`${action} ${url}: ${r.status} ${r.body.slice(0, 300)}`);
      }
      failedBefore = true;
      log.retries++;
      await sleep(Math.min(250 * 2 ** Math.min(attempt, 4), 3000));
    }
    throw new Error(`${action} ${url}: no success after 200 attempts`);
  }
  return { act, read };
}

export async function register(env: ChaosEnv, log: RestartLog): Promise<string> {
  const { act } = retryingClient(env, log);
  const person = newPerson();
  env.registry.add(person);
  const registered = await act(inst, 'register', null, '/v1/cases', registrationOf(person), () => false);
  const caseId = (registered!.json().caseId ?? registered!.json().error?.details?.caseId) as string | undefined;
  if (!caseId) throw new Error(`registration answered ${registered!.status} ${registered!.body.slice(0, 300)}`);
  env.counts.add('cases');
  return caseId;
}

/** One registered case to `placed`. */
export async function driveToPlaced(env: ChaosEnv, log: RestartLog, caseId: string): Promise<string> {
  const { act, read } = retryingClient(env, log);
  await act(
    inst,
    'assess',
    caseId,
    `/v1/cases/${caseId}/assessment`,
    independentAssessment,
    (c) => c.assessment !== null,
  );
  await act(
    inst,
    'propose',
    caseId,
    `/v1/cases/${caseId}/proposal`,
    { pathway: 'social_placement' },
    (c) => c.proposal !== null,
  );
  await act(
    civilAffairs(),
    'review',
    caseId,
    `/v1/cases/${caseId}/review`,
    { decision: 'approve', comment: '同意' },
    (c) => c.reviews.length > 0,
  );
  await act(
    finance(),
    'approve',
    caseId,
    `/v1/cases/${caseId}/disbursement/approve`,
    {},
    (c) => c.subsidy?.status !== 'computed',
  );
  const deadline = Date.now() + 240_000;
  while ((await read(caseId)).stage !== 'placed') {
    if (Date.now() > deadline) throw new Error(`${caseId} never got to placed`);
    await sleep(500);
  }
  return caseId;
}

/**
 * Registers every case first (registration holds a transaction across the Temporal call, which
 * a PostgreSQL restart turns into a crash: see knownDefects.chaos.ts), then drives them all.
 */
export async function drive100(
  env: ChaosEnv,
  log: RestartLog,
  cases: number,
  concurrency: number,
  onProgress: (placed: number) => Promise<void>,
): Promise<string[]> {
  let placed = 0;
  const caseIds = await inParallel(Array.from({ length: cases }), concurrency, () => register(env, log));
  return inParallel(caseIds, concurrency, async (id) => {
    const caseId = await driveToPlaced(env, log, id);
    placed++;
    await onProgress(placed);
    return caseId;
  });
}

/** Every chain verifies, and every acknowledged action is in its case's history as the API shows it. */
export async function checkHistories(env: ChaosEnv, caseIds: string[], acks: Ack[]): Promise<string[]> {
  const problems: string[] = [];
  for (const caseId of caseIds) {
    const v = await verifyChain(env.db, caseId);
    if (!v.valid) problems.push(`${caseId}: chain broken at ${JSON.stringify(v.brokenAt)}`);
    const res = await env.call(auditor('150100'), 'GET', `/v1/cases/${caseId}/history?limit=500`);
    if (res.status !== 200) {
      problems.push(`${caseId}: history answered ${res.status}`);
      continue;
    }
    const events = res.json().items as Array<{ action: string; actor: { sub: string }; data: Record<string, unknown> }>;
    for (const ack of acks.filter((a) => a.caseId === caseId)) {
      if (!events.some((e) => SHOWS_AS[ack.action](e) && e.actor.sub === ack.sub))
        problems.push(`${caseId}: acknowledged ${ack.action} by ${ack.sub} is not in the history`);
    }
  }
  return problems;
}
