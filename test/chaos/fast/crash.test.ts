// Fast subset of the crash tests (the full run is crash.chaos.ts): three seeds in one worker
// life, killed after the bank executed a payment whose answer was lost, then restarted.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCrashSeeds } from '../scenarios/crash.js';
import { type ChaosEnv, createChaosEnv } from '../support/chaosEnv.js';
import { setChaosPolicies } from '../support/drive.js';
import { scanPrivacy } from '../support/privacy.js';

let env: ChaosEnv;
beforeAll(async () => {
  env = await createChaosEnv({ name: 'crash-fast' });
  await setChaosPolicies(env.db);
});
afterAll(async () => env?.close());

it('a worker killed after the bank paid and lost its answer pays each case once, and every case closes', async () => {
  const run = await runCrashSeeds(env, [101, 102, 103], 3, ['answer-lost-retrying']);
  expect(run.problems).toEqual([]);
  expect(run.caseIds).toHaveLength(3);
  expect(env.bank.payments()).toHaveLength(3);
}, 120_000);

it('no name, ID number or account number reaches Temporal histories, the logs or a URL', async () => {
  const found = await scanPrivacy(env, { query: `TaskQueue = "${env.taskQueue}"` });
  expect(found.leaks).toEqual([]);
  expect(found.histories).toBeGreaterThanOrEqual(3);
}, 60_000);
