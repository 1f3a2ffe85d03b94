// A destitute case through its pages, each person signed in through the sign-in page in a browser
// context of their own: the institution registers a youth with an intellectual disability of grade
// 2 and assesses (cannot live independently, no income, no supporter, wishes centralized support);
// the rules recommend 特困人员集中供养 with their reasons in Chinese and the institution proposes it;
// civil affairs' approval in 待审核 is its recognition of 特困 status; civil affairs arranges the
// support institution (安排供养服务机构) in 待办 and each department completes its task; the case
// page shows 特困供养中. Durations are seconds (fastDurations): nothing waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi, fastDurations, setPolicy } from '../support/caseApi.js';
import { civilAffairs, department, institution, uniqueIdNumber } from '../support/fixtures.js';
import { type ConsoleEnv, startConsole } from './support/consoleEnv.js';
import { completeTask, reloadUntil, signedIn } from './support/journey.js';

let c: ConsoleEnv;

beforeAll(async () => {
  c = await startConsole();
  // The annual review of 特困 status far enough away that the case rests in 特困供养中.
  await setPolicy(c.env.db, 'durations', fastDurations({ destituteReviewInterval: { days: 365 } }));
});
afterAll(async () => c?.close());

describe('a destitute case, through the pages', () => {
  // Six people's steps in a row on a shared, loaded machine: the budget is the journey's, not a step's.
  it(
    'goes from registration to 特困供养中 through recognition and the support arrangement',
    { timeout: 600_000 },
    async () => {
      const name = '旅程特困青年';
      const idNumber = uniqueIdNumber(18, '150102', 70);

      const inst = await signedIn(c, institution('inst-journey-2', '150102'), '/cases/new');
      await inst.getByRole('heading', { name: '登记', level: 1 }).waitFor();
      await inst.getByLabel('姓名').fill(name);
      await inst.getByLabel('公民身份号码').fill(idNumber);
      await inst.getByRole('radio', { name: '城镇', exact: true }).check();
      await inst.getByRole('checkbox', { name: '有残疾' }).check();
      // antd's selects: a person opens the field and picks the word shown.
      await inst.getByLabel('残疾类别').click();
      await inst.getByTitle('智力', { exact: true }).click();
      await inst.getByLabel('残疾等级').click();
      await inst.getByTitle('二级', { exact: true }).click();
      await c.check(inst, 'journey-destitute-register');
      await inst.getByRole('button', { name: '提交登记' }).click();
      await inst.getByRole('heading', { name: '登记成功' }).waitFor();
      const caseId = /case-[0-9a-f-]{36}/.exec((await inst.getByText(/个案编号/).textContent()) ?? '')?.[0] ?? '';
      expect(caseId).not.toBe('');

      await inst.getByRole('button', { name: '查看个案' }).click();
      await inst.getByRole('heading', { name: `${name} · 个案详情`, level: 1 }).waitFor();
      await reloadUntil(inst, inst.getByRole('button', { name: '办理' }));
      await inst.getByRole('button', { name: '办理' }).click();
      await reloadUntil(inst, inst.getByRole('heading', { name: '评估', level: 2 }));
      await inst.getByRole('radio', { name: '不能独立生活', exact: true }).check();
      await inst.getByRole('radio', { name: '无收入来源', exact: true }).check();
      await inst.getByRole('radio', { name: '无法定义务人', exact: true }).check();
      await inst.getByRole('radio', { name: '部分自理', exact: true }).check();
      await inst.getByRole('radio', { name: '集中供养', exact: true }).check();
      await inst.getByLabel('评估依据').fill('智力残疾二级，无劳动能力，无收入，无法定义务人');
      await c.check(inst, 'journey-destitute-assessment');
      await inst.getByRole('button', { name: '提交评估' }).click();
      await inst.getByRole('heading', { name: '规则建议', level: 2 }).waitFor();
      await inst.getByText('智力残疾二级（认定标准：一级至三级），视为无劳动能力').waitFor();
      await inst.getByText('符合特困人员认定条件，本人自愿集中供养').waitFor();
      await inst.getByRole('radio', { name: '特困人员集中供养（规则建议）' }).check();
      await c.check(inst, 'journey-destitute-proposal');
      await inst.getByRole('button', { name: '提交安置意见' }).click();
      await inst.getByRole('cell', { name: '审核', exact: true }).waitFor();

      // Civil affairs' approval is its recognition of 特困 status.
      const ca = await signedIn(c, civilAffairs('150102'), '/reviews');
      await ca.getByRole('heading', { name: '待审核', level: 1 }).waitFor();
      const reviewRow = ca.getByRole('row').filter({ hasText: name });
      await reloadUntil(ca, reviewRow);
      await reviewRow.getByRole('link', { name: `审核 ${name}` }).click();
      await ca.getByText('智力残疾二级（认定标准：一级至三级），视为无劳动能力').waitFor();
      await ca.getByRole('radio', { name: '同意', exact: true }).check();
      await ca.getByLabel('审核意见').fill('符合特困人员认定条件，认定为特困人员，集中供养');
      await c.check(ca, 'journey-destitute-review');
      await ca.getByRole('button', { name: '提交审核' }).click();
      await ca.getByText('已提交审核：同意').waitFor();

      // Civil affairs arranges the place; the departments do theirs.
      await completeTask(
        c,
        ca,
        caseId,
        '安排供养服务机构',
        '已安排入住呼和浩特市特困人员供养服务中心',
        'journey-destitute-arrange-support',
      );
      const departments: Array<[string, string, string]> = [
        ['public_security', '落户', '已办理户口迁入供养服务机构集体户'],
        ['medical_insurance', '医疗保险参保', '已办理医保参保，个人缴费由财政资助'],
        ['disabled_federation', '残疾评定和残疾人证', '已换发残疾人证'],
      ];
      for (const [org, kind, note] of departments) {
        const dept = await signedIn(c, department(org, '150100'), '/inbox');
        await completeTask(c, dept, caseId, kind, note, `journey-destitute-${org}`);
      }

      await inst.goto(new URL(`/cases/${caseId}`, c.baseUrl).toString());
      await reloadUntil(inst, inst.getByText('特困供养中', { exact: true }));
      await inst.getByText('特困人员集中供养', { exact: true }).first().waitFor();
      await c.check(inst, 'journey-destitute-supported');
      const api = caseApi(c.env);
      expect(await api.get(civilAffairs('150102'), caseId)).toMatchObject({
        stage: 'supported',
        pathway: 'destitute_centralized',
      });
    },
  );
});
