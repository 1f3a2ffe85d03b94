// Drives cases through the HTTP API as the people who use it would.
import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../../db/database.js';
import type { Principal } from '../../domain/access.js';
import type { DurationsPolicy, PolicyBodies, PolicyName } from '../../domain/policy.js';
import { shanghaiDateOf } from '../../domain/shanghaiDates.js';
import { civilAffairs, institution, uniqueRegistration } from './fixtures.js';
import type { TestEnv } from './testEnv.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

export function caseApi(env: TestEnv) {
  const call = (
    p: Principal | null,
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> =>
    env.app.inject({
      method,
      url,
      headers: { ...(p ? { authorization: `Bearer ${env.token(p)}` } : {}), ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  const ok = async (res: Promise<LightMyRequestResponse>, status = 200) => {
    const r = await res;
    if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
    return r.json();
  };
  const register = (p: Principal, body: unknown) => ok(call(p, 'POST', '/v1/cases', body), 201);
  return {
    call,
    register,
    /**
     * A social-placement case of `division` approved by civil affairs (registered, assessed as able
     * to live independently, proposed, approved): its department tasks open and its subsidy computed.
     */
    approvedCase: async (division: string): Promise<string> => {
      const inst = institution(`inst-${division}`, division);
      const { caseId } = await register(inst, uniqueRegistration(division));
      await ok(call(inst, 'POST', `/v1/cases/${caseId}/assessment`, independentAssessment));
      await ok(call(inst, 'POST', `/v1/cases/${caseId}/proposal`, { pathway: 'social_placement' }));
      await ok(
        call(civilAffairs(division), 'POST', `/v1/cases/${caseId}/review`, { decision: 'approve', comment: '同意' }),
      );
      return caseId as string;
    },
    get: (p: Principal, caseId: string) => ok(call(p, 'GET', `/v1/cases/${caseId}`)),
    assess: (p: Principal, caseId: string, body: unknown) =>
      ok(call(p, 'POST', `/v1/cases/${caseId}/assessment`, body)),
    propose: (p: Principal, caseId: string, body: unknown) => ok(call(p, 'POST', `/v1/cases/${caseId}/proposal`, body)),
    review: (p: Principal, caseId: string, body: unknown) => ok(call(p, 'POST', `/v1/cases/${caseId}/review`, body)),
    approveDisbursement: (p: Principal, caseId: string) =>
      ok(call(p, 'POST', `/v1/cases/${caseId}/disbursement/approve`, {})),
    confirmDisbursement: (p: Principal, caseId: string, voucherNo: string) =>
      ok(call(p, 'POST', `/v1/cases/${caseId}/disbursement/confirm`, { voucherNo })),
    correct: (p: Principal, caseId: string, body: unknown) => ok(call(p, 'PATCH', `/v1/cases/${caseId}`, body)),
    withdraw: (p: Principal, caseId: string, body: unknown) =>
      ok(call(p, 'POST', `/v1/cases/${caseId}/withdraw`, body)),
    inbox: (p: Principal, query = '') => ok(call(p, 'GET', `/v1/tasks${query ? `?${query}` : ''}`)),
    task: (p: Principal, taskId: string) => ok(call(p, 'GET', `/v1/tasks/${taskId}`)),
    complete: (p: Principal, taskId: string, outcome = 'done', note = '') =>
      ok(call(p, 'POST', `/v1/tasks/${taskId}/complete`, { outcome, note })),
    block: (p: Principal, taskId: string, reason: string) =>
      ok(call(p, 'POST', `/v1/tasks/${taskId}/block`, { reason })),
  };
}

/** Polls until `check` holds (a transition projected, a timer fired), or fails with the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

/** Puts a policy version in force from today in this test file's own database. */
export async function setPolicy<N extends PolicyName>(
  db: Db,
  name: N,
  body: PolicyBodies[N],
  division = '150000',
): Promise<void> {
  const today = shanghaiDateOf(new Date());
  await db
    .insertInto('policies')
    .values({
      policy_id: crypto.randomUUID(),
      name,
      division_code: division,
      effective_from: today,
      body: JSON.stringify(body),
      note: 'test',
    })
    .onConflict((oc) =>
      oc.columns(['name', 'division_code', 'effective_from']).doUpdateSet({ body: JSON.stringify(body) }),
    )
    .execute();
}

/** The production durations scaled down to seconds, so every timer fires within a test. */
export function fastDurations(overrides: Partial<DurationsPolicy> = {}): DurationsPolicy {
  return {
    transitionLeadTime: { days: 90 },
    reassessmentLeadTime: { days: 0 },
    taskSla: { default: { seconds: 3600 } },
    reminderBeforeDue: { seconds: 60 },
    escalationInterval: { seconds: 3600 },
    followUpsAfterPlacement: [{ seconds: 1 }, { seconds: 2 }, { seconds: 3 }],
    destituteReviewInterval: { seconds: 2 },
    ...overrides,
  };
}

export const independentAssessment = {
  canLiveIndependently: true,
  basis: '身体健康，具备劳动能力',
  hasIncome: false,
  wishes: 'social_placement',
  selfCare: 'full',
};
