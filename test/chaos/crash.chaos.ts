// Crash tests, full run: 50 seeds in 10 worker lives of 5 cases each; every kind of kill point
// (see scenarios/crash.ts) lands at least once. Kills while an activity is in flight cost its
// start-to-close timeout (1 minute for payments) before Temporal retries it on the new worker.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KILL_MODES, runCrashSeeds } from './scenarios/crash.js';
import { type ChaosEnv, createChaosEnv } from './support/chaosEnv.js';
import { setChaosPolicies } from './support/drive.js';

let env: ChaosEnv;
beforeAll(async () => {
  env = await createChaosEnv({ name: 'crash', paymentTimeoutMs: 5000 });
  await setChaosPolicies(env.db);
});
afterAll(async () => env?.close());

it('50 seeded worker kills on the disbursement path: each case paid exactly once, ledger = bank, every case closes', async () => {
  const seeds = Array.from({ length: 50 }, (_, i) => 1000 + i);
  const run = await runCrashSeeds(env, seeds, 5, KILL_MODES);
  console.log(run.kills.join('\n'));
  expect(run.problems).toEqual([]);
  expect(run.caseIds).toHaveLength(50);
  expect(new Set(env.bank.payments().map((p) => p.reference)).size).toBe(50);
  expect(env.bank.payments()).toHaveLength(50);
});
