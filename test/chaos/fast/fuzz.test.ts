// Fast subset of the fuzzer (the full run is fuzz.chaos.ts): 1,000 generated requests across
// every route in the OpenAPI document.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runFuzz } from '../scenarios/fuzz.js';
import { type ChaosEnv, createChaosEnv } from '../support/chaosEnv.js';
import { setChaosPolicies } from '../support/drive.js';
import { scanPrivacy } from '../support/privacy.js';

let env: ChaosEnv;
beforeAll(async () => {
  env = await createChaosEnv({ name: 'fuzz-fast' });
  await setChaosPolicies(env.db);
});
afterAll(async () => env?.close());

it('1,000 hostile requests: no 5xx, every error in the envelope, every attack refused, refused batches change nothing', async () => {
  const started = Date.now();
  const { operations, report, crossJurisdiction } = await runFuzz(env, 1000, 20261129);
  console.log(
    `fuzz: ${operations.length} operations, ${report.sent} requests in ${Date.now() - started} ms, by status ${JSON.stringify(report.status)}`,
  );
  expect(operations.length).toBeGreaterThanOrEqual(20);
  expect(report.sent).toBeGreaterThanOrEqual(1000);
  expect(report.serverErrors).toEqual([]);
  expect(report.hung).toEqual([]);
  expect(report.badEnvelopes).toEqual([]);
  expect(report.acceptedAttacks).toEqual([]);
  expect(report.stateChanges).toEqual([]);
  expect(report.batchesCompared).toBeGreaterThanOrEqual(5);
  expect(crossJurisdiction).toEqual([]);
  expect((await env.call(null, 'GET', '/healthz')).status).toBe(200);
  expect(env.worker.alive()).toBe(true);
}, 180_000);

it('no name, ID number or account number reaches Temporal histories, the logs or a URL', async () => {
  const found = await scanPrivacy(env, { query: `TaskQueue = "${env.taskQueue}"` });
  expect(found.leaks).toEqual([]);
}, 60_000);
