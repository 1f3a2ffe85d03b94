// GET /v1/cases and GET /v1/tasks as files (format=csv|xlsx or the Accept header): the rows are
// the JSON list's rows for the same caller and filters, masked the same way, in the console's
// Chinese words; text that a spreadsheet would run as a formula is defused; a long export streams
// and arrives whole; an export past the row cap is refused before it starts.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { buildAppWith } from '../support/accounts.js';
import { caseApi } from '../support/caseApi.js';
import { civilAffairs, department, institution, uniqueIdNumber, uniqueRegistration } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

const CASE_HEADER = [
  '个案编号',
  '姓名',
  '身份证号',
  '阶段',
  '安置方式',
  '行政区划代码',
  '行政区划',
  '儿童福利机构',
  '成年日期',
  '补贴状态',
  '补贴金额（元）',
  '待办任务数',
  '是否逾期',
  '登记时间',
  '更新时间',
];
const TASK_HEADER = [
  '任务编号',
  '个案编号',
  '事项',
  '承办单位',
  '行政区划代码',
  '行政区划',
  '状态',
  '办理期限',
  '是否逾期',
  '督办级别',
  '办结时间',
  '办理结果',
  '备注',
  '受阻原因',
  '创建时间',
];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FORMULA_NAME = '=HYPERLINK("http://evil.example","点我")';
/** Cases of one institution in 150202, written straight into the tables: enough to need many pages. */
const BULK = 2500;

let env: TestEnv;
let api: ReturnType<typeof caseApi>;
const instA = institution('inst-export-a', '150102');
const instB = institution('inst-export-b', '150102');
const bulkInst = institution('inst-export-bulk', '150202');
const police = department('public_security', '150102');
const hrss = department('hrss', '150102');
const aCases: string[] = [];
let placedCase = '';
const policeTasks: string[] = [];

interface Summary {
  caseId: string;
  person: { name: string; idNumber: string };
}

const get = (p: Principal, url: string, headers: Record<string, string> = {}) =>
  api.call(p, 'GET', url, undefined, headers);
const csvRows = (body: string): string[][] => parse(body.replace(/^\uFEFF/, ''), { relaxColumnCount: false });
async function jsonList(p: Principal, path: string, query = ''): Promise<Summary[]> {
  const items: Summary[] = [];
  let cursor: string | null = null;
  do {
    const res = await get(p, `${path}?limit=500${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode).toBe(200);
    const page = res.json<{ items: Summary[]; nextCursor: string | null }>();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
  aCases.push((await api.register(instA, uniqueRegistration('150102'))).caseId);
  aCases.push((await api.register(instA, uniqueRegistration('150102', { name: FORMULA_NAME }))).caseId);
  aCases.push((await api.register(instA, uniqueRegistration('150102', { name: '李"小,明' }))).caseId);
  await api.register(instB, uniqueRegistration('150102', { name: '别家青年' }));

  const persons = Array.from({ length: BULK }, (_, i) => ({
    person_id: randomUUID(),
    id_number: uniqueIdNumber(18, '150202'),
    name: `批量${i}`,
    birth_date: '2008-06-01',
    sex: 'male' as const,
    hukou_type: 'rural' as const,
  }));
  const base = Date.UTC(2026, 0, 1);
  const cases = persons.map((p, i) => ({
    case_id: `case-${randomUUID()}`,
    person_id: p.person_id,
    institution_id: bulkInst.org,
    division_code: '150202',
    stage: i % 5 === 0 ? 'placed' : 'awaiting_adulthood',
    pathway: i % 5 === 0 ? 'social_placement' : null,
    subsidy: i % 5 === 0 ? JSON.stringify({ status: 'paid', amountFen: 1234567 + i }) : null,
    adulthood_date: '2026-06-01',
    created_at: new Date(base + i * 1000),
    updated_at: new Date(base + i * 1000),
  }));
  placedCase = cases[0]!.case_id;
  for (let i = 0; i < BULK; i += 500) {
    await env.db
      .insertInto('persons')
      .values(persons.slice(i, i + 500))
      .execute();
    await env.db
      .insertInto('cases')
      .values(cases.slice(i, i + 500))
      .execute();
  }

  // Tasks of one of institution A's cases: two for the police of 150102, one for hrss.
  const task = (kind: string, dept: string, due: string, extra: Record<string, unknown> = {}) => ({
    task_id: `t-${randomUUID()}`,
    case_id: aCases[0]!,
    kind,
    assignee_role: 'department' as const,
    department: dept,
    division_code: '150102',
    status: 'open' as const,
    due_at: new Date(due),
    details: '{}',
    ...extra,
  });
  const rows = [
    task('household_registration', 'public_security', '2026-03-01T02:00:00.000Z'),
    task('household_registration', 'public_security', '2026-03-02T02:00:00.000Z', {
      status: 'blocked',
      block_reason: '-缺少户口迁移证明',
    }),
    task('employment_and_social_insurance', 'hrss', '2026-03-01T02:00:00.000Z'),
  ];
  policeTasks.push(rows[0]!.task_id, rows[1]!.task_id);
  await env.db.insertInto('tasks').values(rows).execute();
}, 120_000);
afterAll(async () => env?.close());

describe('GET /v1/cases as CSV', () => {
  it("writes the institution's own cases, masked as in the list, with a BOM, Chinese headers and CRLF", async () => {
    const res = await get(instA, '/v1/cases?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="cases-${today}.csv"`);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.body.split('\r\n')[0]).toBe(`\uFEFF${CASE_HEADER.join(',')}`);
    expect(res.body.endsWith('\r\n')).toBe(true);

    const [header, ...rows] = csvRows(res.body);
    expect(header).toEqual(CASE_HEADER);
    const list = await jsonList(instA, '/v1/cases');
    expect(rows.map((r) => r[0])).toEqual(list.map((c) => c.caseId));
    expect(rows.map((r) => r[0]).sort()).toEqual([...aCases].sort());
    for (const row of rows) {
      const json = list.find((c) => c.caseId === row[0])!;
      expect(row[2]).toBe(json.person.idNumber);
      expect(row[2]).toMatch(/^150102\*{8}\d{3}[\dX]$/);
      // Registered just past 18: the workflow moves them on to assessment.
      expect(['待成年', '成年过渡准备', '评估']).toContain(row[3]);
      expect(row[6]).toBe('新城区');
      expect(row[7]).toBe('inst-export-a');
      expect(row[13]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    const names = rows.map((r) => r[1]);
    expect(names).toContain(`'${FORMULA_NAME}`);
    expect(names).toContain('李"小,明');
    expect(names).not.toContain('别家青年');
  });

  it('answers the Accept header as it answers format', async () => {
    const res = await get(instA, '/v1/cases', { accept: 'text/csv' });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csvRows(res.body)).toHaveLength(aCases.length + 1);
    const json = await get(instA, '/v1/cases', { accept: 'application/json, text/csv;q=0.5' });
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.json<{ items: unknown[] }>().items).toHaveLength(aCases.length);
  });

  it('honours the filters, writes codes as words and money in yuan, times in Asia/Shanghai', async () => {
    const ca = civilAffairs('150202');
    const res = await get(ca, '/v1/cases?format=csv&stage=placed');
    expect(res.statusCode).toBe(200);
    const [, ...rows] = csvRows(res.body);
    expect(rows).toHaveLength(BULK / 5);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(['已社会化安置']));
    const first = rows.find((r) => r[0] === placedCase)!;
    expect(first.slice(3, 5)).toEqual(['已社会化安置', '社会化安置']);
    expect(first.slice(9, 11)).toEqual(['已拨付', '12345.67']);
    expect(first[13]).toBe('2026-01-01 08:00:00');
    expect(first[12]).toBe('否');
  });
});

describe('GET /v1/cases as .xlsx', () => {
  it('opens in exceljs with the same header and rows as the CSV, names as text, money as numbers', async () => {
    const csv = csvRows((await get(instA, '/v1/cases?format=csv')).body);
    const res = await get(instA, '/v1/cases?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="cases-\d{8}\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      rows.push(CASE_HEADER.map((_, i) => String(row.getCell(i + 1).text ?? '')));
    });
    // The xlsx keeps the name as typed, in a text cell: no formula, no apostrophe needed.
    expect(rows).toEqual(csv.map((r) => r.map((cell) => (cell === `'${FORMULA_NAME}` ? FORMULA_NAME : cell))));
    sheet.eachRow((row) => {
      expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
    });

    const money = await get(civilAffairs('150202'), '/v1/cases?format=xlsx&stage=placed');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(money.rawPayload as unknown as ExcelJS.Buffer);
    const placed = book.worksheets[0]!;
    expect(placed.rowCount).toBe(BULK / 5 + 1);
    const cell = placed.getRow(2).getCell(11);
    expect(cell.value).toBe(12345.67);
    expect(cell.numFmt).toBe('0.00');
  });
});

describe('a long export', () => {
  let server: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    server = await buildAppWith(env);
    base = await server.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => server?.close());

  it(`streams all ${BULK} cases of the jurisdiction in several chunks, every row arriving`, async () => {
    const res = await fetch(`${base}/v1/cases?format=csv`, {
      headers: { authorization: `Bearer ${env.token(civilAffairs('150202'))}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    const reader = res.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    expect(chunks.length).toBeGreaterThan(1);
    const body = Buffer.concat(chunks).toString('utf8');
    const [header, ...rows] = csvRows(body);
    expect(header).toEqual(CASE_HEADER);
    expect(rows).toHaveLength(BULK);
    expect(new Set(rows.map((r) => r[0])).size).toBe(BULK);
    expect(rows.every((r) => r[7] === bulkInst.org)).toBe(true);
  });

  it('is refused before it starts past the row cap, and passes within it', async () => {
    const capped = await buildAppWith(env, {}, { exportRowCap: BULK / 5 });
    try {
      const ca = civilAffairs('150202');
      const all = await capped.inject({
        url: '/v1/cases?format=xlsx',
        headers: { authorization: `Bearer ${env.token(ca)}` },
      });
      expect(all.statusCode).toBe(400);
      expect(all.json<{ error: { code: string; message: string } }>().error.message).toContain(
        `more than ${BULK / 5} cases`,
      );
      const placed = await capped.inject({
        url: '/v1/cases?format=csv&stage=placed',
        headers: { authorization: `Bearer ${env.token(ca)}` },
      });
      expect(placed.statusCode).toBe(200);
      expect(csvRows(placed.body)).toHaveLength(BULK / 5 + 1);
    } finally {
      await capped.close();
    }
  });
});

describe('GET /v1/tasks as CSV and .xlsx', () => {
  it("writes a department's own tasks only, in words, the blocker defused", async () => {
    const res = await get(police, '/v1/tasks?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="tasks-\d{8}\.csv"$/);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = csvRows(res.body);
    expect(header).toEqual(TASK_HEADER);
    expect(rows.map((r) => r[0])).toEqual(policeTasks);
    expect(rows[0]!.slice(2, 4)).toEqual(['落户', '公安']);
    expect(rows[0]![6]).toBe('待办');
    expect(rows[0]![7]).toBe('2026-03-01 10:00:00');
    expect(rows[0]![8]).toBe('是');
    expect(rows[1]![6]).toBe('受阻');
    expect(rows[1]![13]).toBe("'-缺少户口迁移证明");

    const other = csvRows((await get(hrss, '/v1/tasks?format=csv')).body);
    expect(other.slice(1).map((r) => r.slice(2, 4))).toEqual([['就业和社会保险', '人力资源和社会保障']]);
  });

  it('honours the status filter, in .xlsx too', async () => {
    const res = await get(police, '/v1/tasks?status=done', { accept: XLSX });
    expect(res.headers['content-type']).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(1);
    expect(workbook.worksheets[0]!.getRow(1).getCell(3).text).toBe('事项');
    const open = csvRows((await get(police, '/v1/tasks?format=csv&status=open')).body);
    expect(open.slice(1).map((r) => r[0])).toEqual(policeTasks);
  });
});
