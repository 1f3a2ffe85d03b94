// `npm run test:cluster`: the production topology (tools/cluster: Temporal server v1.29.1 as four
// processes on PostgreSQL, 4 history shards, 2 APIs, 2 workers) carries CLUSTER_CASES cases (200)
// through every pathway, requests spread over both APIs, while the suite SIGKILLs a worker in the
// middle of a disbursement (the bank has executed it, its answer is held) three times, SIGKILLs
// and restarts the history service, restarts matching, SIGKILLs an API instance with requests in
// flight (the client retries the same Idempotency-Key on the other one) and restarts PostgreSQL.
// Then every case is at its pathway's stage, paid once (ledger = bank), without a duplicate task
// or audit event, every chain verifies and visibility finds every case by CaseStage.
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/database.js';
import { verifyChain } from '../../db/repositories/auditVerify.js';
import type { TaskPlanPolicy } from '../../domain/policy.js';
import { startFakeBank, type FakeBank } from '../../tools/fake-bank/fakeBank.js';
import { connectionOwner, descendants } from '../../tools/process/ports.js';
import { type Cluster, startCluster } from '../../tools/cluster/topology.js';
import { fastDurations, independentAssessment, setPolicy } from '../support/caseApi.js';
import { civilAffairs, finance, institution } from '../support/fixtures.js';
import { type BankGate, startBankGate } from '../chaos/support/bankGate.js';
import { newPerson, registrationOf } from '../chaos/support/people.js';
import { inParallel } from '../chaos/support/pool.js';
import { ClusterClient, latency } from './support/client.js';

const CASES = Number(process.env.CLUSTER_CASES ?? 200);
const CONCURRENCY = 8;
type Pathway = 'social' | 'centralized' | 'dispersed' | 'withdrawn';
/** A case as GET /v1/cases/{id} answers it: only what the suite reads. */
type CaseView = {
  stage: string;
  assessment: unknown;
  proposal: unknown;
  reviews: unknown[];
  subsidy: { status: string } | null;
};
const EXPECTED: Record<Pathway, string> = {
  social: 'closed',
  centralized: 'supported',
  dispersed: 'supported',
  withdrawn: 'withdrawn',
};
/** Half the cases are paid; the rest spread over the destitute pathways and withdrawal. */
const pathwayOf = (i: number): Pathway =>
  (['social', 'social', 'centralized', 'social', 'dispersed', 'withdrawn'] as const)[i % 6]!;

const plan: TaskPlanPolicy = {
  social_placement: [{ kind: 'subsidy_disbursement', department: 'finance', when: 'always' }],
  destitute_centralized: [{ kind: 'arrange_support_institution', department: 'civil_affairs', when: 'always' }],
  destitute_dispersed: [{ kind: 'record_dispersed_support', department: 'civil_affairs', when: 'always' }],
};

const inst = institution();
const dir = mkdtempSync(join(tmpdir(), 'resettlement-cluster-'));
chmodSync(dir, 0o755);
let cluster: Cluster;
let bank: FakeBank;
let gate: BankGate;
let db: Db;
let client: ClusterClient;
const faults: Array<{ what: string; at: number; took: number }> = [];
const log = (line: string) => console.log(`[cluster ${new Date().toISOString().slice(11, 19)}] ${line}`);

beforeAll(async () => {
  bank = await startFakeBank({ port: 0 });
  gate = await startBankGate(bank.url);
  cluster = await startCluster({
    dir,
    log,
    productEnv: { PAYMENT_GATEWAY: 'http', PAYMENT_SERVICE_URL: gate.url, RATE_LIMIT_PER_MINUTE: '100000' },
  });
  db = createDb({ connectionString: cluster.databaseUrl, maxConnections: 4 });
  await setPolicy(
    db,
    'durations',
    fastDurations({ followUpsAfterPlacement: [{ seconds: 1 }], destituteReviewInterval: { days: 365 } }),
  );
  await setPolicy(db, 'task_plan', plan);
  client = new ClusterClient(cluster.apiUrls, cluster.jwtSecret);
}, 1_200_000);

afterAll(async () => {
  await db?.destroy();
  await cluster?.stop();
  await gate?.close();
  await bank?.close();
  if (!process.env.CLUSTER_KEEP) rmSync(dir, { recursive: true, force: true });
}, 300_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function fault(what: string, run: () => Promise<void>): Promise<void> {
  const at = Date.now();
  await run();
  faults.push({ what, at, took: Date.now() - at });
  log(`${what} (${Date.now() - at} ms)`);
}

/** An action; when its answer was lost to a fault and the retry is refused, it may have landed all the same. */
async function act(
  p: ReturnType<typeof institution>,
  caseId: string,
  path: string,
  body: unknown,
  landed: (c: CaseView) => boolean,
) {
  const r = await client.call(p, 'POST', `/v1/cases/${caseId}${path}`, body);
  if (r.status < 300) return r.json();
  const now = await client.ok(inst, 'GET', `/v1/cases/${caseId}`);
  if (landed(now)) return now;
  throw new Error(`POST ${path} on ${caseId}: ${r.status} ${r.body.slice(0, 300)}`);
}

async function waitFor(caseId: string, check: (c: CaseView) => boolean, what: string, ms = 600_000): Promise<CaseView> {
  const deadline = Date.now() + ms;
  for (;;) {
    const c = await client.ok(inst, 'GET', `/v1/cases/${caseId}`);
    if (check(c)) return c;
    if (Date.now() > deadline) throw new Error(`${caseId} never ${what}: stage ${c.stage}`);
    await sleep(1_000);
  }
}

async function completeTask(caseId: string, kind: string, outcome: string, note: string): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const inbox = await client.ok(civilAffairs(), 'GET', `/v1/tasks?caseId=${caseId}&status=open`);
    const task = inbox.items.find((t: { kind: string }) => t.kind === kind);
    if (task) {
      const r = await client.call(civilAffairs(), 'POST', `/v1/tasks/${task.taskId}/complete`, { outcome, note });
      if (r.status === 200) return;
      const again = await client.ok(civilAffairs(), 'GET', `/v1/tasks/${task.taskId}`);
      if (again.status === 'done') return;
      throw new Error(`completing ${kind} of ${caseId}: ${r.status} ${r.body.slice(0, 300)}`);
    }
    if (Date.now() > deadline) throw new Error(`${caseId}: no open ${kind} task`);
    await sleep(1_000);
  }
}

let approvals = 0;
let finished = 0;

async function register(pathway: Pathway): Promise<string> {
  const person = newPerson();
  const body = registrationOf(person);
  const disability =
    pathway === 'centralized'
      ? { category: 'intellectual', grade: 2 }
      : pathway === 'dispersed'
        ? { category: 'visual', grade: 1 }
        : null;
  const r = await client.call(inst, 'POST', '/v1/cases', {
    ...body,
    person: { ...body.person, ...(disability ? { disability } : {}) },
  });
  const caseId = (r.json().caseId ?? r.json().error?.details?.caseId) as string | undefined;
  if (!caseId) throw new Error(`registration answered ${r.status} ${r.body.slice(0, 300)}`);
  return caseId;
}

const unableToWork = { canLiveIndependently: false, basis: '智力残疾二级，无劳动能力', hasIncome: false };

async function drive(caseId: string, pathway: Pathway): Promise<void> {
  const assessment =
    pathway === 'centralized'
      ? { ...unableToWork, wishes: 'social_placement', selfCare: 'none' }
      : pathway === 'dispersed'
        ? { ...unableToWork, basis: '视力残疾一级', wishes: 'social_placement', selfCare: 'partial' }
        : independentAssessment;
  await act(inst, caseId, '/assessment', assessment, (c) => c.assessment !== null);
  if (pathway === 'withdrawn') {
    await act(inst, caseId, '/withdraw', { reason: 'adopted', note: '已被家庭收养' }, (c) => c.stage === 'withdrawn');
    return;
  }
  const target =
    pathway === 'social'
      ? 'social_placement'
      : pathway === 'centralized'
        ? 'destitute_centralized'
        : 'destitute_dispersed';
  await act(inst, caseId, '/proposal', { pathway: target }, (c) => c.proposal !== null);
  await act(civilAffairs(), caseId, '/review', { decision: 'approve', comment: '同意' }, (c) => c.reviews.length > 0);
  if (pathway === 'social') {
    await act(finance(), caseId, '/disbursement/approve', {}, (c) => c.subsidy?.status !== 'computed');
    approvals++;
    await waitFor(caseId, (c) => c.stage === 'placed' || c.stage === 'closed', 'got to placed');
    await completeTask(caseId, 'follow_up_visit', 'visited', '生活稳定');
    await waitFor(caseId, (c) => c.stage === 'closed', 'closed');
  } else {
    await completeTask(
      caseId,
      target === 'destitute_centralized' ? 'arrange_support_institution' : 'record_dispersed_support',
      'done',
      '已办结',
    );
    await waitFor(caseId, (c) => c.stage === 'supported', 'got to supported');
  }
}

/** Kills the worker process whose connection carries a payment the bank has executed. */
async function killWorkerMidDisbursement(n: number): Promise<void> {
  const hold = await Promise.race([gate.arm('answer', () => true), sleep(180_000).then(() => null)]);
  if (!hold) throw new Error(`no disbursement reached the bank for worker kill ${n}`);
  const payer = connectionOwner(hold.remotePort);
  const worker = cluster.workers.find((w) => {
    const pid = w.child().pid;
    return payer !== null && (pid === payer || descendants(pid).includes(payer));
  });
  if (!worker) {
    hold.release(true);
    throw new Error(`the paying process ${payer} is none of the workers`);
  }
  await fault(`SIGKILL ${worker.name} while the bank's answer to a payment is held`, async () => {
    await worker.kill();
    hold.release(false);
    await worker.start();
  });
}

async function chaos(phase: 'registration' | 'driving', progress: () => number): Promise<void> {
  const until = async (n: number) => {
    while (progress() < n) await sleep(250);
  };
  if (phase === 'registration') {
    await until(Math.floor(CASES / 3));
    await fault('SIGKILL api-1 with requests in flight, restarted', async () => {
      await cluster.apis[0]!.kill();
      await sleep(3_000);
      await cluster.apis[0]!.start();
    });
    return;
  }
  await until(5);
  await killWorkerMidDisbursement(1);
  await until(Math.floor(CASES * 0.15));
  await fault('SIGKILL the history service, restarted', async () => {
    await cluster.temporal.history.kill();
    await cluster.temporal.history.start();
  });
  await killWorkerMidDisbursement(2);
  await until(Math.floor(CASES * 0.35));
  await fault('restart the matching service (SIGTERM, start)', async () => {
    await cluster.temporal.matching.stop();
    await cluster.temporal.matching.start();
  });
  await until(Math.floor(CASES * 0.5));
  await killWorkerMidDisbursement(3);
  await until(Math.floor(CASES * 0.65));
  await fault('restart PostgreSQL (fast shutdown, start)', async () => {
    await cluster.postgres.stop();
    await cluster.postgres.start();
  });
}

it(`${CASES} cases through every pathway on the cluster, through worker, history, matching, API and PostgreSQL faults`, async () => {
  const started = Date.now();
  const pathways = Array.from({ length: CASES }, (_, i) => pathwayOf(i));
  // Registration first (it holds a transaction across the Temporal call: see test/chaos's known defects).
  let registered = 0;
  const [caseIds] = await Promise.all([
    inParallel(pathways, CONCURRENCY, async (p) => {
      const id = await register(p);
      registered++;
      return id;
    }),
    chaos('registration', () => registered),
  ]);
  log(`${caseIds.length} cases registered`);
  const chaosDone = chaos('driving', () => finished + approvals);
  await inParallel(
    caseIds.map((id, i) => [id, pathways[i]!] as const),
    CONCURRENCY,
    async ([id, p]) => {
      await drive(id, p);
      finished++;
    },
  );
  await chaosDone;
  gate.disarm();
  log(`${finished} cases driven in ${Math.round((Date.now() - started) / 1000)} s`);

  // Every case at its pathway's stage.
  const stages = await inParallel(
    caseIds,
    CONCURRENCY,
    async (id) => (await client.ok(inst, 'GET', `/v1/cases/${id}`)).stage as string,
  );
  expect(
    stages.map((s, i) => (s === EXPECTED[pathways[i]!] ? 'ok' : `${caseIds[i]}: ${s}`)).filter((s) => s !== 'ok'),
  ).toEqual([]);

  // One payment per paid case, the ledger equal to the bank.
  const paidCases = caseIds.filter((_, i) => pathways[i] === 'social');
  const atBank = bank.payments();
  const ledger = await db.selectFrom('disbursements').selectAll().execute();
  const problems: string[] = [];
  for (const caseId of paidCases) {
    const paid = atBank.filter((p) => p.reference === caseId);
    const rows = ledger.filter((r) => r.case_id === caseId && r.status === 'paid');
    if (paid.length !== 1 || rows.length !== 1) problems.push(`${caseId}: bank ${paid.length}, ledger ${rows.length}`);
    else if (rows[0]!.idempotency_key !== paid[0]!.idempotencyKey || rows[0]!.amount_fen !== paid[0]!.amountFen)
      problems.push(`${caseId}: ledger and bank differ`);
  }
  expect(problems).toEqual([]);
  expect(atBank).toHaveLength(paidCases.length);

  // No task opened twice, no once-only audit event recorded twice.
  const duplicateTasks = await db
    .selectFrom('tasks')
    .select(['case_id', 'kind', sql<number>`count(*)::int`.as('n')])
    .where('kind', 'not in', ['destitute_annual_review', 'follow_up_visit'])
    .groupBy(['case_id', 'kind', 'department'])
    .having(sql`count(*)`, '>', 1)
    .execute();
  const duplicateEvents = await db
    .selectFrom('audit_events')
    .select(['chain_id', 'action', sql<number>`count(*)::int`.as('n')])
    .where('action', 'in', [
      'case.registered',
      'assessment.submitted',
      'review.decided',
      'subsidy.computed',
      'subsidy.approved',
      'subsidy.paid',
      'pathway.planned',
      'pathway.tasks_planned',
    ])
    .groupBy(['chain_id', 'action'])
    .having(sql`count(*)`, '>', 1)
    .execute();
  const duplicateCompletions = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT chain_id, data->>'taskId' FROM audit_events WHERE action = 'task.completed'
      GROUP BY 1, 2 HAVING count(*) > 1) d`.execute(db);
  expect(duplicateTasks).toEqual([]);
  expect(duplicateEvents).toEqual([]);
  expect(duplicateCompletions.rows[0]!.n).toBe(0);

  // Every chain verifies.
  const broken: string[] = [];
  for (const id of caseIds) {
    const v = await verifyChain(db, id);
    if (!v.valid) broken.push(id);
  }
  expect(broken).toEqual([]);

  // Visibility (PostgreSQL) finds every case by its stage.
  const connection = await Connection.connect({ address: cluster.temporalAddress });
  const temporal = new Client({ connection, namespace: cluster.namespace });
  const missing: string[] = [];
  for (const stage of new Set(Object.values(EXPECTED))) {
    const want = caseIds.filter((_, i) => EXPECTED[pathways[i]!] === stage);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = new Set<string>();
      for await (const w of temporal.workflow.list({ query: `CaseStage = "${stage}"` })) found.add(w.workflowId);
      const lacking = want.filter((id) => !found.has(id));
      if (lacking.length === 0 || Date.now() > deadline) {
        missing.push(...lacking.map((id) => `${id} (${stage})`));
        break;
      }
      await sleep(2_000);
    }
  }
  await connection.close();

  // What each fault did to the latency of requests started in the 30 s after it, against the run's.
  const all = latency(client.samples, 0, Date.now());
  for (const f of faults) {
    const l = latency(client.samples, f.at, f.at + 30_000);
    log(`latency after "${f.what}": p50 ${l.p50} ms, max ${l.max} ms over ${l.n} requests (run p50 ${all.p50} ms)`);
  }
  const count = (p: Pathway) => pathways.filter((x) => x === p).length;
  console.log(
    `cluster: cases=${CASES} social=${count('social')} centralized=${count('centralized')} dispersed=${count('dispersed')} ` +
      `withdrawn=${count('withdrawn')} payments=${atBank.length} worker_kills=3 history_kills=1 matching_restarts=1 ` +
      `api_kills=1 postgres_restarts=1 requests=${client.samples.length} retries=${client.retries} ` +
      `failovers=${client.failovers} duplicates=0 chains=${caseIds.length} visibility=${caseIds.length - missing.length} ` +
      `seconds=${Math.round((Date.now() - started) / 1000)}`,
  );
  expect(missing).toEqual([]);
}, 3_600_000);
