// Fuzzing every route the API documents: seeded cases in and out of the callers' jurisdiction
// give the generator real IDs to aim at; half the requests are attacks that must be refused
// (checked one by one and by the database's fingerprint), half are plausible requests with a
// hostile part. Nothing may answer 5xx, and every error must be in the envelope.
import fc from 'fast-check';
import type { Principal } from '../../../domain/access.js';
import { createTestUser } from '../../support/accounts.js';
import { civilAffairs, institution } from '../../support/fixtures.js';
import type { ChaosEnv } from '../support/chaosEnv.js';
import { driver, expectStatus } from '../support/drive.js';
import { type Operation, discoverOperations } from '../support/fuzz/openapi.js';
import { type FuzzRequest, leafSweep, requestFor } from '../support/fuzz/requests.js';
import { type FuzzReport, emptyReport, runBatches } from '../support/fuzz/runner.js';
import { SessionPool } from '../support/fuzz/sessions.js';
import { OTHER_DIVISION, fuzzTokens } from '../support/fuzz/tokens.js';
import { type KnownIds, fromSchema } from '../support/fuzz/values.js';
import { newPerson, registrationOf } from '../support/people.js';

/** What every leaf of every body meets in the sweep. */
const SWEEP = [
  '',
  'x'.repeat(100_000),
  '\u0000',
  'a\ud800b',
  '\u0007\u001b[31m\r\n',
  '\u202e\ufeff',
  "' OR 1=1 --",
  '2026-02-30',
  '150102200805120017',
];

export interface FuzzRun {
  operations: Operation[];
  report: FuzzReport;
  /** Other jurisdictions' cases and tasks read by callers who may not see them: each must be 404. */
  crossJurisdiction: string[];
}

/** Cases at several stages here and one in another league, and their tasks. */
export async function seedCases(env: ChaosEnv): Promise<KnownIds> {
  const drive = driver(env);
  const own = [await drive.register(), await drive.register(), await drive.register()];
  await drive.toSocialPlacement(own[1]!);
  const otherInst = institution('inst-baotou-1', OTHER_DIVISION);
  const person = newPerson();
  env.registry.add(person);
  const other = await expectStatus(
    env.call(otherInst, 'POST', '/v1/cases', registrationOf(person, OTHER_DIVISION)),
    201,
  );
  env.counts.add('cases');
  const tasks = await env.db.selectFrom('tasks').select(['task_id', 'case_id']).execute();
  const standards = await env.db.selectFrom('subsidy_standards').select('standard_id').execute();
  // An account here and one in the other league, for the administrator's routes.
  const users = [
    await createTestUser(env.db, civilAffairs('150102')),
    await createTestUser(env.db, civilAffairs(OTHER_DIVISION)),
  ];
  return {
    ownCaseIds: own,
    otherCaseIds: [other.caseId],
    ownTaskIds: tasks.filter((t) => t.case_id !== other.caseId).map((t) => t.task_id),
    otherTaskIds: tasks.filter((t) => t.case_id === other.caseId).map((t) => t.task_id),
    standardIds: standards.map((s) => s.standard_id),
    userIds: users.map((u) => u.user.user_id),
  };
}

/**
 * Which callers each route lets through: one plausible request per route and principal, so that
 * most generated requests reach the handler instead of stopping at 403.
 */
async function probePermissions(
  env: ChaosEnv,
  operations: Operation[],
  ids: KnownIds,
  principals: Principal[],
): Promise<Map<string, Principal[]>> {
  const permitted = new Map<string, Principal[]>();
  for (const op of operations.filter((o) => o.authenticated)) {
    const key = `${op.method} ${op.path}`;
    for (const p of principals) {
      let url = op.path
        .replace('{caseId}', ids.ownCaseIds[0]!)
        .replace('{taskId}', ids.ownTaskIds[0] ?? 't-x')
        .replace('{id}', ids.standardIds[0] ?? 'x')
        .replace('{userId}', ids.userIds[0] ?? 'x')
        .replace('{year}', '2027');
      if (op.params.some((q) => q.in === 'query' && q.name === 'from'))
        url += `?from=${encodeURIComponent('2026-01-01T00:00:00Z')}&to=${encodeURIComponent(new Date().toISOString())}`;
      const body =
        op.body?.contentType === 'application/json'
          ? fc.sample(fromSchema(op.body.schema, ids), { numRuns: 1, seed: 7 })[0]
          : undefined;
      const res = await env.app.inject({
        method: op.method as 'GET',
        url,
        headers: {
          authorization: `Bearer ${env.token(p)}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      env.urls.push(url);
      env.counts.add('fuzzed');
      if (res.statusCode >= 500) env.counts.add('5xx');
      if (res.statusCode < 300 && body !== undefined) env.registry.addFrom(JSON.stringify(body));
      if (res.statusCode !== 403 && res.statusCode !== 401) permitted.set(key, [...(permitted.get(key) ?? []), p]);
    }
  }
  return permitted;
}

export async function runFuzz(env: ChaosEnv, count: number, seed: number): Promise<FuzzRun> {
  const ids = await seedCases(env);
  const operations = await discoverOperations(env.app);
  const tokens = fuzzTokens((p) => env.token(p));
  tokens.permitted = await probePermissions(env, operations, ids, tokens.principals);
  // One signed-in session per role, in the cases' jurisdiction.
  const sessionPrincipals = tokens.principals.filter((p, i, all) => all.findIndex((q) => q.role === p.role) === i);
  const sessions = await SessionPool.create(env.app, env.db, sessionPrincipals);
  tokens.sessions = sessions;
  const arbitraries = (attack: boolean) =>
    operations
      .map((op) => requestFor(op, ids, tokens, attack))
      .filter((a): a is fc.Arbitrary<FuzzRequest> => a !== null);
  const attacks = fc.sample(fc.oneof(...arbitraries(true)), { numRuns: Math.floor(count / 2), seed });
  const mixed = fc.sample(fc.oneof(...arbitraries(false)), { numRuns: count - attacks.length, seed: seed + 1 });
  const report = emptyReport();
  await runBatches(env, attacks, report, { batchSize: 100, concurrency: 8, sessions });
  await runBatches(env, mixed, report, { batchSize: 50, concurrency: 8, sessions });
  const sweep = operations.flatMap((op, i) => leafSweep(op, ids, tokens, SWEEP, seed + i));
  await runBatches(env, sweep, report, { batchSize: 50, concurrency: 4, sessions });

  const crossJurisdiction: string[] = [];
  const outsiders = [institution(), civilAffairs(), civilAffairs('150100')];
  for (const p of outsiders) {
    for (const url of [
      ...ids.otherCaseIds.map((c) => `/v1/cases/${c}`),
      ...ids.otherTaskIds.map((t) => `/v1/tasks/${t}`),
      ...ids.otherCaseIds.map((c) => `/v1/cases/${c}/history`),
    ]) {
      const res = await env.call(p, 'GET', url);
      if (res.status !== 404) crossJurisdiction.push(`${p.role}@${p.division} GET ${url} -> ${res.status}`);
    }
  }
  return { operations, report, crossJurisdiction };
}
