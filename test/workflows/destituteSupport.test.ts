// Destitute-person support: centralized (first of all for a youth who cannot care for themself)
// and dispersed; recognition on approval; the pathway's tasks; supported; the annual review of
// destitute status, which continues the workflow as new each year and closes the case when it ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseStateQuery } from '../../workflows/case/definitions.js';
import type { caseWorkflow } from '../../workflows/case/workflow.js';
import { caseApi, eventually, fastDurations, setPolicy } from '../support/caseApi.js';
import { civilAffairs, department, institution, registrationBody } from '../support/fixtures.js';
import { recordHistory } from '../support/recordHistory.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let api: ReturnType<typeof caseApi>;
beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
  await setPolicy(env.db, 'durations', fastDurations({ destituteReviewInterval: { seconds: 1 } }));
});
afterAll(async () => env?.close());

const inst = institution();
const unableToWork = { canLiveIndependently: false, basis: '智力残疾二级，无劳动能力', hasIncome: false };

async function completeAll(caseId: string, who: Array<ReturnType<typeof department>>) {
  for (const p of who) {
    const inbox = await api.inbox(p, `caseId=${caseId}&status=open`);
    for (const t of inbox.items.filter((t: { kind: string }) => t.kind !== 'destitute_annual_review'))
      await api.complete(p, t.taskId, 'done', '已办结');
  }
}

describe('destitute support', () => {
  it('centralized: recognised, tasks done, supported, reviewed each year until status ends', async () => {
    const { caseId } = await api.register(
      inst,
      registrationBody({ person: { disability: { category: 'intellectual', grade: 2 } } }),
    );
    const assessed = await api.assess(inst, caseId, { ...unableToWork, wishes: 'social_placement', selfCare: 'none' });
    expect(assessed.recommendation.pathway).toBe('destitute_centralized');
    expect(assessed.recommendation.meetsDestituteCriteria).toBe(true);
    await api.propose(inst, caseId, { pathway: 'destitute_centralized' });
    const approved = await api.review(civilAffairs(), caseId, {
      decision: 'approve',
      comment: '认定为特困人员，集中供养',
    });
    expect(approved.stage).toBe('destitute_support');
    expect(approved.subsidy).toBeNull();
    expect(
      approved.tasks
        .filter((t: { status: string }) => t.status === 'open')
        .map((t: { kind: string }) => t.kind)
        .sort(),
    ).toEqual([
      'arrange_support_institution',
      'disability_certification',
      'household_registration',
      'medical_insurance_enrolment',
    ]);
    const state = await env.client.workflow.getHandle<typeof caseWorkflow>(caseId).query(caseStateQuery);
    expect(state.recognition?.recognisedBy.role).toBe('civil_affairs');

    await completeAll(caseId, [
      civilAffairs(),
      department('public_security'),
      department('medical_insurance'),
      department('disabled_federation'),
    ]);
    await eventually(
      () => api.get(inst, caseId),
      (c) => c.stage === 'supported',
    );

    const firstRun = (await env.client.workflow.getHandle(caseId).describe()).runId;
    const review1 = await eventually(
      () => api.inbox(civilAffairs(), `caseId=${caseId}&status=open`),
      (i) => i.items.some((t: { kind: string }) => t.kind === 'destitute_annual_review'),
    );
    const bad = await api.call(civilAffairs(), 'POST', `/v1/tasks/${review1.items[0].taskId}/complete`, {
      outcome: 'maybe',
      note: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('continue or end');
    await api.complete(civilAffairs(), review1.items[0].taskId, 'continue', '仍符合特困条件');

    // The year's review done, the case continues as new with a fresh history.
    await eventually(
      () => env.client.workflow.getHandle(caseId).describe(),
      (d) => d.runId !== firstRun && d.status.name === 'RUNNING',
    );
    const review2 = await eventually(
      () => api.inbox(civilAffairs(), `caseId=${caseId}&status=open`),
      (i) =>
        i.items.some(
          (t: { kind: string; taskId: string }) =>
            t.kind === 'destitute_annual_review' && t.taskId !== review1.items[0].taskId,
        ),
    );
    await api.complete(civilAffairs(), review2.items[0].taskId, 'end', '已有稳定收入，终止特困供养');
    await eventually(
      () => api.get(inst, caseId),
      (c) => c.stage === 'closed',
    );
    await env.client.workflow.getHandle<typeof caseWorkflow>(caseId).result();
    await recordHistory(env, caseId, 'destitute-centralized-first-year', firstRun);
    await recordHistory(env, caseId, 'destitute-centralized-closed');
  });

  it('dispersed: a youth who can care for themself and does not wish centralized support', async () => {
    const { caseId } = await api.register(
      inst,
      registrationBody({ person: { disability: { category: 'visual', grade: 1 } } }),
    );
    const assessed = await api.assess(inst, caseId, {
      ...unableToWork,
      basis: '视力残疾一级',
      wishes: 'social_placement',
      selfCare: 'partial',
    });
    expect(assessed.recommendation.pathway).toBe('destitute_dispersed');
    await api.propose(inst, caseId, { pathway: 'destitute_dispersed' });
    const approved = await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '分散供养' });
    expect(approved.tasks.some((t: { kind: string }) => t.kind === 'record_dispersed_support')).toBe(true);
    await completeAll(caseId, [
      civilAffairs(),
      department('public_security'),
      department('medical_insurance'),
      department('disabled_federation'),
    ]);
    const supported = await eventually(
      () => api.get(inst, caseId),
      (c) => c.stage === 'supported',
    );
    expect(supported.pathway).toBe('destitute_dispersed');
    await recordHistory(env, caseId, 'destitute-dispersed-supported');
  });

  it('a youth who qualifies and truly wishes it gets centralized support', async () => {
    const { caseId } = await api.register(
      inst,
      registrationBody({ person: { disability: { category: 'mental', grade: 3 } } }),
    );
    const assessed = await api.assess(inst, caseId, {
      ...unableToWork,
      basis: '精神残疾三级',
      wishes: 'centralized_support',
      selfCare: 'partial',
    });
    expect(assessed.recommendation.pathway).toBe('destitute_centralized');
  });
});
