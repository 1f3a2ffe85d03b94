// The administrator's console: 用户管理 (create an account, its one-time password read from the
// dialog; the new person's first sign-in changes it; disabling ends their session at once),
// 节假日 (the years loaded, loading one), 政策 (the durations in force, in words) and 接口订阅
// (a subscription created and listed, its delivery log).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestUser, createTestUser } from '../support/accounts.js';
import { type ConsoleEnv, signInThroughPage, startConsole } from './support/consoleEnv.js';

let c: ConsoleEnv;
let admin: TestUser;

beforeAll(async () => {
  c = await startConsole();
  admin = await createTestUser(c.env.db, { role: 'admin', org: 'operations', division: '150100' });
});
afterAll(async () => c?.close());

async function adminPage(path: string): Promise<Page> {
  const page = await c.page({ path });
  await signInThroughPage(page, admin.username, admin.password);
  await page.getByRole('navigation', { name: '主菜单' }).waitFor();
  return page;
}

async function signOut(page: Page, displayName: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(displayName) }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '登录' }).waitFor();
}

describe('用户管理', () => {
  it('creates an account whose one-time password signs in once, and disabling it ends its session', async () => {
    const page = await c.page();
    await signInThroughPage(page, admin.username, admin.password);
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: '主菜单' }).getByRole('link').allTextContents()).toEqual([
      '工作台',
      '用户管理',
      '节假日',
      '政策',
      '接口订阅',
      '消息',
      '个人设置',
    ]);
    await page.getByRole('link', { name: '用户管理' }).click();
    await page.getByRole('heading', { name: '用户管理', level: 1 }).waitFor();
    await page.getByRole('cell', { name: admin.username, exact: true }).waitFor();
    await c.check(page, 'admin-users');

    const username = `admin.journey.${process.pid}`;
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByLabel('姓名').fill('乌兰');
    await dialog.getByLabel('角色').click();
    await page.getByTitle('儿童福利机构', { exact: true }).click();
    await dialog.getByLabel('所属单位').fill('inst-admin-journey');
    // Prefilled with the administrator's own division, changed to a district within it.
    expect(await dialog.getByLabel('行政区划').inputValue()).toBe('150100');
    await dialog.getByLabel('行政区划').fill('150102');
    await dialog.getByRole('button', { name: '保存' }).click();

    const shown = page.getByRole('dialog', { name: '一次性密码' });
    await shown.getByText('此密码只显示这一次').waitFor();
    const password = await shown.getByLabel('一次性密码').inputValue();
    expect(password.length).toBeGreaterThanOrEqual(12);
    await shown.getByRole('button', { name: '复制密码' }).waitFor();
    await c.check(page, 'admin-user-created');
    await shown.getByRole('button', { name: '我已记下，关闭' }).click();
    await shown.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: username });
    await row.getByText('待修改初始密码').waitFor();
    expect(await row.getByRole('cell', { name: '儿童福利机构' }).count()).toBe(1);

    // The same username again is refused at its field.
    await page.getByRole('button', { name: '新建用户' }).click();
    await dialog.getByLabel('用户名').fill(username.toUpperCase());
    await dialog.getByLabel('姓名').fill('重复');
    await dialog.getByLabel('角色').click();
    await page.getByTitle('审计监督', { exact: true }).click();
    await dialog.getByLabel('所属单位').fill('audit');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('该用户名已被使用').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await signOut(page, admin.user.display_name);

    // The new person opens the console, signs in with the one-time password and must change it first.
    await page.goto(new URL('/', c.baseUrl).toString());
    await signInThroughPage(page, username, password);
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    await page.getByLabel('当前密码').fill(password);
    await page.getByLabel('新密码', { exact: true }).fill('Steppe-horses-4-ever');
    await page.getByLabel('确认新密码').fill('Steppe-horses-4-ever');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    await page.getByText('乌兰，您好').waitFor();

    // The administrator disables the account: the person's next request finds the session ended.
    const adminSide = await adminPage('/admin/users');
    await adminSide.getByRole('heading', { name: '用户管理', level: 1 }).waitFor();
    await adminSide.getByRole('button', { name: `停用 ${username}` }).click();
    const confirm = adminSide.getByRole('dialog', { name: '停用用户“乌兰”？' });
    await confirm.getByText('所有登录会话立即结束').waitFor();
    await confirm.getByRole('button', { name: '停用' }).click();
    await adminSide.getByRole('row').filter({ hasText: username }).getByText('已停用').waitFor();

    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '消息', exact: true }).click();
    const expired = page.getByRole('dialog', { name: '登录' });
    await expired.getByText('登录已过期，请重新登录').waitFor();
    // Nor does the password sign in any more.
    await expired.getByLabel('密码', { exact: true }).fill('Steppe-horses-4-ever');
    await expired.getByRole('button', { name: '登录' }).click();
    await expired.getByRole('alert').waitFor();
    expect(await expired.isVisible()).toBe(true);
  });
});

describe('节假日, 政策 and 接口订阅', () => {
  it('shows the years loaded and loads one', async () => {
    const loaded = (await c.env.db.selectFrom('calendar_years').select('year').orderBy('year').execute()).map(
      (r) => `${r.year} 年`,
    );
    const page = await adminPage('/admin/holidays');
    await page.getByRole('heading', { name: '节假日', level: 1 }).waitFor();
    const years = page.getByRole('list', { name: '已导入的年份' });
    await years.waitFor();
    expect(await years.getByRole('listitem').allTextContents()).toEqual(loaded.length ? loaded : ['尚未导入任何年份']);

    await page.getByRole('spinbutton', { name: '年份' }).fill('2099');
    await page.getByLabel('依据文件').fill('国务院办公厅关于2099年部分节假日安排的通知');
    await page.getByLabel('放假日期（工作日放假）').fill('2099-01-01 元旦\n2099-13-01 不存在');
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('第 2 行有误').waitFor();
    await page.getByLabel('放假日期（工作日放假）').fill('2099-01-01 元旦\n2099-10-01 国庆节');
    await page.getByLabel('调休上班日期（周末上班）').fill('2099-10-10 国庆节');
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText('2099 年节假日安排已导入（3 天）').waitFor();
    await years.getByText('2099 年').waitFor();
    const days = await c.env.db
      .selectFrom('calendar_days')
      .select(['day', 'kind'])
      .where('day', '>=', '2099-01-01')
      .orderBy('day')
      .execute();
    expect(days.map((d) => `${d.day} ${d.kind}`)).toEqual([
      '2099-01-01 holiday',
      '2099-10-01 holiday',
      '2099-10-10 makeup_workday',
    ]);
    await c.check(page, 'admin-holidays');
  });

  it('shows the durations in force in words', async () => {
    const page = await adminPage('/admin/policies');
    await page.getByRole('heading', { name: '政策', level: 1 }).waitFor();
    await page.getByRole('heading', { name: '办理期限', level: 2 }).waitFor();
    await page.getByText('当前适用').first().waitFor();
    await page.getByText('成年前启动过渡准备').waitFor();
    await page.getByRole('cell', { name: '90 天', exact: true }).waitFor();
    await page.getByText('安置补贴发放：10 个工作日').waitFor();
    await page.getByRole('heading', { name: '协同事项清单', level: 2 }).waitFor();
    await c.check(page, 'admin-policies');
  });

  it('creates a webhook subscription and lists it', async () => {
    const page = await adminPage('/admin/webhooks');
    await page.getByRole('heading', { name: '接口订阅', level: 1 }).waitFor();
    await page.getByText('暂无订阅').waitFor();
    await page.getByRole('button', { name: '新建订阅' }).click();
    const dialog = page.getByRole('dialog', { name: '新建订阅' });
    await dialog.getByLabel('接收地址').fill('https://receiver.example.gov.cn/hooks/resettlement');
    await dialog.getByLabel('超期督办').check();
    await dialog.getByLabel('签名密钥').fill('short');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('密钥至少 16 个字符').waitFor();
    await dialog.getByLabel('签名密钥').fill('a-long-random-shared-secret');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: 'https://receiver.example.gov.cn/hooks/resettlement' });
    await row.getByText('正常').waitFor();
    expect(await row.getByText('新待办').count()).toBe(1);
    expect(await row.getByText('超期督办').count()).toBe(1);
    await c.check(page, 'admin-webhooks');

    await row.getByRole('button', { name: '投递记录' }).click();
    await page.getByText('暂无投递记录').waitFor();
  });
});
