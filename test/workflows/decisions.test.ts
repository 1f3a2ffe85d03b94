// The human decisions of a case: a proposal that overrides the recommendation needs a reason;
// review can approve, reject (back to a new assessment) or return for more information; actions
// that do not fit the stage or the actor are refused before anything is recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi, fastDurations, independentAssessment, setPolicy } from '../support/caseApi.js';
import { auditor, civilAffairs, department, finance, institution, registrationBody } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let api: ReturnType<typeof caseApi>;
const inst = institution();
beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
  await setPolicy(env.db, 'durations', fastDurations());
});
afterAll(async () => env?.close());

async function assessedCase() {
  const { caseId } = await api.register(inst, registrationBody());
  await api.assess(inst, caseId, independentAssessment);
  return caseId as string;
}

const historyActions = (caseId: string) =>
  env.db
    .selectFrom('audit_events')
    .select('action')
    .where('chain_id', '=', caseId)
    .orderBy('seq')
    .execute()
    .then((r) => r.map((e) => e.action));

describe('proposal', () => {
  it('needs a reason to differ from the recommendation, and records that it differs', async () => {
    const caseId = await assessedCase();
    const bare = await api.call(inst, 'POST', `/v1/cases/${caseId}/proposal`, { pathway: 'destitute_dispersed' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(bare.json().error.message).toContain('reason is required');
    const withReason = await api.propose(inst, caseId, {
      pathway: 'destitute_dispersed',
      reason: '本人长期患病，实际无劳动能力',
    });
    expect(withReason.proposal).toMatchObject({ pathway: 'destitute_dispersed', differsFromRecommendation: true });
    expect(withReason.stage).toBe('review');
  });

  it('cannot come before the assessment', async () => {
    const { caseId } = await api.register(inst, registrationBody());
    const res = await api.call(inst, 'POST', `/v1/cases/${caseId}/proposal`, { pathway: 'social_placement' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('INVALID_STAGE');
  });
});

describe('review', () => {
  it('reject sends the case back to a new assessment with the reasons', async () => {
    const caseId = await assessedCase();
    await api.propose(inst, caseId, { pathway: 'social_placement' });
    const rejected = await api.review(civilAffairs(), caseId, { decision: 'reject', comment: '评估依据不足' });
    expect(rejected.stage).toBe('assessment');
    expect(rejected.assessment).toBeNull();
    expect(rejected.recommendation).toBeNull();
    expect(rejected.reviews).toHaveLength(1);
    const open = rejected.tasks.filter((t: { status: string }) => t.status === 'open');
    expect(
      open.map((t: { kind: string; details: { why: string; comment: string } }) => [
        t.kind,
        t.details.why,
        t.details.comment,
      ]),
    ).toEqual([['assessment', 'proposal rejected', '评估依据不足']]);
    const early = await api.call(inst, 'POST', `/v1/cases/${caseId}/proposal`, { pathway: 'social_placement' });
    expect(early.json().error.code).toBe('INVALID_STAGE');
  });

  it('return keeps the assessment so the institution can supplement and propose again', async () => {
    const caseId = await assessedCase();
    await api.propose(inst, caseId, { pathway: 'social_placement' });
    const returned = await api.review(civilAffairs(), caseId, { decision: 'return', comment: '请补充就业意向材料' });
    expect(returned.stage).toBe('assessment');
    expect(returned.recommendation.pathway).toBe('social_placement');
    const again = await api.propose(inst, caseId, { pathway: 'social_placement' });
    expect(again.stage).toBe('review');
    const approved = await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意' });
    expect(approved.reviews.map((r: { decision: string }) => r.decision)).toEqual(['return', 'approve']);
  });

  it('refuses the wrong actor, another jurisdiction and the wrong stage, and records nothing for them', async () => {
    const caseId = await assessedCase();
    const before = await historyActions(caseId);
    const early = await api.call(civilAffairs(), 'POST', `/v1/cases/${caseId}/review`, {
      decision: 'approve',
      comment: 'x',
    });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'INVALID_STAGE']);
    await api.propose(inst, caseId, { pathway: 'social_placement' });
    const afterProposal = await historyActions(caseId);
    const byFinance = await api.call(finance(), 'POST', `/v1/cases/${caseId}/review`, {
      decision: 'approve',
      comment: 'x',
    });
    expect(byFinance.statusCode).toBe(403);
    const byAuditor = await api.call(auditor(), 'POST', `/v1/cases/${caseId}/review`, {
      decision: 'approve',
      comment: 'x',
    });
    expect(byAuditor.statusCode).toBe(403);
    const otherLeague = await api.call(civilAffairs('150202'), 'POST', `/v1/cases/${caseId}/review`, {
      decision: 'approve',
      comment: 'x',
    });
    expect(otherLeague.statusCode).toBe(404);
    const byDepartment = await api.call(department('hrss'), 'POST', `/v1/cases/${caseId}/review`, {
      decision: 'approve',
      comment: 'x',
    });
    expect(byDepartment.statusCode).toBe(403);
    expect(afterProposal.length).toBeGreaterThan(before.length);
    expect(await historyActions(caseId)).toEqual(afterProposal);
    // The league above the case's banner may review it.
    const byLeague = await api.review(civilAffairs('150100'), caseId, {
      decision: 'approve',
      comment: '盟市民政局审批',
    });
    expect(byLeague.stage).toBe('social_placement');
  });

  it('two reviewers approving at once give one approval', async () => {
    const caseId = await assessedCase();
    await api.propose(inst, caseId, { pathway: 'social_placement' });
    const results = await Promise.all(
      [civilAffairs(), civilAffairs('150100')].map((p) =>
        api.call(p, 'POST', `/v1/cases/${caseId}/review`, { decision: 'approve', comment: '同意' }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const state = await api.get(inst, caseId);
    expect(state.reviews).toHaveLength(1);
  });
});

describe('tasks', () => {
  it('a task is completed once: repeats and parallel completions answer 409', async () => {
    const caseId = await assessedCase();
    await api.propose(inst, caseId, { pathway: 'social_placement' });
    await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意' });
    const hrss = department('hrss');
    const [task] = (await api.inbox(hrss, `caseId=${caseId}`)).items;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.call(hrss, 'POST', `/v1/tasks/${task.taskId}/complete`, { outcome: 'done', note: '' }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'CONFLICT')).toBe(true);
    expect(results).toHaveLength(10);
    // Another department cannot even see it; finance sees the case but may not complete it.
    expect(
      (
        await api.call(department('housing'), 'POST', `/v1/tasks/${task.taskId}/complete`, {
          outcome: 'done',
          note: '',
        })
      ).statusCode,
    ).toBe(404);
    const police = (await api.inbox(department('public_security'), `caseId=${caseId}`)).items[0];
    expect(
      (await api.call(finance(), 'POST', `/v1/tasks/${police.taskId}/complete`, { outcome: 'done', note: '' }))
        .statusCode,
    ).toBe(403);
  });

  it('reassigns within the department to an officer or a division in the jurisdiction', async () => {
    const caseId = await assessedCase();
    await api.propose(inst, caseId, { pathway: 'social_placement' });
    await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意' });
    const league = department('hrss', '150100');
    const [task] = (await api.inbox(league, `caseId=${caseId}`)).items;
    const moved = await api.call(league, 'POST', `/v1/tasks/${task.taskId}/reassign`, {
      division: '150103',
      assigneeSub: 'officer-7',
      reason: '属地办理',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ division: '150103', assigneeSub: 'officer-7' });
    const outside = await api.call(league, 'POST', `/v1/tasks/${task.taskId}/reassign`, {
      division: '150202',
      reason: 'x',
    });
    expect(outside.statusCode).toBe(403);
  });

  it('the finance task is completed by the payment, not by hand', async () => {
    const caseId = await assessedCase();
    await api.propose(inst, caseId, { pathway: 'social_placement' });
    await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意' });
    const [task] = (await api.inbox(finance(), `caseId=${caseId}`)).items;
    const res = await api.call(finance(), 'POST', `/v1/tasks/${task.taskId}/complete`, { outcome: 'done', note: '' });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'INVALID_STAGE']);
  });
});
