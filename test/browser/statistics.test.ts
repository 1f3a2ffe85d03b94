// 统计分析 in Chromium for civil affairs, finance and an auditor: the figures are those of the cases
// this test creates; a chart's element (clicked where ECharts drew it on the canvas) and the same
// figure's link in its table each open the 个案 list showing exactly the cases counted.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../support/accounts.js';
import { caseApi, eventually, fastDurations, setPolicy } from '../support/caseApi.js';
import {
  auditor,
  civilAffairs,
  effectiveStandard,
  finance,
  institution,
  uniqueRegistration,
} from '../support/fixtures.js';
import { type ConsoleEnv, signInThroughPage, startConsole } from './support/consoleEnv.js';

let c: ConsoleEnv;
let placed: { caseId: string; name: string };
let waiting: { caseId: string; name: string };

beforeAll(async () => {
  c = await startConsole();
  const api = caseApi(c.env);
  // Xincheng pays 60,000 CNY: 50,000 from the region, 10,000 locally.
  await c.env.db.insertInto('subsidy_standards').values(effectiveStandard('150102', 6_000_000)).execute();
  // Every task of a 150103 case is due a second after it opens.
  await setPolicy(c.env.db, 'durations', fastDurations({ taskSla: { default: { seconds: 1 } } }), '150103');

  const caseId = await api.approvedCase('150102');
  placed = { caseId, name: (await api.get(civilAffairs('150102'), caseId)).person.name };
  const inst = institution('inst-150103', '150103');
  const registered = await api.register(inst, uniqueRegistration('150103', { name: '其其格' }));
  waiting = { caseId: registered.caseId, name: '其其格' };
  await eventually(
    () => api.task(inst, registered.tasks[0].taskId),
    (t) => t.overdue === true,
    15_000,
  );
});
afterAll(async () => c?.close());

async function openStatistics(principal: Parameters<typeof createTestUser>[1], path = '/statistics') {
  const user = await createTestUser(c.env.db, principal);
  const page = await c.page({ path });
  await signInThroughPage(page, user.username, user.password);
  await page.getByRole('heading', { name: '统计分析', level: 1 }).waitFor();
  await page.getByRole('heading', { name: '各地区个案阶段分布', level: 2 }).waitFor();
  return page;
}

/** The 个案 list now open lists exactly these people. */
async function listShows(page: Page, names: string[]) {
  await page.getByRole('heading', { name: '个案', level: 1 }).waitFor();
  for (const name of names) await page.getByRole('link', { name }).waitFor();
  const rows = page.getByRole('row').filter({ has: page.getByRole('link') });
  expect(await rows.count()).toBe(names.length);
}

/** Clicks a chart where ECharts drew a point of the series (its instance converts data to pixels). */
async function clickChart(page: Page, chart: string, seriesId: string, point: [number, number]) {
  const canvas = page.getByRole('img', { name: new RegExp(`^${chart}图表`) });
  await canvas.scrollIntoViewIfNeeded();
  await expect.poll(() => canvas.evaluate((el) => 'echartsInstance' in el), { timeout: 15_000 }).toBe(true);
  const [x, y] = await canvas.evaluate(
    (el, at) => {
      const chart = (el as unknown as { echartsInstance: { convertToPixel: (f: object, v: number[]) => number[] } })
        .echartsInstance;
      return chart.convertToPixel({ seriesId: at.seriesId }, at.point);
    },
    { seriesId, point },
  );
  const box = (await canvas.boundingBox())!;
  await page.mouse.click(box.x + x!, box.y + y!);
}

describe('统计分析', () => {
  it('shows civil affairs the league’s figures, and a chart segment and a table figure open the cases they count', async () => {
    const page = await openStatistics(civilAffairs('150100'));
    const cell = (name: string) => page.getByRole('link', { name, exact: true });
    // Cases by stage per banner: one social placement in Xincheng, one assessment in Huimin.
    await cell('新城区 · 社会化安置办理中: 1').waitFor();
    await cell('回民区 · 评估: 1').waitFor();
    await cell('新城区 · 合计: 1').waitFor();
    // Pathways, the subsidy owed and its shares, the institution's overdue task, this month's registrations.
    await cell('社会化安置: 1').waitFor();
    await cell('尚未确定安置方式: 1').waitFor();
    const owed = page.getByRole('row').filter({ has: cell('待拨付: 1') });
    expect(await owed.textContent()).toContain('60,000.00 元50,000.00 元10,000.00 元');
    await cell('儿童福利机构: 1').waitFor();
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
      .format(new Date())
      .slice(0, 7);
    await cell(`${month} 登记: 2`).waitFor();
    await c.check(page, 'statistics-civil-affairs');

    // The Huimin bar's assessment segment (the stage's series; the second banner, half its height).
    await clickChart(page, '各地区个案阶段分布', 'assessment', [1, 0.5]);
    await page.waitForURL((u) => u.pathname === '/cases');
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ division: '150103', stage: 'assessment' });
    await listShows(page, [waiting.name]);

    // The same figure's link in the table.
    await page.goBack();
    await cell('回民区 · 评估: 1').click();
    await listShows(page, [waiting.name]);
    expect(new URL(page.url()).search).toBe('?division=150103&stage=assessment');

    // Overdue by department: the bar, then its link, open the case with the institution's overdue task.
    await page.goBack();
    // Horizontal bars: half the first department's bar.
    await clickChart(page, '各部门超期事项', 'overdue', [0.5, 0]);
    await page.waitForURL((u) => u.searchParams.get('overdueDepartment') === 'institution');
    await listShows(page, [waiting.name]);
    await page.getByText('儿童福利机构有超期事项').waitFor();
    await page.goBack();
    await cell('儿童福利机构: 1').click();
    await listShows(page, [waiting.name]);

    // The subsidy owed bar, and this month's registrations in the table.
    await page.goBack();
    // The owed bar's 自治区补助 part (¥50,000 from ¥0).
    await clickChart(page, '补贴已拨付与待拨付（按资金来源）', 'regional', [1, 1_000_000]);
    await page.waitForURL((u) => u.searchParams.get('subsidy') === 'owed');
    await listShows(page, [placed.name]);
    await page.goBack();
    await cell(`${month} 登记: 2`).click();
    await listShows(page, [placed.name, waiting.name]);
  });

  it('shows finance the subsidy by funding share, in yuan', async () => {
    const page = await openStatistics(finance('150100'));
    await page.getByRole('heading', { name: '补贴已拨付与待拨付（按资金来源）', level: 2 }).waitFor();
    const owed = page.getByRole('row').filter({ has: page.getByRole('link', { name: '待拨付: 1', exact: true }) });
    expect(await owed.textContent()).toContain('60,000.00 元50,000.00 元10,000.00 元');
    const paid = page.getByRole('row').filter({ hasText: '已拨付' });
    expect(await paid.textContent()).toContain('0.00 元');
    await c.check(page, 'statistics-finance');
    await page.getByRole('link', { name: '待拨付: 1', exact: true }).click();
    await listShows(page, [placed.name]);
  });

  it('lets an auditor narrow to a banner, kept in the URL', async () => {
    const page = await openStatistics(auditor('150000'));
    // The region's figures are by league.
    await page.getByRole('link', { name: '呼和浩特市 · 合计: 2', exact: true }).waitFor();
    await c.check(page, 'statistics-auditor');

    await page.getByLabel('统计范围').click();
    await page.keyboard.type('回民区');
    await page.getByRole('option', { name: '回民区（150103）' }).waitFor({ state: 'attached' });
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('division') === '150103');
    await page.getByRole('link', { name: '回民区 · 评估: 1', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: /新城区/ }).count()).toBe(0);
    await page.reload();
    await page.getByRole('link', { name: '回民区 · 评估: 1', exact: true }).waitFor();
    await page.getByRole('link', { name: '尚未确定安置方式: 1', exact: true }).click();
    await listShows(page, [waiting.name]);
    expect(new URL(page.url()).search).toBe('?pathway=none&division=150103');
  });
});
