// The auditor in Chromium: a case's 审计轨迹 with every event's actor, time, data and hash links;
// 完整性校验 valid, then, after an event was altered in the database, the seq where it breaks;
// the export of the jurisdiction's window downloaded as CSV.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tamper } from '../audit/helpers.js';
import { createTestUser } from '../support/accounts.js';
import { caseApi, independentAssessment } from '../support/caseApi.js';
import { institution, uniqueRegistration } from '../support/fixtures.js';
import { type ConsoleEnv, signInThroughPage, startConsole } from './support/consoleEnv.js';

let c: ConsoleEnv;

beforeAll(async () => {
  c = await startConsole();
});
afterAll(async () => c?.close());

describe("the auditor's trail", () => {
  it('shows every event with its hash links, verifies the chain, names where it breaks, and exports', async () => {
    const api = caseApi(c.env);
    const inst = institution('inst-a-1', '150102');
    const { caseId } = await api.register(inst, uniqueRegistration('150102'));
    await api.assess(inst, caseId, independentAssessment);
    const user = await createTestUser(c.env.db, { role: 'auditor', org: 'audit', division: '150100' });

    const page = await c.page({ path: '/audit' });
    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('heading', { name: '审计轨迹', level: 1 }).waitFor();
    await page.getByLabel('个案编号').fill(caseId);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(new RegExp(`caseId=${caseId}`));
    await page.getByText('#1 ', { exact: false }).first().waitFor();
    await page.getByText('case.registered').first().waitFor();
    expect(await page.getByText('前一条哈希').count()).toBeGreaterThanOrEqual(2);

    await page.getByRole('button', { name: '完整性校验' }).click();
    await page.getByText(/校验通过：记录链完整/).waitFor();
    await c.check(page, 'auditor-trail');

    await tamper(c.env, (trx) =>
      trx
        .updateTable('audit_events')
        .set({ data: JSON.stringify({ forged: true }) })
        .where('chain_id', '=', caseId)
        .where('seq', '=', 2)
        .execute(),
    );
    await page.getByRole('button', { name: '完整性校验' }).click();
    await page.getByText('校验未通过：记录链自第 2 条事件起断裂', { exact: false }).waitFor();
    await c.check(page, 'auditor-trail-broken');

    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await page.getByLabel('起始日期').fill(today);
    await page.getByLabel('截止日期').fill(today);
    await page
      .locator('label')
      .filter({ has: page.getByRole('radio', { name: 'CSV' }) })
      .click();
    await page.getByRole('button', { name: '生成导出链接' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '下载导出文件' }).click(),
    ]);
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    expect(csv.startsWith('\uFEFFchain_id,seq,at')).toBe(true);
    expect(csv).toContain(caseId);
    await c.check(page, 'auditor-export');
  });
});
