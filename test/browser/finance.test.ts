// Finance in Chromium: 待拨付 approves several cases at once (a double click starts one batch, one
// case that moved on is named as failed, the others approved once each), confirms one with a
// voucher number; 待会签 co-signs a proposed standard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../support/accounts.js';
import { caseApi, eventually } from '../support/caseApi.js';
import { auditor, effectiveStandard, finance } from '../support/fixtures.js';
import { type ConsoleEnv, signInThroughPage, startConsole } from './support/consoleEnv.js';

let c: ConsoleEnv;
let api: ReturnType<typeof caseApi>;

const approvals = async (caseId: string) => {
  const res = await api.call(auditor('150100'), 'GET', `/v1/cases/${caseId}/history?limit=500`);
  return (res.json().items as Array<{ action: string }>).filter((e) => e.action === 'subsidy.approved').length;
};

beforeAll(async () => {
  c = await startConsole();
  api = caseApi(c.env);
  await c.env.db.insertInto('subsidy_standards').values(effectiveStandard('150102', 6_000_000)).execute();
  await c.env.db
    .insertInto('subsidy_standards')
    .values({
      ...effectiveStandard('150102', 6_500_000, '2027-01-01'),
      status: 'proposed',
      basis: '新城区民政局提出 2027 年标准',
      cosigned_by: null,
      cosigned_at: null,
    })
    .execute();
});
afterAll(async () => c?.close());

describe("finance's disbursement queue", () => {
  it('approves several cases at once, names the one that fails, and confirms one with a voucher', async () => {
    const cases = [
      await api.approvedCase('150102'),
      await api.approvedCase('150102'),
      await api.approvedCase('150102'),
    ];
    const [first, second, movedOn] = cases as [string, string, string];
    const user = await createTestUser(c.env.db, { role: 'finance', org: 'finance', division: '150102' });

    const page = await c.page({ path: '/disbursements' });
    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('heading', { name: '待拨付', level: 1 }).waitFor();
    for (const caseId of cases) await page.getByRole('row').filter({ hasText: caseId }).getByText('已核定').waitFor();
    expect(await page.getByRole('row').filter({ hasText: first }).textContent()).toContain('60,000.00 元');
    await c.check(page, 'finance-disbursements');

    // Someone else approves the third while the page still shows it computed.
    await api.approveDisbursement(finance('150102'), movedOn);
    for (const caseId of cases) await page.getByRole('checkbox', { name: `选择个案 ${caseId}` }).check();
    await page.getByRole('button', { name: /批准拨付所选/ }).dblclick();
    await page.getByText('已处理 3 / 3，失败 1').waitFor();
    await page
      .getByRole('alert')
      .filter({ hasText: `个案 ${movedOn} 未能批准` })
      .waitFor();
    await c.check(page, 'finance-disbursements-batch');
    for (const caseId of cases) expect(await approvals(caseId), caseId).toBe(1);

    // The payment of the first is made by hand: confirmed with its voucher number.
    await eventually(
      () => c.env.db.selectFrom('disbursements').select('status').where('case_id', '=', first).executeTakeFirst(),
      (row) => row?.status === 'awaiting_confirmation',
    );
    await page.reload();
    const firstRow = page.getByRole('row').filter({ hasText: first });
    await firstRow.getByRole('button', { name: '确认拨付' }).click();
    const dialog = page.getByRole('dialog', { name: '确认拨付' });
    await dialog.getByLabel('凭证号').fill('PZ-2026-0001');
    await c.check(page, 'finance-confirm');
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await firstRow.waitFor({ state: 'detached' });
    expect((await api.get(finance('150102'), first)).subsidy).toMatchObject({
      status: 'paid',
      voucherNo: 'PZ-2026-0001',
    });
    expect((await api.get(finance('150102'), second)).subsidy.status).not.toBe('computed');
  });

  it('co-signs a proposed standard', async () => {
    const user = await createTestUser(c.env.db, { role: 'finance', org: 'finance', division: '150102' });
    const page = await c.page({ path: '/standards/cosign' });
    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('heading', { name: '待会签', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: '新城区民政局提出 2027 年标准' });
    await row.getByText('65,000.00 元').waitFor();
    await c.check(page, 'finance-cosign');
    await row.getByRole('button', { name: '会签' }).click();
    await row.waitFor({ state: 'detached' });
    const standards = await api.call(finance('150102'), 'GET', '/v1/subsidy-standards?division=150102');
    expect(
      (standards.json().items as Array<{ effectiveFrom: string; status: string }>).find(
        (s) => s.effectiveFrom === '2027-01-01',
      )?.status,
    ).toBe('effective');
  });
});
