// 个案 in Chromium: the list with its filters in the URL, the case page with its step bar and
// sections, and the A4 approval form, each checked by axe-core and photographed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../support/accounts.js';
import { caseApi, independentAssessment } from '../support/caseApi.js';
import { institution, registrationBody } from '../support/fixtures.js';
import { type ConsoleEnv, signInThroughPage, startConsole } from './support/consoleEnv.js';

let c: ConsoleEnv;

beforeAll(async () => {
  c = await startConsole();
});
afterAll(async () => c?.close());

describe('cases', () => {
  it('lists the institution’s cases, filters them by the URL, and opens a case and its approval form', async () => {
    const inst = institution('inst-c-1', '150102');
    const user = await createTestUser(c.env.db, inst);
    const api = caseApi(c.env);
    const body = registrationBody({ person: { name: '乌云其木格' } });
    const { caseId } = await api.register(inst, body);
    await api.assess(inst, caseId, independentAssessment);

    const page = await c.page({ path: '/cases' });
    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('heading', { name: '个案', level: 1 }).waitFor();
    const link = page.getByRole('link', { name: '乌云其木格' });
    await link.waitFor();
    // The list shows the ID number masked, as the API gives it.
    const row = page.getByRole('row').filter({ has: link });
    expect(await row.textContent()).toContain(`${body.person.idNumber.slice(0, 6)}********`);
    await c.check(page, 'institution-cases');

    // A filter is in the URL: a link to it shows the same list.
    await page.goto(new URL('/cases?stage=closed', c.baseUrl).toString());
    await page.getByText('没有符合条件的个案').waitFor();
    expect(await page.getByRole('link', { name: '乌云其木格' }).count()).toBe(0);
    await page.getByRole('button', { name: '重置' }).click();
    await link.waitFor();
    expect(new URL(page.url()).search).toBe('');

    await link.click();
    await page.getByRole('heading', { name: /乌云其木格/, level: 1 }).waitFor();
    await page.getByRole('heading', { name: '办理轨迹', level: 2 }).waitFor();
    await page.getByText('提交评估').waitFor();
    await c.check(page, 'institution-case');

    // The institution finds its actions from the case page, and comes back.
    await page.getByRole('button', { name: '办理' }).click();
    await page.getByRole('heading', { name: '个案办理', level: 1 }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: '办理轨迹', level: 2 }).waitFor();

    await page.getByRole('button', { name: '打印审批表' }).click();
    await page.getByRole('heading', { name: '孤儿成年后安置审批表', level: 1 }).waitFor();
    expect(await page.getByRole('rowheader', { name: '公民身份号码' }).count()).toBe(1);
    for (const blank of ['经办人：', '负责人：', '盖章：']) await page.getByText(blank).waitFor();
    await c.check(page, 'institution-case-print');
  });
});
