// 批量导入 and 补贴标准 in Chromium. The institution downloads the template (BOM, the Chinese
// headers), fills it with three good rows, one ID number that already has an open case and one
// that fails GB 11643, uploads it and reads the report row by row; the new cases are in 个案.
// Civil affairs proposes a standard (the API's refusal of a division outside its jurisdiction
// shown at that field); finance sees it 待会签 in the list, co-signs it, and it is then scheduled.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCheckDigit } from '../../domain/idNumber.js';
import { createTestUser } from '../support/accounts.js';
import { caseApi } from '../support/caseApi.js';
import {
  civilAffairs,
  effectiveStandard,
  finance,
  institution,
  uniqueIdNumber,
  uniqueRegistration,
} from '../support/fixtures.js';
import { type ConsoleEnv, signInThroughPage, startConsole } from './support/consoleEnv.js';

let c: ConsoleEnv;
let api: ReturnType<typeof caseApi>;

beforeAll(async () => {
  c = await startConsole();
  api = caseApi(c.env);
});
afterAll(async () => c?.close());

const TEMPLATE_HEADER =
  '姓名,公民身份号码,户口性质,所属行政区划,残疾类别,残疾等级,患有重病,在校就读至,开户行,账号,户名';

describe('批量导入', () => {
  it('downloads the template, uploads a roster and reports each row, and the new cases are in 个案', async () => {
    const inst = institution('inst-import-1', '150102');
    const existing = await api.register(inst, uniqueRegistration('150102'));
    const user = await createTestUser(c.env.db, inst);
    const page = await c.page({ path: '/cases/import' });
    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('heading', { name: '批量导入', level: 1 }).waitFor();
    await c.check(page, 'institution-import');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载模板' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('个案批量导入模板.csv');
    const template = readFileSync(await download.path(), 'utf8');
    expect(template.startsWith(`\uFEFF${TEMPLATE_HEADER}\r\n`)).toBe(true);
    const [, example] = template.slice(1).split('\r\n');
    expect(example).toMatch(/^[^,]+,15010220080101000\w,农村,150102,/);

    // The template's header, its example row replaced by the roster.
    const good = ['导入青年一', '导入青年二', '导入青年三'].map((name) => ({ name, id: uniqueIdNumber() }));
    const valid = uniqueIdNumber();
    const wrong = valid.slice(0, 17) + (computeCheckDigit(valid.slice(0, 17)) === '1' ? '2' : '1');
    const line = (name: string, id: string) => `${name},${id},农村,150102,,,,,,,`;
    const roster = [
      TEMPLATE_HEADER,
      ...good.map((g) => line(g.name, g.id)),
      line('已有个案的青年', existing.person.idNumber as string),
      line('号码有误的青年', wrong),
    ];
    const file = join(tmpdir(), `roster-${process.pid}-${Date.now()}.csv`);
    writeFileSync(file, `\uFEFF${roster.join('\r\n')}\r\n`);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: '选择 CSV 文件' }).click(),
    ]);
    await chooser.setFiles(file);
    await page.getByText(/共 5 行数据/).waitFor();
    await page.getByRole('button', { name: '开始导入' }).click();

    await page.getByText('共 5 行：成功 3 行，已存在 1 行，错误 1 行').waitFor();
    const row = (n: number) =>
      page.getByRole('row').filter({ has: page.getByRole('cell', { name: String(n), exact: true }) });
    const caseIds: string[] = [];
    for (const n of [1, 2, 3]) {
      await row(n).getByText('成功', { exact: true }).waitFor();
      const href = await row(n).getByRole('link', { name: '查看个案' }).getAttribute('href');
      expect(href).toMatch(/^\/cases\/case-[0-9a-f-]{36}$/);
      caseIds.push(href!.slice('/cases/'.length));
    }
    expect(new Set(caseIds).size).toBe(3);
    expect(await row(4).textContent()).toContain('已存在');
    expect(await row(4).textContent()).toContain('该公民身份号码已有未结案的个案');
    expect(await row(4).getByRole('link', { name: '查看个案' }).getAttribute('href')).toBe(`/cases/${existing.caseId}`);
    expect(await row(5).textContent()).toContain('错误');
    expect(await row(5).textContent()).toContain(`校验码不正确：第 18 位为 ${wrong[17]}，按前 17 位应为 ${valid[17]}`);
    expect(await row(5).getByRole('link').count()).toBe(0);
    await c.check(page, 'institution-import-report');
    // Neither a name nor an ID number went into a URL.
    expect(page.url()).toBe(new URL('/cases/import', c.baseUrl).toString());

    await page.getByRole('link', { name: '个案', exact: true }).click();
    await page.getByRole('heading', { name: '个案', level: 1 }).waitFor();
    for (const g of good) await page.getByRole('link', { name: g.name }).waitFor();
    expect(await page.getByRole('link', { name: '号码有误的青年' }).count()).toBe(0);
  });
});

describe('补贴标准', () => {
  it('civil affairs proposes a standard, finance sees it 待会签 and co-signs it, and it is scheduled', async () => {
    await c.env.db
      .insertInto('subsidy_standards')
      .values([effectiveStandard('150000', 5_000_000), effectiveStandard('150102', 6_000_000)])
      .execute();
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const effectiveFrom = `${Number(today.slice(0, 4)) + 1}-03-01`;
    const basis = `新城区民政局、财政局联合发文 ${effectiveFrom}`;

    const ca = await createTestUser(c.env.db, civilAffairs('150102'));
    const page = await c.page({ path: '/standards' });
    await signInThroughPage(page, ca.username, ca.password);
    await page.getByRole('heading', { name: '补贴标准', level: 1 }).waitFor();
    const inForce = page.getByRole('row').filter({ hasText: '60,000.00 元' });
    await inForce.getByText('执行中').waitFor();
    expect(await inForce.textContent()).toContain('10,000.00 元'); // 地方承担: 60,000 − the region's 50,000
    await c.check(page, 'standards-list');

    const form = page.getByRole('heading', { name: '提出补贴标准', level: 2 });
    await form.waitFor();
    await page.getByLabel('行政区划', { exact: true }).fill('150202');
    await page.getByLabel('补贴标准（元）').fill('70000');
    await page.getByLabel('生效日期', { exact: true }).fill(today);
    await page.getByLabel('依据').fill(basis);
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('生效日期须晚于今天', { exact: true }).waitFor();
    await page.getByLabel('生效日期', { exact: true }).fill(effectiveFrom);
    await page.getByRole('button', { name: '提交' }).click();
    // The API refuses a division outside the jurisdiction: said at that field.
    await page.getByText('division: 150202 is not within your jurisdiction 150102').waitFor();
    await page.getByLabel('行政区划', { exact: true }).fill('150102');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('已提出，等待财政部门会签').waitFor();
    const proposedRow = page.getByRole('row').filter({ hasText: basis });
    await proposedRow.getByText('待会签').waitFor();
    await c.check(page, 'standards-propose');

    const fin = await createTestUser(c.env.db, finance('150102'));
    const finPage = await c.page({ path: '/standards' });
    await signInThroughPage(finPage, fin.username, fin.password);
    await finPage.getByRole('heading', { name: '补贴标准', level: 1 }).waitFor();
    const row = finPage.getByRole('row').filter({ hasText: basis });
    await row.getByText('待会签').waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells).toEqual(
      expect.arrayContaining(['150102', effectiveFrom, '70,000.00 元', '50,000.00 元', '20,000.00 元']),
    );
    expect(await finPage.getByRole('textbox', { name: '依据' }).count()).toBe(0);
    await finPage.getByRole('link', { name: '待会签（1）' }).click();
    await finPage.getByRole('heading', { name: '待会签', level: 1 }).waitFor();
    const toSign = finPage.getByRole('row').filter({ hasText: basis });
    await toSign.getByRole('button', { name: '会签' }).click();
    await toSign.waitFor({ state: 'detached' });

    await finPage.getByRole('link', { name: '补贴标准', exact: true }).click();
    await finPage.getByRole('heading', { name: '补贴标准', level: 1 }).waitFor();
    await finPage.getByRole('row').filter({ hasText: basis }).getByText('已会签，待生效').waitFor();
    await finPage.getByRole('link', { name: '待会签（0）' }).waitFor();
    const standards = await api.call(finance('150102'), 'GET', '/v1/subsidy-standards?division=150102');
    expect(
      (standards.json().items as Array<{ effectiveFrom: string; status: string }>).find(
        (s) => s.effectiveFrom === effectiveFrom,
      )?.status,
    ).toBe('effective');
  });
});
