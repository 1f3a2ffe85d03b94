// `npm run start:api` and `npm run start:worker` as a process manager runs them (production
// configuration from the environment; the same entry files, through tsx instead of dist/): on
// SIGTERM the API stops taking connections, answers the request in flight and exits 0; the worker
// finishes the payment it is making (the bank has executed it, its answer is on the way) and exits
// 0. Each within the grace period its process manager gives it, leaving no port held and no child.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TaskPlanPolicy } from '../../domain/policy.js';
import { type FakeBank, startFakeBank } from '../../tools/fake-bank/fakeBank.js';
import { descendants, freePort, portHolder } from '../../tools/process/ports.js';
import { type BankGate, startBankGate } from '../chaos/support/bankGate.js';
import { caseApi, eventually, independentAssessment, setPolicy } from '../support/caseApi.js';
import { civilAffairs, finance, institution, registrationBody } from '../support/fixtures.js';
import { TEST_JWT_SECRET, type TestEnv, createTestEnv } from '../support/testEnv.js';

const root = join(import.meta.dirname, '..', '..');
/** Kubernetes' default for the API; the Helm chart gives the worker 60 s (a payment call takes up to 15 s). */
const API_GRACE_MS = 30_000;
const WORKER_GRACE_MS = 60_000;
const plan: TaskPlanPolicy = {
  social_placement: [{ kind: 'subsidy_disbursement', department: 'finance', when: 'always' }],
  destitute_centralized: [{ kind: 'arrange_support_institution', department: 'civil_affairs', when: 'always' }],
  destitute_dispersed: [{ kind: 'record_dispersed_support', department: 'civil_affairs', when: 'always' }],
};
const inst = institution();
const dir = mkdtempSync(join(tmpdir(), 'resettlement-services-'));
let env: TestEnv;
let api: ReturnType<typeof caseApi>;
let bank: FakeBank;
let gate: BankGate;
const started: ChildProcess[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  // The spawned worker serves the environment's task queue; the in-process one steps aside.
  env.worker.shutdown();
  api = caseApi(env);
  await setPolicy(env.db, 'task_plan', plan);
  bank = await startFakeBank({ port: 0 });
  gate = await startBankGate(bank.url);
}, 120_000);
afterAll(async () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  await gate?.close();
  await bank?.close();
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Service {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `node --import ./bin/tracing.ts bin/<entry>.ts` through tsx, as the npm script runs the built
 * files; the worker without the tracing preload (tracing is off here): its workflow threads
 * inherit the preload but not tsx's loader, and cannot import a .ts file.
 */
function service(entry: 'api' | 'worker', extra: Record<string, string>): Service {
  const environment: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: env.databaseUrl,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: env.taskQueue,
    JWT_SECRET: TEST_JWT_SECRET,
    AUDIT_ANCHOR_KEY: 'a'.repeat(43),
    AUDIT_ANCHOR_FILE: join(dir, 'anchors.ndjson'),
    SEARCH_HASH_KEY: 's'.repeat(43),
    LOG_LEVEL: 'warn',
    ...extra,
  };
  const preload = entry === 'api' ? ['--import', './bin/tracing.ts'] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload, `bin/${entry}.ts`], {
    cwd: root,
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let text = '';
  child.stdout.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr.on('data', (c: Buffer) => (text += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => text, exit };
}

async function until(what: string, check: () => boolean | Promise<boolean>, s: Service, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (s.child.exitCode !== null) throw new Error(`exited before ${what}:\n${s.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Exits within the grace period, after which a process manager would SIGKILL it. */
async function exitWithinGrace(s: Service, graceMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<'still running'>((resolve) => {
    timer = setTimeout(() => resolve('still running'), graceMs);
  });
  const result = await Promise.race([s.exit, killed]);
  clearTimeout(timer);
  return result;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('the production services on SIGTERM', () => {
  it('the API stops taking connections, answers the request in flight, and exits 0', async () => {
    const port = await freePort();
    const s = service('api', { PORT: String(port) });
    const url = `http://127.0.0.1:${port}`;
    await until(
      'health',
      () =>
        fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      s,
      240_000,
    );
    const children = descendants(s.child.pid!);

    // No worker serves the case yet: the registration waits for its first steps (up to 5 s).
    const cases = async () => (await env.db.selectFrom('cases').select('case_id').execute()).length;
    const before = await cases();
    const body = registrationBody();
    const inFlight = fetch(`${url}/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.token(inst)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await until('the case row of the registration in flight', async () => (await cases()) > before, s, 30_000);
    s.child.kill('SIGTERM');
    // Intake stops at once, while the request in flight is still being answered.
    await until(
      'refused connections',
      () =>
        fetch(`${url}/healthz`).then(
          () => false,
          () => true,
        ),
      s,
      10_000,
    );
    const answer = await inFlight;
    expect(answer.status).toBe(201);
    expect(await answer.json()).toMatchObject({ caseId: expect.stringMatching(/^case-/) });

    expect(await exitWithinGrace(s, API_GRACE_MS)).toEqual({ code: 0, signal: null });
    expect(s.output()).not.toMatch(/error/i);
    expect(portHolder(port)).toBeNull();
    expect(children.filter(alive)).toEqual([]);
  }, 360_000);

  it('the worker finishes the payment in flight, then exits 0', async () => {
    const s = service('worker', { PAYMENT_GATEWAY: 'http', PAYMENT_SERVICE_URL: gate.url });
    const { caseId } = await api.register(inst, registrationBody());
    await until(
      'the worker to take the case',
      async () => (await api.get(inst, caseId)).stage === 'assessment',
      s,
      240_000,
    );
    await api.assess(inst, caseId, independentAssessment);
    await api.propose(inst, caseId, { pathway: 'social_placement' });
    await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意' });
    const held = gate.arm('answer', (reference) => reference === caseId);
    await api.approveDisbursement(finance(), caseId);
    // The bank has executed the payment; its answer is held on the way to the worker.
    const hold = await held;
    const children = descendants(s.child.pid!);
    s.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(s.child.exitCode).toBeNull(); // still draining
    hold.release(true);

    expect(await exitWithinGrace(s, WORKER_GRACE_MS)).toEqual({ code: 0, signal: null });
    // The payment's activity completed before the worker left: the bank's answer is in the ledger.
    const ledger = await env.db
      .selectFrom('disbursements')
      .select(['status', 'idempotency_key'])
      .where('case_id', '=', caseId)
      .execute();
    expect(ledger).toEqual([{ status: 'paid', idempotency_key: hold.idempotencyKey }]);
    expect(bank.payments().filter((p) => p.reference === caseId)).toHaveLength(1);
    expect(children.filter(alive)).toEqual([]);

    // Nothing was lost: a worker started again finishes the case's step (the subsidy paid).
    const again = service('worker', { PAYMENT_GATEWAY: 'http', PAYMENT_SERVICE_URL: gate.url });
    await eventually(
      () => api.get(inst, caseId),
      (c) => c.subsidy?.status === 'paid',
      240_000,
    );
    again.child.kill('SIGTERM');
    expect(await exitWithinGrace(again, WORKER_GRACE_MS)).toEqual({ code: 0, signal: null });
  }, 900_000);
});
