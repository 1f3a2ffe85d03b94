// Crash tests: the worker is SIGKILLed at a seeded point of the disbursement path and restarted.
// Each seed is one case, approved at a seeded moment; the first seed of each worker life picks
// where the kill lands (before the bank, after the bank executed but before the worker heard,
// with the bank's answer lost, during the ledger write, during the audit write, or at random).
// Afterwards every case is paid exactly once, its ledger row matches the bank, and it closes.
import { temporal } from '@temporalio/proto';
import { sql } from 'kysely';
import pg from 'pg';
import { eventually } from '../../support/caseApi.js';
import type { ChaosEnv } from '../support/chaosEnv.js';
import { driver, reconcile } from '../support/drive.js';
import { mulberry32 } from '../support/random.js';

export const KILL_MODES = [
  'answer-held',
  'ledger-write',
  'answer-lost',
  'before-bank',
  'audit-write',
  'random',
  'answer-lost-retrying',
] as const;
export type KillMode = (typeof KILL_MODES)[number];

export interface CrashRun {
  caseIds: string[];
  /** Where each life's kill landed, and what each seed's case had reached by then. */
  kills: string[];
  problems: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every few milliseconds: the kill must land while the moment lasts. */
async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`kill point never reached: ${what}`);
    await sleep(5);
  }
}

/** A second connection holds a row lock, so the worker's write blocks until the kill. */
async function lockRow(env: ChaosEnv, query: string, params: unknown[]): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: env.databaseUrl });
  await c.connect();
  await c.query('BEGIN');
  await c.query(query, params);
  return c;
}

async function workerWaitsOnLock(env: ChaosEnv): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = 'chaos-worker' AND wait_event_type = 'Lock'`.execute(
    env.db,
  );
  return (rows[0]?.n ?? 0) > 0;
}

/** The payment failed at least once and waits for its retry (not running: a kill then strands nothing). */
async function paymentBetweenAttempts(env: ChaosEnv, caseId: string): Promise<boolean> {
  const d = await env.client.workflow.getHandle(caseId).describe();
  const pending = d.raw.pendingActivities?.find((a) => a.activityType?.name === 'disburseSubsidy');
  return (
    (pending?.attempt ?? 0) >= 2 &&
    pending?.state === temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED
  );
}

/** Arms the kill for `caseId`, approves it, and resolves once the worker is dead. */
async function killAt(
  env: ChaosEnv,
  mode: KillMode,
  caseId: string,
  approve: () => Promise<unknown>,
  random: () => number,
): Promise<string> {
  const matches = (ref: string) => ref === caseId;
  switch (mode) {
    case 'random': {
      await approve();
      const delay = Math.floor(random() * 1500);
      await sleep(delay);
      await env.worker.kill();
      return `random, ${delay} ms after approval`;
    }
    case 'before-bank':
    case 'answer-held': {
      const held = env.gate.arm(mode === 'before-bank' ? 'request' : 'answer', matches);
      await approve();
      const hold = await held;
      await env.worker.kill();
      hold.release(false);
      return mode === 'before-bank'
        ? 'payment request on its way, the bank not reached'
        : 'bank executed, its answer not yet delivered';
    }
    case 'answer-lost':
    case 'answer-lost-retrying': {
      env.bank.setFaults({ dropAnswerRate: 1 });
      try {
        await approve();
        await until(() => env.bank.payments().some((p) => p.reference === caseId), 'the bank executes the payment');
        if (mode === 'answer-lost-retrying')
          await until(() => paymentBetweenAttempts(env, caseId), 'the lost answer waits for its retry');
        await env.worker.kill();
      } finally {
        env.bank.setFaults({});
      }
      return mode === 'answer-lost' ? 'bank executed, answer lost' : 'bank executed, answer lost, retry pending';
    }
    case 'ledger-write':
    case 'audit-write': {
      const held = env.gate.arm('answer', matches);
      await approve();
      const hold = await held;
      const lock =
        mode === 'ledger-write'
          ? await lockRow(env, 'SELECT 1 FROM disbursements WHERE case_id = $1 FOR UPDATE', [caseId])
          : await lockRow(env, 'SELECT 1 FROM audit_heads WHERE chain_id = $1 FOR UPDATE', [caseId]);
      try {
        hold.release(true);
        await until(() => workerWaitsOnLock(env), `the worker blocks in the ${mode}`);
        await env.worker.kill();
      } finally {
        await lock.query('ROLLBACK');
        await lock.end();
      }
      return mode === 'ledger-write'
        ? 'bank executed, ledger update in flight'
        : 'ledger paid, audit event of the payment in flight';
    }
  }
}

async function stateOf(env: ChaosEnv, caseId: string): Promise<string> {
  const row = await env.db
    .selectFrom('disbursements')
    .select('status')
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  const atBank = env.bank.payments().some((p) => p.reference === caseId);
  return `ledger=${row?.status ?? 'none'} bank=${atBank ? 'paid' : 'none'}`;
}

export async function runCrashSeeds(
  env: ChaosEnv,
  seeds: number[],
  seedsPerLife: number,
  modes: readonly KillMode[] = KILL_MODES,
): Promise<CrashRun> {
  const drive = driver(env);
  const run: CrashRun = { caseIds: [], kills: [], problems: [] };
  for (let life = 0; life * seedsPerLife < seeds.length; life++) {
    const lifeSeeds = seeds.slice(life * seedsPerLife, (life + 1) * seedsPerLife);
    const caseIds = await Promise.all(
      lifeSeeds.map(async () => {
        const caseId = await drive.register();
        await drive.toSocialPlacement(caseId);
        return caseId;
      }),
    );
    run.caseIds.push(...caseIds);
    const mode = modes[life % modes.length]!;
    // The other seeds' cases are approved at their own seeded moments around the kill, so that
    // it finds them at different points: not yet approved, at the bank, in the ledger, done.
    const others = lifeSeeds.slice(1).map(async (seed, i) => {
      await sleep(Math.floor(mulberry32(seed)() * 700));
      await drive.approve(caseIds[i + 1]!).catch(() => {});
    });
    await sleep(350);
    const where = await killAt(env, mode, caseIds[0]!, () => drive.approve(caseIds[0]!), mulberry32(lifeSeeds[0]!));
    const states = await Promise.all(caseIds.map((c) => stateOf(env, c)));
    run.kills.push(`seeds ${lifeSeeds.join(',')}: killed (${where}); ${states.join('; ')}`);
    await env.startWorker();
    await Promise.all(others);
    env.counts.add('seeds', lifeSeeds.length);
  }
  // An approval that met the dead worker was refused or lost: a real finance officer looks and approves again.
  for (const caseId of run.caseIds) {
    const c = await drive.getCase(caseId);
    if (c.subsidy?.status === 'computed') await drive.approve(caseId);
  }
  await Promise.all(run.caseIds.map((c) => drive.finish(c, 180_000)));
  for (const caseId of run.caseIds) {
    const c = await drive.getCase(caseId);
    if (c.subsidy?.status !== 'paid') run.problems.push(`${caseId}: subsidy ${c.subsidy?.status}`);
  }
  run.problems.push(...(await reconcile(env, run.caseIds)));
  env.counts.add('payments', env.bank.payments().length);
  await eventually(
    async () => env.worker.alive(),
    (a) => a,
  );
  return run;
}
