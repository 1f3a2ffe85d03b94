// The institution's forms in Chromium: registering a youth (an invalid ID number named as it is
// typed, then a valid one with its birth date and sex), the assessment with the rules'
// recommendation, a proposal that differs refused without a reason and accepted with one; and a
// session that ends mid-form keeps what was typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCheckDigit } from '../../domain/idNumber.js';
import { createTestUser } from '../support/accounts.js';
import { eventually } from '../support/caseApi.js';
import { birthDateAged, idNumberFor, institution } from '../support/fixtures.js';
import { type ConsoleEnv, signInThroughPage, startConsole } from './support/consoleEnv.js';

let c: ConsoleEnv;

beforeAll(async () => {
  c = await startConsole();
});
afterAll(async () => c?.close());

/** The same first 17 digits with another check character: fails GB 11643. */
function withWrongCheck(id: string): string {
  const right = computeCheckDigit(id.slice(0, 17));
  return id.slice(0, 17) + (right === '1' ? '2' : '1');
}

describe('registration', () => {
  it('names an invalid ID number as it is typed, registers a valid one, then the assessment and a proposal that differs', async () => {
    const user = await createTestUser(c.env.db, institution('inst-cf-1', '150102'));
    const page = await c.page({ path: '/cases/new' });
    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('heading', { name: '登记', level: 1 }).waitFor();
    await c.check(page, 'institution-register');

    const idNumber = idNumberFor(birthDateAged(18, 40), '150102');
    const wrong = withWrongCheck(idNumber);
    await page.getByLabel('姓名').fill('测试青年甲');
    await page.getByLabel('公民身份号码').fill(wrong);
    await page.getByText(`校验码不正确：第 18 位为 ${wrong[17]}，按前 17 位应为 ${idNumber[17]}`).waitFor();
    await c.check(page, 'institution-register-invalid-id');

    await page.getByLabel('公民身份号码').fill(idNumber);
    const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
    const sex = Number(idNumber[16]) % 2 === 1 ? '男' : '女';
    await page.getByText(`出生日期 ${birth}，性别 ${sex}`).waitFor();
    await page.getByRole('radio', { name: '农村', exact: true }).check();
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.getByRole('heading', { name: '登记成功' }).waitFor();
    const caseId = /case-[0-9a-f-]{36}/.exec((await page.getByText(/个案编号/).textContent()) ?? '')?.[0];
    expect(caseId).toBeDefined();

    // The same number again: the existing case is named, not a second one made.
    await page.getByRole('button', { name: '继续登记' }).click();
    await page.getByLabel('姓名').fill('测试青年甲');
    await page.getByLabel('公民身份号码').fill(idNumber);
    await page.getByRole('radio', { name: '农村', exact: true }).check();
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.getByText('该公民身份号码已有未结案的个案，不能重复登记').waitFor();
    expect(await page.getByRole('link', { name: '查看已有个案' }).getAttribute('href')).toBe(`/cases/${caseId}`);

    await page.goto(new URL(`/cases/${caseId}/actions`, c.baseUrl).toString());
    await page.getByRole('heading', { name: '评估', level: 2 }).waitFor();
    await c.check(page, 'institution-assessment');
    await page.getByRole('radio', { name: '能独立生活', exact: true }).check();
    await page.getByRole('radio', { name: '无收入来源', exact: true }).check();
    await page.getByRole('radio', { name: '完全自理', exact: true }).check();
    await page.getByRole('radio', { name: '社会化安置', exact: true }).check();
    await page.getByLabel('评估依据').fill('身体健康，已完成职业培训');
    await page.getByRole('button', { name: '提交评估' }).click();

    await page.getByRole('heading', { name: '规则建议', level: 2 }).waitFor();
    await page.getByText(/特困人员认定条件（\d{6}，\d{4}-\d{2}-\d{2} 起施行）/).waitFor();
    await page.getByRole('radio', { name: '社会化安置（规则建议）' }).waitFor();
    await c.check(page, 'institution-recommendation-proposal');

    await page.getByRole('radio', { name: '特困人员集中供养', exact: true }).check();
    await page.getByRole('button', { name: '提交安置意见' }).click();
    await page.getByText('安置意见与规则建议不同，请填写理由').waitFor();
    expect(await stageOf(caseId!)).toBe('assessment');

    await page.getByLabel('理由').fill('本人生活能力评估后申请集中供养');
    await page.getByRole('button', { name: '提交安置意见' }).click();
    await page.getByRole('cell', { name: '审核', exact: true }).waitFor();
    await eventually(
      () => stageOf(caseId!),
      (stage) => stage === 'review',
    );
    await c.check(page, 'institution-proposed');
  });
});

describe('a session that ends mid-form', () => {
  it('keeps what was typed: signing in again above the page and submitting registers the youth', async () => {
    const user = await createTestUser(c.env.db, institution('inst-cf-2', '150102'));
    const page = await c.page({ path: '/cases/new' });
    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('heading', { name: '登记', level: 1 }).waitFor();
    const idNumber = idNumberFor(birthDateAged(18, 50), '150102');
    await page.getByLabel('姓名').fill('测试青年乙');
    await page.getByLabel('公民身份号码').fill(idNumber);
    await page.getByRole('radio', { name: '牧区', exact: true }).check();

    // The session ends on the server (as the idle timeout ends it) while the form is open.
    await c.env.db.deleteFrom('sessions').where('user_id', '=', user.user.user_id).execute();
    await page.getByRole('button', { name: '提交登记' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('登录已过期，请重新登录').waitFor();
    await c.check(page, 'institution-register-session-expired');
    await dialog.getByLabel('密码', { exact: true }).fill(user.password);
    await dialog.getByRole('button', { name: '登录' }).click();
    await dialog.waitFor({ state: 'hidden' });

    expect(await page.getByLabel('姓名').inputValue()).toBe('测试青年乙');
    expect(await page.getByLabel('公民身份号码').inputValue()).toBe(idNumber);
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.getByRole('heading', { name: '登记成功' }).waitFor();
  });
});

async function stageOf(caseId: string): Promise<string> {
  const row = await c.env.db
    .selectFrom('cases')
    .select('stage')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row.stage;
}
