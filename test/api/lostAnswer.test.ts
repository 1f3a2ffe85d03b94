// An action applied by the workflow whose answer was lost (the API instance died before it
// answered or kept the answer for its Idempotency-Key): the client retries with the same key on
// another instance, which finds the read model already past the action (the task done, the case
// withdrawn). The retry is answered as the first attempt would have been, from the Update's
// outcome, instead of a 409; a new key for the same action is still refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskPlanPolicy } from '../../domain/policy.js';
import { caseApi, independentAssessment, setPolicy } from '../support/caseApi.js';
import { civilAffairs, institution, uniqueRegistration } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

const plan: TaskPlanPolicy = {
  social_placement: [{ kind: 'subsidy_disbursement', department: 'finance', when: 'always' }],
  destitute_centralized: [{ kind: 'arrange_support_institution', department: 'civil_affairs', when: 'always' }],
  destitute_dispersed: [{ kind: 'record_dispersed_support', department: 'civil_affairs', when: 'always' }],
};
const inst = institution();
let env: TestEnv;
let api: ReturnType<typeof caseApi>;

beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
  await setPolicy(env.db, 'task_plan', plan);
});
afterAll(async () => env?.close());

const withKey = (key: string) => ({ 'idempotency-key': key });

/** What an instance killed mid-request leaves: no answer kept for the key (its claim taken over). */
const loseAnswer = (sub: string, key: string) =>
  env.db.deleteFrom('idempotency_keys').where('principal', '=', sub).where('key', '=', key).execute();

const events = async (caseId: string, action: string) =>
  env.db
    .selectFrom('audit_events')
    .select('data')
    .where('chain_id', '=', caseId)
    .where('action', '=', action)
    .execute();

describe('retrying an action whose answer was lost', () => {
  it('answers the retry of a task completion from the Update, and refuses a new key', async () => {
    const { caseId } = await api.register(inst, uniqueRegistration());
    await api.assess(inst, caseId, independentAssessment);
    await api.propose(inst, caseId, { pathway: 'destitute_centralized', reason: '本人意愿集中供养' });
    await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意' });
    const inbox = await api.inbox(civilAffairs(), `caseId=${caseId}&status=open`);
    const task = inbox.items.find((t: { kind: string }) => t.kind === 'arrange_support_institution');
    const path = `/v1/tasks/${task.taskId}/complete`;
    const body = { outcome: 'arranged', note: '已安排供养机构' };

    const first = await api.call(civilAffairs(), 'POST', path, body, withKey('complete-lost'));
    expect(first.statusCode).toBe(200);
    await loseAnswer(civilAffairs().sub, 'complete-lost');

    const retry = await api.call(civilAffairs(), 'POST', path, body, withKey('complete-lost'));
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.json()).toMatchObject({ taskId: task.taskId, status: 'done', outcome: 'arranged' });
    expect(await events(caseId, 'task.completed')).toHaveLength(1);

    const another = await api.call(civilAffairs(), 'POST', path, body, withKey('complete-again'));
    expect(another.statusCode).toBe(409);
    expect(another.json().error.message).toBe(`task ${task.taskId} is already done`);
  });

  it('answers the retry of the withdrawal that ended the case, and refuses a new key', async () => {
    const { caseId } = await api.register(inst, uniqueRegistration());
    const path = `/v1/cases/${caseId}/withdraw`;
    const body = { reason: 'declined', note: '本人放弃' };

    const first = await api.call(inst, 'POST', path, body, withKey('withdraw-lost'));
    expect(first.statusCode).toBe(200);
    await loseAnswer(inst.sub, 'withdraw-lost');

    const retry = await api.call(inst, 'POST', path, body, withKey('withdraw-lost'));
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ caseId, stage: 'withdrawn' });
    const withdrawals = (await events(caseId, 'stage.changed')).filter(
      (e) => (e.data as { to?: string }).to === 'withdrawn',
    );
    expect(withdrawals).toHaveLength(1);

    const another = await api.call(inst, 'POST', path, body, withKey('withdraw-again'));
    expect(another.statusCode).toBe(409);
    expect(another.json().error.code).toBe('INVALID_STAGE');
  });

  it('answers the retry of a correction from the first one, and corrects the case once', async () => {
    const { caseId } = await api.register(inst, uniqueRegistration());
    const path = `/v1/cases/${caseId}`;
    const body = { changes: { seriousIllness: true }, reason: '补充重病诊断' };

    const first = await api.call(inst, 'PATCH', path, body, withKey('correct-lost'));
    expect(first.statusCode).toBe(200);
    await loseAnswer(inst.sub, 'correct-lost');

    const retry = await api.call(inst, 'PATCH', path, body, withKey('correct-lost'));
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await events(caseId, 'case.corrected')).toHaveLength(1);
    const corrections = await env.db
      .selectFrom('case_corrections')
      .select('status')
      .where('case_id', '=', caseId)
      .execute();
    expect(corrections).toEqual([{ status: 'applied' }]);
  });
});
