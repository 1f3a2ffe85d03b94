// Civil affairs in Chromium: the review queue, the review screen with the assessment, the rules'
// recommendation and the proposal side by side, an approval; and a second reviewer whose screen was
// open on the same case, whose approval comes too late and is explained, not failed on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../support/accounts.js';
import { caseApi, eventually, independentAssessment } from '../support/caseApi.js';
import { civilAffairs, effectiveStandard, institution, registrationBody } from '../support/fixtures.js';
import { type ConsoleEnv, signInThroughPage, startConsole } from './support/consoleEnv.js';

let c: ConsoleEnv;

beforeAll(async () => {
  c = await startConsole();
  await c.env.db.insertInto('subsidy_standards').values(effectiveStandard('150102', 6_000_000)).execute();
});
afterAll(async () => c?.close());

describe('the review', () => {
  it('approves from the queue; a second reviewer who was too late is told the case moved on', async () => {
    const api = caseApi(c.env);
    const inst = institution('inst-cf-3', '150102');
    const body = registrationBody({ person: { name: '测试青年丙' } });
    const registered = await api.register(inst, body);
    const caseId: string = registered.caseId;
    await api.assess(inst, caseId, independentAssessment);
    await api.propose(inst, caseId, { pathway: 'social_placement' });
    await eventually(
      () => api.get(civilAffairs('150102'), caseId),
      (x) => x.stage === 'review',
    );

    const first = await createTestUser(c.env.db, civilAffairs('150102'));
    const second = await createTestUser(c.env.db, civilAffairs('150102'));

    // The second reviewer opens the case first and leaves the screen open.
    const late = await c.page({ path: `/reviews/${caseId}` });
    await signInThroughPage(late, second.username, second.password);
    await late.getByRole('heading', { name: '民政审核意见', level: 2 }).waitFor();

    const page = await c.page({ path: '/reviews' });
    await signInThroughPage(page, first.username, first.password);
    await page.getByRole('heading', { name: '待审核', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: body.person.name });
    await row.waitFor();
    await c.check(page, 'civil_affairs-review-queue');
    await row.getByRole('link', { name: `审核 ${body.person.name}` }).click();

    await page.getByRole('heading', { name: '评估意见', level: 2 }).waitFor();
    await page.getByRole('heading', { name: '规则建议', level: 2 }).waitFor();
    await page.getByRole('heading', { name: '机构安置意见', level: 2 }).waitFor();
    await page.getByText('身体健康，具备劳动能力').waitFor();
    await c.check(page, 'civil_affairs-review');
    await page.getByRole('radio', { name: '同意', exact: true }).check();
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('请填写审核意见').waitFor();
    await page.getByLabel('审核意见').fill('材料齐全，同意社会化安置');
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('已提交审核：同意').waitFor();
    await eventually(
      () => api.get(civilAffairs('150102'), caseId),
      (x) => x.stage === 'social_placement',
    );

    await late.getByRole('radio', { name: '同意', exact: true }).check();
    await late.getByLabel('审核意见').fill('同意');
    await late.getByRole('button', { name: '提交审核' }).click();
    await late.getByText('未能提交：该个案已不在审核阶段，可能已由其他审核人员处理').waitFor();
    await late.getByText('个案现处于「社会化安置办理中」阶段。').waitFor();
    await late.getByText(/最近一次审核：同意（.*），意见：材料齐全，同意社会化安置/).waitFor();
    await c.check(late, 'civil_affairs-review-stale');

    const after = await api.get(civilAffairs('150102'), caseId);
    expect(after.reviews).toHaveLength(1);
  });
});
