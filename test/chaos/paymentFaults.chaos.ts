// Payment faults at scale, full run: 60 cases paid through 20 s of timeouts, 503s and dropped
// answers (each at a seeded 20 %), then a healthy bank.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPaymentFaults } from './scenarios/paymentFaults.js';
import { type ChaosEnv, createChaosEnv } from './support/chaosEnv.js';
import { setChaosPolicies } from './support/drive.js';

let env: ChaosEnv;
beforeAll(async () => {
  env = await createChaosEnv({ name: 'payment-faults', paymentTimeoutMs: 1000 });
  await setChaosPolicies(env.db);
});
afterAll(async () => env?.close());

it('60 cases through a bank that times out, fails and drops answers: each paid once, ledger = bank', async () => {
  const run = await runPaymentFaults(env, 60, 7, 20_000);
  const ledger = await env.db.selectFrom('disbursements').select(['status']).execute();
  console.log(
    `payment faults: ${run.caseIds.length} cases, ${env.bank.payments().length} payments at the bank, ledger ${JSON.stringify(ledger.reduce<Record<string, number>>((a, r) => ({ ...a, [r.status]: (a[r.status] ?? 0) + 1 }), {}))}`,
  );
  expect(run.problems).toEqual([]);
  expect(env.bank.payments()).toHaveLength(60);
  expect(ledger).toHaveLength(60);
});
