// First journeys in Chromium: signing in through the page, the forced password change of a new
// account, the language switch that is remembered, and an overdue task shown red on the workbench.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPreferences } from '../../db/repositories/notifications.js';
import { createTestUser } from '../support/accounts.js';
import { caseApi, eventually, fastDurations, setPolicy } from '../support/caseApi.js';
import { institution, registrationBody } from '../support/fixtures.js';
import { type ConsoleEnv, signInThroughPage, startConsole } from './support/consoleEnv.js';

let c: ConsoleEnv;

beforeAll(async () => {
  c = await startConsole();
});
afterAll(async () => c?.close());

describe('signing in', () => {
  it('opens the workbench of the signed-in person, and signing out returns to the sign-in', async () => {
    const user = await createTestUser(c.env.db, { role: 'department', org: 'hrss', division: '150102' });
    const page = await c.page();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await c.check(page, 'everyone-signin');

    await signInThroughPage(page, user.username, 'not-the-password');
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();

    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: '主菜单' }).getByRole('link').allTextContents()).toEqual([
      '工作台',
      '待办',
      '已办',
      '消息',
      '个人设置',
    ]);
    await page.getByText('暂无待办事项').waitFor();
    await c.check(page, 'department-workbench');

    await page.getByRole('button', { name: new RegExp(user.user.display_name) }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    // The session ended on the server: a reload does not bring it back.
    await page.reload();
    await page.getByRole('heading', { name: '登录' }).waitFor();
  });

  it('makes a new account change its one-time password before anything else', async () => {
    const user = await createTestUser(
      c.env.db,
      { role: 'institution', org: 'inst-b-2', division: '150102' },
      { mustChange: true },
    );
    const page = await c.page({ path: '/cases' });
    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    await c.check(page, 'everyone-forced-password-change');

    await page.getByLabel('当前密码').fill(user.password);
    await page.getByLabel('新密码', { exact: true }).fill('Steppe-horses-4-ever');
    await page.getByLabel('确认新密码').fill('Steppe-horses-4-other');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('两次输入的新密码不一致').waitFor();

    await page.getByLabel('确认新密码').fill('Steppe-horses-4-ever');
    await page.getByRole('button', { name: '修改密码' }).click();
    // The page that was asked for opens once the password is changed.
    await page.getByRole('navigation', { name: '主菜单' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/cases');

    // The new password is the one that signs in now.
    const again = await c.page();
    await signInThroughPage(again, user.username, 'Steppe-horses-4-ever');
    await again.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  });
});

describe('the language switch', () => {
  it('switches every word to English and remembers it after a reload', async () => {
    const user = await createTestUser(c.env.db, { role: 'finance', org: 'finance', division: '150102' });
    const page = await c.page();
    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Workbench', level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Workbench', level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link').allTextContents()).toEqual([
      'Workbench',
      'To co-sign',
      'To disburse',
      'Subsidy standards',
      'Statistics',
      'Messages',
      'Settings',
    ]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByText('Nothing waits for you').waitFor();
    await c.check(page, 'finance-workbench-en');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await c.check(page, 'finance-settings-en');
    await page.getByRole('main').getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('heading', { name: '个人设置', level: 1 }).waitFor();
  });
});

describe('个人设置', () => {
  it('turns the daily e-mail digest off and on, and the choice is kept', async () => {
    const user = await createTestUser(c.env.db, institution('inst-b-4', '150102'));
    const page = await c.page({ path: '/settings' });
    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('heading', { name: '个人设置', level: 1 }).waitFor();
    const digest = page.getByRole('switch', { name: '每日邮件摘要' });
    await digest.waitFor();
    expect(await digest.getAttribute('aria-checked')).toBe('true');
    await c.check(page, 'institution-settings');

    await digest.click();
    await page.getByText('已关闭每日邮件摘要').waitFor();
    expect(await findPreferences(c.env.db, user.user.user_id)).toEqual({ emailDigest: false });
    await page.reload();
    await page.getByRole('heading', { name: '个人设置', level: 1 }).waitFor();
    await page.getByRole('switch', { name: '每日邮件摘要', checked: false }).waitFor();

    await page.getByRole('switch', { name: '每日邮件摘要' }).click();
    await page.getByText('已开启每日邮件摘要').waitFor();
    expect(await findPreferences(c.env.db, user.user.user_id)).toEqual({ emailDigest: true });
  });
});

describe('the workbench', () => {
  it('shows a task past its due date red, with 已超期, and counts it', async () => {
    await setPolicy(c.env.db, 'durations', fastDurations({ taskSla: { default: { seconds: 2 } } }));
    const inst = institution('inst-b-3', '150102');
    const user = await createTestUser(c.env.db, inst);
    const api = caseApi(c.env);
    const { tasks } = await api.register(inst, registrationBody());
    const taskId: string = tasks[0].taskId;
    await eventually(
      () => api.task(inst, taskId),
      (t) => t.overdue === true,
      15_000,
    );

    const page = await c.page();
    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: '成年评估' });
    await row.waitFor();
    const light = row.getByText('已超期');
    expect(await light.count()).toBe(1);
    // Red: the overdue style, whose colour is the one every list uses.
    const color = await light.evaluate(
      (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color,
    );
    expect(color).toBe('rgb(168, 7, 26)');
    const overdueCount = page.locator('.count-card--overdue');
    expect(await overdueCount.textContent()).toContain('1');
    await c.check(page, 'institution-workbench-overdue');

    // The task's opening and its escalation reached the institution as messages: the bell counts them.
    const bell = page.getByRole('link', { name: /^消息，[1-9]\d* 条未读$/ });
    await bell.waitFor();
    await bell.click();
    await page.getByRole('heading', { name: '消息', level: 1 }).waitFor();
    await page.getByText('新待办').first().waitFor();
    await c.check(page, 'institution-notifications');
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await page.getByRole('link', { name: '消息，0 条未读' }).waitFor();
  });
});
