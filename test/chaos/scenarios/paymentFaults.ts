// Payment faults at scale: while the fake bank times out, answers 503 or executes and drops its
// answer at seeded rates, many cases are approved for payment at once; then the bank recovers.
// Each case is paid exactly once, and the ledger and the bank's record agree one to one.
import type { ChaosEnv } from '../support/chaosEnv.js';
import { driver, reconcile } from '../support/drive.js';
import { inParallel } from '../support/pool.js';

export interface FaultRun {
  caseIds: string[];
  problems: string[];
  /** Payment requests the bank saw fail while the faults were on (from the ledger's retries). */
  faultWindowMs: number;
}

export async function runPaymentFaults(
  env: ChaosEnv,
  cases: number,
  seed: number,
  faultWindowMs: number,
): Promise<FaultRun> {
  const drive = driver(env);
  const caseIds = await inParallel(Array.from({ length: cases }), 6, async () => {
    const caseId = await drive.register();
    await drive.toSocialPlacement(caseId);
    return caseId;
  });
  // holdMs beyond the worker's 1 s payment timeout: a "timeout" is a timeout for the worker.
  env.bank.setFaults({ timeoutRate: 0.2, errorRate: 0.2, dropAnswerRate: 0.2, seed, holdMs: 1500 });
  try {
    await inParallel(caseIds, 6, (c) => drive.approve(c));
    await new Promise((r) => setTimeout(r, faultWindowMs));
  } finally {
    env.bank.setFaults({});
  }
  await inParallel(caseIds, 8, (c) => drive.finish(c, 240_000));
  const problems: string[] = [];
  for (const caseId of caseIds) {
    const c = await drive.getCase(caseId);
    if (c.subsidy?.status !== 'paid') problems.push(`${caseId}: subsidy ${c.subsidy?.status}`);
  }
  problems.push(...(await reconcile(env, caseIds)));
  env.counts.add('payments', env.bank.payments().length);
  return { caseIds, problems, faultWindowMs };
}
