// A department's 待办 in Chromium: an overdue task red in the inbox and under the 已超期 filter
// (kept in the URL), its page with the case summary, 办结 with a double-clicked submit that acts
// once, the 已办 list, and 报告阻碍 on another task.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../support/accounts.js';
import { caseApi, eventually, fastDurations, setPolicy } from '../support/caseApi.js';
import { auditor, department, effectiveStandard } from '../support/fixtures.js';
import { type ConsoleEnv, signInThroughPage, startConsole } from './support/consoleEnv.js';

let c: ConsoleEnv;
let api: ReturnType<typeof caseApi>;

beforeAll(async () => {
  c = await startConsole();
  api = caseApi(c.env);
  await c.env.db.insertInto('subsidy_standards').values(effectiveStandard('150102', 6_000_000)).execute();
  await c.env.db.insertInto('subsidy_standards').values(effectiveStandard('150103', 6_000_000)).execute();
  // Every task of a 150103 case is due two seconds after it opens.
  await setPolicy(c.env.db, 'durations', fastDurations({ taskSla: { default: { seconds: 2 } } }), '150103');
});
afterAll(async () => c?.close());

describe("a department's inbox", () => {
  it('shows the overdue task red, opens it with the case summary, completes it once, and lists it as done', async () => {
    const late = await api.approvedCase('150103');
    const onTime = await api.approvedCase('150102');
    const police = department('public_security', '150100');
    const lateTask = await eventually(
      async () => (await api.inbox(police, `caseId=${late}`)).items[0],
      (t) => t?.overdue === true,
    );
    const user = await createTestUser(c.env.db, { role: 'department', org: 'public_security', division: '150100' });

    const page = await c.page({ path: '/inbox' });
    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('heading', { name: '待办', level: 1 }).waitFor();
    const lateRow = page.getByRole('row').filter({ hasText: late });
    await lateRow.waitFor();
    const light = lateRow.getByText('已超期');
    const color = await light.evaluate(
      (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color,
    );
    expect(color).toBe('rgb(168, 7, 26)');
    await page.getByRole('row').filter({ hasText: onTime }).waitFor();
    await c.check(page, 'department-inbox');

    // Only the overdue, with the filter in the URL: a reload keeps it.
    // antd's radio buttons hide the input: a person clicks its label.
    await page
      .locator('label')
      .filter({ has: page.getByRole('radio', { name: '已超期' }) })
      .click();
    await page.waitForURL(/status=overdue/);
    await page.reload();
    await lateRow.waitFor();
    expect(await page.getByRole('row').filter({ hasText: onTime }).count()).toBe(0);

    await lateRow.getByRole('link', { name: '落户' }).click();
    await page.getByRole('heading', { name: '落户', level: 1 }).waitFor();
    await page.getByText('社会化安置办理中').waitFor();
    await page.getByText('测试青年').waitFor();
    await c.check(page, 'department-task');

    await page.getByRole('button', { name: '办结' }).click();
    const dialog = page.getByRole('dialog', { name: '办结' });
    await dialog.getByLabel('办理说明').fill('已办理落户手续');
    await c.check(page, 'department-task-complete');
    await dialog.getByRole('button', { name: '提交' }).dblclick();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已办结', { exact: true }).first().waitFor();
    const done = await api.task(police, lateTask.taskId);
    expect(done).toMatchObject({ status: 'done', outcome: '已办结', note: '已办理落户手续' });
    const history = await api.call(auditor('150100'), 'GET', `/v1/cases/${late}/history?limit=500`);
    const completions = (history.json().items as Array<{ action: string; data: { taskId?: string } }>).filter(
      (e) => e.action === 'task.completed' && e.data.taskId === lateTask.taskId,
    );
    expect(completions).toHaveLength(1);

    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '已办' }).click();
    await page.getByRole('heading', { name: '已办', level: 1 }).waitFor();
    await page.getByRole('row').filter({ hasText: late }).filter({ hasText: '已办结' }).waitFor();
    await c.check(page, 'department-done');

    // The other task meets a blocker: reported with its reason, it shows 受阻.
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '待办' }).click();
    await page.getByRole('row').filter({ hasText: onTime }).getByRole('link', { name: '落户' }).click();
    await page.getByRole('button', { name: '报告阻碍' }).click();
    const blockDialog = page.getByRole('dialog', { name: '报告阻碍' });
    await blockDialog.getByRole('button', { name: '提交' }).click();
    await blockDialog.getByText('请填写原因').waitFor();
    await blockDialog.getByLabel('阻碍原因').fill('缺少户口迁移证明');
    await blockDialog.getByRole('button', { name: '提交' }).click();
    await blockDialog.waitFor({ state: 'hidden' });
    await page.getByText('缺少户口迁移证明').waitFor();
    await page.getByText('受阻', { exact: true }).waitFor();
  });
});
