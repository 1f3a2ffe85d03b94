// With the worker down, a registration is still durable and answered: it waits a few seconds for
// the case's first steps, then answers with what is recorded; the case moves on when a worker
// comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../support/caseApi.js';
import { institution, registrationBody } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  env.worker.shutdown();
});
afterAll(async () => env?.close());

describe('registration without a worker', () => {
  it('answers 201 with the case as recorded instead of waiting for the worker', async () => {
    const res = await caseApi(env).call(institution(), 'POST', '/v1/cases', registrationBody());
    expect(res.statusCode).toBe(201);
    expect(res.json().stage).toBe('awaiting_adulthood');
    const described = await env.client.workflow.getHandle(res.json().caseId).describe();
    expect(described.status.name).toBe('RUNNING');
  }, 30_000); // without the bounded wait (10 s) this would hang until the test times out
});
