// 导出 Excel / 导出 CSV in Chromium: the 个案 list's and the 待办 list's buttons download, through the
// API, the file of what the list shows under its current filters (the browser's download: a BOM,
// the Chinese header row, one row per item of the list), and the .xlsx opens with the same rows.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../support/accounts.js';
import { caseApi } from '../support/caseApi.js';
import { institution, registrationBody, uniqueIdNumber } from '../support/fixtures.js';
import { type ConsoleEnv, signInThroughPage, startConsole } from './support/consoleEnv.js';

let c: ConsoleEnv;

beforeAll(async () => {
  c = await startConsole();
});
afterAll(async () => c?.close());

/** Clicks the button and waits for the browser's download; its name and bytes. */
async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}
const csvRows = (bytes: Buffer): string[][] => parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));

describe('export buttons', () => {
  it('download the 个案 list under its filters as CSV and Excel', async () => {
    const inst = institution('inst-export-browser', '150102');
    const user = await createTestUser(c.env.db, inst);
    const api = caseApi(c.env);
    await api.register(inst, registrationBody({ person: { name: '乌云其木格', idNumber: uniqueIdNumber() } }));
    await api.register(inst, registrationBody({ person: { name: '=1+2', idNumber: uniqueIdNumber() } }));

    const page = await c.page({ path: '/cases' });
    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('link', { name: '乌云其木格' }).waitFor();
    await c.check(page, 'cases-export');

    const csv = await download(page, '导出 CSV');
    expect(csv.name).toMatch(/^cases-\d{8}\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = csvRows(csv.bytes);
    expect(header!.slice(0, 4)).toEqual(['个案编号', '姓名', '身份证号', '阶段']);
    expect(rows.map((r) => r[1]).sort()).toEqual(["'=1+2", '乌云其木格'].sort());
    expect(rows.every((r) => /^150102\*{8}\d{3}[\dX]$/.test(r[2]!))).toBe(true);

    const xlsx = await download(page, '导出 Excel');
    expect(xlsx.name).toMatch(/^cases-\d{8}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
    expect(book.worksheets[0]!.rowCount).toBe(3);

    // Under a filter that matches nothing, the file has its header and no row.
    await page.goto(new URL('/cases?stage=closed', c.baseUrl).toString());
    await page.getByText('没有符合条件的个案').waitFor();
    const none = await download(page, '导出 CSV');
    expect(csvRows(none.bytes)).toEqual([header]);
  });

  it('download the 待办 list of a department as CSV', async () => {
    const inst = institution('inst-export-browser-2', '150102');
    const api = caseApi(c.env);
    const { caseId } = await api.register(inst, registrationBody({ person: { idNumber: uniqueIdNumber() } }));
    const due = Date.now() + 86_400_000;
    const tasks = ['household_registration', 'legal_aid'].map((kind, i) => ({
      task_id: `t-${randomUUID()}`,
      case_id: caseId,
      kind,
      assignee_role: 'department' as const,
      department: 'justice',
      division_code: '150102',
      status: 'open' as const,
      due_at: new Date(due + i * 1000),
      details: '{}',
    }));
    await c.env.db.insertInto('tasks').values(tasks).execute();
    const user = await createTestUser(c.env.db, { role: 'department', org: 'justice', division: '150102' });

    const page = await c.page({ path: '/inbox' });
    await signInThroughPage(page, user.username, user.password);
    await page.getByRole('heading', { name: '待办', level: 1 }).waitFor();
    await page.getByRole('row').filter({ hasText: '法律援助' }).waitFor();
    await c.check(page, 'inbox-export');

    const csv = await download(page, '导出 CSV');
    expect(csv.name).toMatch(/^tasks-\d{8}\.csv$/);
    expect(csv.bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const [header, ...rows] = csvRows(csv.bytes);
    expect(header!.slice(0, 4)).toEqual(['任务编号', '个案编号', '事项', '承办单位']);
    expect(rows.map((r) => r[0])).toEqual(tasks.map((t) => t.task_id));
    expect(rows.map((r) => r.slice(2, 4))).toEqual([
      ['落户', '司法'],
      ['法律援助', '司法'],
    ]);
  });
});
