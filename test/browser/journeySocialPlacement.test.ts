// One social placement from registration to placed, all through the console's pages, each person
// signed in through the sign-in page in a browser context of their own: the institution registers
// (without a bank account) and assesses, sees the rules' recommendation in Chinese and proposes;
// civil affairs approves in 待审核; the institution gives the bank account its task asks for; each
// department, and civil affairs, 办结 its task in 待办; finance approves in 待拨付 and confirms with
// a voucher number; the case page shows 已社会化安置 and 已拨付; the auditor finds the case in 个案 by
// full ID number and by name (neither ever in the URL; a partial number explained), opens its
// 审计轨迹 and 完整性校验 says it is intact. Durations are seconds (fastDurations): nothing waits.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi, eventually, fastDurations, setPolicy } from '../support/caseApi.js';
import {
  auditor,
  civilAffairs,
  department,
  effectiveStandard,
  finance,
  institution,
  uniqueIdNumber,
} from '../support/fixtures.js';
import { type ConsoleEnv, startConsole } from './support/consoleEnv.js';
import { completeTask, reloadUntil, signedIn } from './support/journey.js';

let c: ConsoleEnv;

beforeAll(async () => {
  c = await startConsole();
  await setPolicy(c.env.db, 'durations', fastDurations({ followUpsAfterPlacement: [{ days: 90 }] }));
  await c.env.db.insertInto('subsidy_standards').values(effectiveStandard('150102', 6_000_000)).execute();
});
afterAll(async () => c?.close());

/** Every URL the page was at, so a test can say a search term never reached one. */
function urlsOf(page: Page): string[] {
  const urls = [page.url()];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  return urls;
}

describe('a social placement, through the pages', () => {
  // Eight people's steps in a row on a shared, loaded machine: the budget is the journey's, not a step's.
  it(
    'goes from registration to placed and paid, and the auditor verifies its record',
    { timeout: 600_000 },
    async () => {
      const name = '旅程社安青年';
      const idNumber = uniqueIdNumber(18, '150102', 60);
      const api = caseApi(c.env);

      // The institution registers the youth, without a bank account yet.
      const inst = await signedIn(c, institution('inst-journey-1', '150102'), '/cases/new');
      await inst.getByRole('heading', { name: '登记', level: 1 }).waitFor();
      await inst.getByLabel('姓名').fill(name);
      await inst.getByLabel('公民身份号码').fill(idNumber);
      await inst.getByRole('radio', { name: '城镇', exact: true }).check();
      await c.check(inst, 'journey-social-register');
      await inst.getByRole('button', { name: '提交登记' }).click();
      await inst.getByRole('heading', { name: '登记成功' }).waitFor();
      const caseId = /case-[0-9a-f-]{36}/.exec((await inst.getByText(/个案编号/).textContent()) ?? '')?.[0] ?? '';
      expect(caseId).not.toBe('');

      // From the case page to its 办理 page: the assessment, the recommendation in Chinese, the proposal.
      await inst.getByRole('button', { name: '查看个案' }).click();
      await inst.getByRole('heading', { name: `${name} · 个案详情`, level: 1 }).waitFor();
      await reloadUntil(inst, inst.getByRole('button', { name: '办理' }));
      await inst.getByRole('button', { name: '办理' }).click();
      await reloadUntil(inst, inst.getByRole('heading', { name: '评估', level: 2 }));
      await inst.getByRole('radio', { name: '能独立生活', exact: true }).check();
      await inst.getByRole('radio', { name: '无收入来源', exact: true }).check();
      await inst.getByRole('radio', { name: '完全自理', exact: true }).check();
      await inst.getByRole('radio', { name: '社会化安置', exact: true }).check();
      await inst.getByLabel('评估依据').fill('身体健康，已完成职业培训，有就业意向');
      await c.check(inst, 'journey-social-assessment');
      await inst.getByRole('button', { name: '提交评估' }).click();
      await inst.getByRole('heading', { name: '规则建议', level: 2 }).waitFor();
      await inst.getByText('具备劳动能力和独立生活能力').waitFor();
      expect(await inst.getByText('can work and live independently').count()).toBe(0);
      await inst.getByRole('radio', { name: '社会化安置（规则建议）' }).check();
      await c.check(inst, 'journey-social-proposal');
      await inst.getByRole('button', { name: '提交安置意见' }).click();
      await inst.getByRole('cell', { name: '审核', exact: true }).waitFor();

      // Civil affairs approves in 待审核, the rules' reasons beside the proposal.
      const ca = await signedIn(c, civilAffairs('150102'), '/reviews');
      await ca.getByRole('heading', { name: '待审核', level: 1 }).waitFor();
      const reviewRow = ca.getByRole('row').filter({ hasText: name });
      await reloadUntil(ca, reviewRow);
      await c.check(ca, 'journey-social-review-queue');
      await reviewRow.getByRole('link', { name: `审核 ${name}` }).click();
      await ca.getByRole('heading', { name: '规则建议', level: 2 }).waitFor();
      await ca.getByText('具备劳动能力和独立生活能力').waitFor();
      await ca.getByRole('radio', { name: '同意', exact: true }).check();
      await ca.getByLabel('审核意见').fill('材料齐全，同意社会化安置');
      await c.check(ca, 'journey-social-review');
      await ca.getByRole('button', { name: '提交审核' }).click();
      await ca.getByText('已提交审核：同意').waitFor();

      // The flow asks the institution for the bank account the registration lacked.
      await inst.reload();
      await reloadUntil(inst, inst.getByRole('heading', { name: '提供银行账户', level: 2 }));
      await inst.getByLabel('开户行').fill('中国农业银行呼和浩特分行');
      await inst.getByLabel('账号').fill('6228480012345678');
      await inst.getByLabel('户名').fill(name);
      await inst.getByLabel('说明').fill('补充发放安置补贴的银行账户');
      await c.check(inst, 'journey-social-bank-account');
      await inst.getByRole('button', { name: '提交银行账户' }).click();
      await inst.getByText('银行账户已提交').waitFor();

      // Each department, then civil affairs, completes its task in 待办.
      const departments: Array<[string, string, string]> = [
        ['public_security', '落户', '已办理户口迁入'],
        ['hrss', '就业和社会保险', '已办理就业登记和社会保险'],
        ['medical_insurance', '医疗保险参保', '已办理城乡居民医保参保'],
      ];
      for (const [org, kind, note] of departments) {
        const dept = await signedIn(c, department(org, '150100'), '/inbox');
        await completeTask(c, dept, caseId, kind, note, `journey-social-${org}`);
      }
      await completeTask(c, ca, caseId, '安置个案管理', '已建立安置个案档案', 'journey-social-case-management');

      // Finance approves the subsidy in 待拨付, then confirms the payment with its voucher number.
      const fin = await signedIn(c, finance('150102'), '/disbursements');
      await fin.getByRole('heading', { name: '待拨付', level: 1 }).waitFor();
      const payRow = fin.getByRole('row').filter({ hasText: caseId });
      await reloadUntil(fin, payRow.getByText('已核定'));
      expect(await payRow.textContent()).toContain('60,000.00 元');
      await fin.getByRole('checkbox', { name: `选择个案 ${caseId}` }).check();
      await c.check(fin, 'journey-social-disbursements');
      await fin.getByRole('button', { name: /批准拨付所选/ }).click();
      await fin.getByText('已处理 1 / 1，失败 0').waitFor();
      await eventually(
        () => c.env.db.selectFrom('disbursements').select('status').where('case_id', '=', caseId).executeTakeFirst(),
        (row) => row?.status === 'awaiting_confirmation',
      );
      await reloadUntil(fin, payRow.getByRole('button', { name: '确认拨付' }));
      await payRow.getByRole('button', { name: '确认拨付' }).click();
      const confirm = fin.getByRole('dialog', { name: '确认拨付' });
      await confirm.getByLabel('凭证号').fill('PZ-2026-J001');
      await c.check(fin, 'journey-social-confirm');
      await confirm.getByRole('button', { name: '提交' }).click();
      await confirm.waitFor({ state: 'hidden' });

      // The institution's case page: placed, the subsidy paid.
      await inst.goto(new URL(`/cases/${caseId}`, c.baseUrl).toString());
      await reloadUntil(inst, inst.getByText('已社会化安置', { exact: true }));
      await inst.getByText('已拨付', { exact: true }).first().waitFor();
      await c.check(inst, 'journey-social-placed');
      expect((await api.get(finance('150102'), caseId)).stage).toBe('placed');

      // The auditor finds the case by its full ID number and by name; neither ever reaches the URL.
      const aud = await signedIn(c, auditor('150100'), '/cases?stage=placed');
      const urls = urlsOf(aud);
      await aud.getByRole('heading', { name: '个案', level: 1 }).waitFor();
      const search = aud.getByLabel('姓名或公民身份号码');
      await search.fill(idNumber.slice(0, 10));
      await aud.getByRole('button', { name: '查找', exact: true }).click();
      await aud.getByText('公民身份号码须输入完整的 18 位才能查找', { exact: false }).waitFor();
      await c.check(aud, 'journey-social-auditor-search-partial');
      await search.fill(idNumber);
      await aud.getByRole('button', { name: '查找', exact: true }).click();
      await aud.getByRole('link', { name }).waitFor();
      await aud.getByText('已显示 1 个个案').waitFor();
      await c.check(aud, 'journey-social-auditor-search-id');
      await search.fill('旅程社安');
      await aud.getByRole('button', { name: '查找', exact: true }).click();
      await aud.getByRole('link', { name }).waitFor();
      expect(aud.url()).toContain('stage=placed'); // the other filters stay in the URL
      await aud.getByRole('link', { name }).click();
      await aud.getByRole('heading', { name: `${name} · 个案详情`, level: 1 }).waitFor();
      await aud.getByRole('button', { name: '审计轨迹' }).click();
      await aud.getByRole('heading', { name: '审计轨迹', level: 1 }).waitFor();
      await aud.getByText('case.registered').first().waitFor();
      await aud.getByRole('button', { name: '完整性校验' }).click();
      await aud.getByText(/校验通过：记录链完整/).waitFor();
      await c.check(aud, 'journey-social-auditor-trail');
      for (const url of urls) {
        const decoded = decodeURIComponent(url);
        expect(decoded).not.toContain(idNumber.slice(0, 10));
        expect(decoded).not.toContain('旅程社安');
      }
    },
  );
});
