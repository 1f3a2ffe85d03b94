// REGRESSION tests for defects the chaos suite found in product code. Each fails until its defect
// is fixed; the fuzzer counts the router's answers apart meanwhile (runner.ts `knownDefects`), so
// that the rest of the run stays meaningful. The U+0000 / surrogate ones pass since
// api/plugins/inputGuard.ts refuses such text at the door; they stay as regression tests.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, independentAssessment } from '../support/caseApi.js';
import { civilAffairs } from '../support/fixtures.js';
import { type ChaosEnv, type Json, type Reply, createChaosEnv } from './support/chaosEnv.js';
import { fastDurations, setPolicy } from '../support/caseApi.js';
import { parallelCompletions } from './scenarios/races.js';
import { driver, expectStatus, inst, setChaosPolicies } from './support/drive.js';
import { newPerson, registrationOf } from './support/people.js';

let env: ChaosEnv;
beforeAll(async () => {
  env = await createChaosEnv({ name: 'known-defects' });
  await setChaosPolicies(env.db);
});
afterAll(async () => env?.close());

/** The answer, or a 'no answer' marker after `ms`: the defect below makes requests hang. */
async function within(
  ms: number,
  res: Promise<Reply>,
): Promise<{ status: number | 'no answer'; code?: string; requestId?: string }> {
  const timeout = new Promise<null>((r) => setTimeout(() => r(null), ms));
  const r = await Promise.race([res, timeout]);
  if (!r) return { status: 'no answer' };
  let body: Json = {};
  try {
    body = r.json();
  } catch {
    // not JSON: the shape check below fails on its own
  }
  return {
    status: r.status,
    code: body.error?.code,
    requestId: typeof body.requestId === 'string' ? 'present' : body.requestId,
  };
}

describe('REGRESSION: U+0000 and unpaired surrogates in request bodies', () => {
  // PostgreSQL refuses U+0000 in text and jsonb, and "\ud800" (what JSON.stringify makes of an
  // unpaired surrogate) in jsonb. Without a guard, registration answered 500, and a case action
  // was applied by the workflow whose recordCaseEvent activity then failed forever ("unsupported
  // Unicode escape sequence"): the request never answered and the case was stuck.
  it('REGRESSION: a name with U+0000 is refused with 400 VALIDATION_FAILED, not 500', async () => {
    const body = registrationOf(newPerson());
    body.person.name = '张\u0000三';
    expect(await within(10_000, env.call(inst, 'POST', '/v1/cases', body))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      requestId: 'present',
    });
  });

  it('REGRESSION: a bank name with an unpaired surrogate is refused with 400, not 500', async () => {
    const body = registrationOf(newPerson());
    body.person.bankAccount.bank = '银行\ud800';
    expect(await within(10_000, env.call(inst, 'POST', '/v1/cases', body))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      requestId: 'present',
    });
  });

  it('REGRESSION: an assessment whose basis holds U+0000 is refused at once, and the case goes on', async () => {
    const caseId = await driver(env).register();
    const answer = await within(
      10_000,
      env.call(inst, 'POST', `/v1/cases/${caseId}/assessment`, { ...independentAssessment, basis: '健康\u0000' }),
    );
    expect(answer).toEqual({ status: 400, code: 'VALIDATION_FAILED', requestId: 'present' });
    const next = await within(10_000, env.call(inst, 'POST', `/v1/cases/${caseId}/assessment`, independentAssessment));
    expect(next.status).toBe(200);
  }, 30_000);
});

// api/app.ts gives Fastify no `frameworkErrors` handler, so the router's own refusals answer
// {"error":"Bad Request","code":"FST_ERR_BAD_URL"|"FST_ERR_MAX_PARAM_LENGTH","statusCode":...}.
it('REGRESSION: a URL that is not UTF-8, or an over-long path parameter, is refused in the envelope', async () => {
  expect(await within(5000, env.call(civilAffairs(), 'GET', '/v1/cases/%ED%A0%80'))).toEqual({
    status: 400,
    code: 'VALIDATION_FAILED',
    requestId: 'present',
  });
  const long = await within(5000, env.call(civilAffairs(), 'GET', `/v1/cases/${'x'.repeat(101)}`));
  expect({ code: long.code, requestId: long.requestId }).toEqual({ code: 'VALIDATION_FAILED', requestId: 'present' });
});

// The tasks routes send the Update without checking that the case still runs: the retry of the
// completion that closed the case (its last follow-up visit) answers 404 "case not found", where
// the contract says a task already done answers 409 CONFLICT.
it('REGRESSION: completing again the visit that closed the case answers 409 CONFLICT, not 404', async () => {
  const drive = driver(env);
  const caseId = await drive.register();
  await drive.toSocialPlacement(caseId);
  await drive.approve(caseId);
  await drive.finish(caseId);
  const done = await expectStatus(env.call(civilAffairs(), 'GET', `/v1/tasks?caseId=${caseId}&status=done`), 200);
  const visit = done.items.find((t: { kind: string }) => t.kind === 'follow_up_visit');
  await eventually(
    () => drive.getCase(caseId),
    (c) => c.stage === 'closed',
  );
  const again = await within(
    10_000,
    env.call(civilAffairs(), 'POST', `/v1/tasks/${visit.taskId}/complete`, { outcome: 'visited', note: '' }),
  );
  expect({ status: again.status, code: again.code }).toEqual({ status: 409, code: 'CONFLICT' });
}, 120_000);

// db/database.ts listens for errors on idle pooled clients only. A client checked out by a
// transaction that awaits something else (registration starts the workflow inside its
// transaction) emits 'error' with no listener when PostgreSQL terminates the connection (a
// restart, a failover, pg_terminate_backend): the API or worker process crashes. The restarts
// test therefore restarts PostgreSQL only once every registration is done.
it('REGRESSION: a process survives PostgreSQL ending the connection of a transaction in progress', async () => {
  const script = fileURLToPath(new URL('./support/idleInTransaction.ts', import.meta.url));
  const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, DATABASE_URL: env.databaseUrl },
  }).catch((err: { stdout?: string; stderr?: string }) => ({ stdout: err.stdout ?? '', stderr: err.stderr ?? '' }));
  expect({ survived: run.stdout.includes('survived'), error: /Unhandled 'error' event/.test(run.stderr) }).toEqual({
    survived: true,
    error: false,
  });
}, 30_000);

// Since the case's database work runs as local activities (9abca7a), some of 50 simultaneous
// completions of one task are rejected by the Temporal server itself ("Workflow Update is rejected
// because it wasn't processed by worker..."), and errorHandler.ts maps any update failure of an
// unknown type to 409 INVALID_STAGE: the client reads "wrong stage" plus Temporal's internals where
// the contract says 409 CONFLICT, task already done. Three rounds, as it depends on timing.
it('REGRESSION: every loser of 50 simultaneous completions hears CONFLICT, never a Temporal rejection as INVALID_STAGE', async () => {
  await setPolicy(env.db, 'durations', fastDurations({ followUpsAfterPlacement: [{ seconds: 1 }, { seconds: 3600 }] }));
  const messages: Record<string, string> = {};
  for (let round = 0; round < 3; round++) Object.assign(messages, (await parallelCompletions(env, 50)).messages);
  expect(Object.keys(messages)).toEqual(['CONFLICT']);
}, 120_000);
