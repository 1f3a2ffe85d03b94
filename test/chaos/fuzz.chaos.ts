// Fuzzing, full run: 10,000 generated requests across every route in the OpenAPI document
// (scenarios/fuzz.ts), then the privacy scan of this file's workflows.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runFuzz, type FuzzRun } from './scenarios/fuzz.js';
import { type ChaosEnv, createChaosEnv } from './support/chaosEnv.js';
import { setChaosPolicies } from './support/drive.js';

let env: ChaosEnv;
let run: FuzzRun;
beforeAll(async () => {
  env = await createChaosEnv({ name: 'fuzz' });
  await setChaosPolicies(env.db);
});
afterAll(async () => env?.close());

it('10,000 hostile requests: no 5xx, every error in the envelope, every attack refused, refused batches change nothing', async () => {
  run = await runFuzz(env, 10_000, 424242);
  const { report } = run;
  console.log(
    `fuzz: ${run.operations.length} operations, ${report.sent} requests, by status ${JSON.stringify(report.status)}, ${report.batchesCompared} refused batches compared`,
  );
  expect(report.sent).toBeGreaterThanOrEqual(10_000);
  expect(report.serverErrors).toEqual([]);
  expect(report.hung).toEqual([]);
  expect(report.badEnvelopes).toEqual([]);
  expect(report.acceptedAttacks).toEqual([]);
  expect(report.stateChanges).toEqual([]);
  expect(report.batchesCompared).toBeGreaterThanOrEqual(50);
  expect(run.crossJurisdiction).toEqual([]);
  expect((await env.call(null, 'GET', '/healthz')).status).toBe(200);
  expect(env.worker.alive()).toBe(true);
  // Answers of the known router defect (knownDefects.chaos.ts), counted apart.
  console.log(`fuzz: ${report.knownDefects.length} answers of the known router defect`);
});
