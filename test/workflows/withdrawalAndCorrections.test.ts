// Withdrawal at any stage cancels open tasks (never deletes them); corrections are recorded with
// their reason, one that changes eligibility sends the case back to assessment, and a change of
// division moves the case and its open tasks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseStateQuery } from '../../workflows/case/definitions.js';
import type { caseWorkflow } from '../../workflows/case/workflow.js';
import { caseApi, eventually, fastDurations, independentAssessment, setPolicy } from '../support/caseApi.js';
import {
  birthDateAged,
  civilAffairs,
  department,
  idNumberFor,
  institution,
  registrationBody,
} from '../support/fixtures.js';
import { historyText } from '../support/historyText.js';
import { recordHistory } from '../support/recordHistory.js';
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

async function approvedPlacement() {
  const { caseId } = await api.register(inst, registrationBody());
  await api.assess(inst, caseId, independentAssessment);
  await api.propose(inst, caseId, { pathway: 'social_placement' });
  await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意' });
  return caseId as string;
}

describe('withdrawal', () => {
  it('cancels every open task, keeps them, and ends the workflow', async () => {
    const caseId = await approvedPlacement();
    const withdrawn = await api.withdraw(inst, caseId, { reason: 'adopted', note: '已被家庭收养' });
    expect(withdrawn.stage).toBe('withdrawn');
    expect(withdrawn.withdrawal).toMatchObject({ reason: 'adopted', note: '已被家庭收养' });
    const statuses = withdrawn.tasks.map((t: { status: string }) => t.status);
    expect(statuses.filter((s: string) => s === 'open')).toEqual([]);
    // An urban youth with no special needs: public security, HR&SS, medical insurance, finance, civil affairs.
    expect(statuses.filter((s: string) => s === 'cancelled')).toHaveLength(5);
    expect(await env.client.workflow.getHandle<typeof caseWorkflow>(caseId).result()).toEqual({ stage: 'withdrawn' });
    await recordHistory(env, caseId, 'withdrawal-after-approval');
    expect((await api.inbox(department('hrss'), `caseId=${caseId}&status=open`)).items).toEqual([]);
    const again = await api.call(inst, 'POST', `/v1/cases/${caseId}/withdraw`, { reason: 'declined', note: '' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'INVALID_STAGE']);
    expect(again.json().error.message).toBe('the case is withdrawn: no further action is possible');
  });

  it('works before adulthood too, and frees the ID number for a new case', async () => {
    const body = registrationBody({ birthDate: birthDateAged(17, 200) });
    const { caseId } = await api.register(inst, body);
    await api.withdraw(civilAffairs(), caseId, { reason: 'moved', note: '迁出自治区' });
    const again = await api.register(inst, body);
    expect(again.caseId).not.toBe(caseId);
  });
});

describe('corrections', () => {
  it('records a correction that does not change eligibility and keeps the stage', async () => {
    const caseId = await approvedPlacement();
    const corrected = await api.correct(inst, caseId, { changes: { name: '王小明' }, reason: '姓名录入错误' });
    expect(corrected.stage).toBe('social_placement');
    expect(corrected.person.name).toBe('王小明');
    const state = await env.client.workflow.getHandle<typeof caseWorkflow>(caseId).query(caseStateQuery);
    expect(state.corrections).toEqual([
      expect.objectContaining({ fields: ['name'], reason: '姓名录入错误', eligibilityChanged: false }),
    ]);
    // The workflow history holds the field names, not the new name.
    const history = await historyText(env.client.workflow.getHandle(caseId));
    expect(history).toContain('姓名录入错误');
    expect(history).not.toContain('王小明');
  });

  it('a change of disability after approval sends the case back to assessment and cancels its tasks', async () => {
    const caseId = await approvedPlacement();
    const corrected = await api.correct(civilAffairs(), caseId, {
      changes: { disability: { category: 'intellectual', grade: 2 } },
      reason: '残疾证复核更正',
    });
    expect(corrected.stage).toBe('assessment');
    expect(corrected.pathway).toBeNull();
    expect(corrected.subsidy).toBeNull();
    const open = corrected.tasks.filter((t: { status: string }) => t.status === 'open');
    expect(open.map((t: { kind: string }) => t.kind)).toEqual(['assessment']);
    expect(corrected.tasks.filter((t: { status: string }) => t.status === 'cancelled')).toHaveLength(5);
    const assessed = await api.assess(inst, caseId, {
      canLiveIndependently: false,
      basis: '智力残疾二级',
      hasIncome: false,
      wishes: 'social_placement',
      selfCare: 'partial',
    });
    expect(assessed.recommendation.pathway).toBe('destitute_dispersed');
  });

  it('a change of division moves the case and its open tasks', async () => {
    const caseId = await approvedPlacement();
    const moved = await api.correct(civilAffairs('150100'), caseId, {
      changes: { division: '150105' },
      reason: '迁居赛罕区',
    });
    expect(moved.division).toBe('150105');
    expect(
      moved.tasks
        .filter((t: { status: string }) => t.status === 'open')
        .every((t: { division: string }) => t.division === '150105'),
    ).toBe(true);
    expect((await api.inbox(department('hrss', '150105'), `caseId=${caseId}`)).items).toHaveLength(1);
    expect((await api.inbox(department('hrss', '150102'), `caseId=${caseId}`)).items).toHaveLength(0);
    // Civil affairs of the old banner no longer reaches it.
    expect((await api.call(civilAffairs('150102'), 'GET', `/v1/cases/${caseId}`)).statusCode).toBe(404);
  });

  it('refuses an ID number correction that fails the check, and a bad field, changing nothing', async () => {
    const caseId = await approvedPlacement();
    const good = idNumberFor('2008-01-01');
    const bad = good.slice(0, 17) + (good[17] === '3' ? '4' : '3');
    const res = await api.call(inst, 'PATCH', `/v1/cases/${caseId}`, { changes: { idNumber: bad }, reason: '更正' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('changes.idNumber');
    const unknown = await api.call(inst, 'PATCH', `/v1/cases/${caseId}`, {
      changes: { nickname: 'x' },
      reason: '更正',
    });
    expect(unknown.statusCode).toBe(400);
    const noReason = await api.call(inst, 'PATCH', `/v1/cases/${caseId}`, { changes: { name: 'x' } });
    expect(noReason.json().error.message).toContain('reason is required');
  });

  it('a bank account added by correction lets finance pay', async () => {
    const body = registrationBody();
    delete (body.person as { bankAccount?: unknown }).bankAccount;
    const { caseId } = await api.register(inst, body);
    await api.assess(inst, caseId, independentAssessment);
    await api.propose(inst, caseId, { pathway: 'social_placement' });
    const approved = await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意' });
    expect(
      approved.tasks.some(
        (t: { kind: string; status: string }) => t.kind === 'provide_bank_account' && t.status === 'open',
      ),
    ).toBe(true);
    const refused = await api.call(civilAffairs(), 'POST', `/v1/cases/${caseId}/disbursement/approve`, {});
    expect(refused.statusCode).toBe(403);
    const financeRefused = await api.call(
      { sub: 'f', role: 'finance', org: 'finance', division: '150102' },
      'POST',
      `/v1/cases/${caseId}/disbursement/approve`,
      {},
    );
    expect([financeRefused.statusCode, financeRefused.json().error.code]).toEqual([409, 'INVALID_STAGE']);
    const corrected = await api.correct(inst, caseId, {
      changes: { bankAccount: { bank: '中国银行', accountNo: '6217000011112222', holder: '测试青年' } },
      reason: '补充银行账户',
    });
    expect(corrected.tasks.find((t: { kind: string }) => t.kind === 'provide_bank_account').status).toBe('done');
    const ok = await api.call(
      { sub: 'f', role: 'finance', org: 'finance', division: '150102' },
      'POST',
      `/v1/cases/${caseId}/disbursement/approve`,
      {},
    );
    expect(ok.statusCode).toBe(200);
    await eventually(
      () => api.get(inst, caseId),
      (c) => c.subsidy.status === 'approved',
    );
  });
});
