// GET /v1/tasks: the inbox shapes its page in SQL, so each item must read exactly as the same task
// does from GET /v1/tasks/{taskId} (taskView), and its pages must walk the inbox once, oldest due
// first, ties broken by task id.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import { caseApi } from '../support/caseApi.js';
import { department, idNumberFor } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

interface Item {
  taskId: string;
  dueAt: string;
  status: string;
  overdue: boolean;
}

let env: TestEnv;
let api: ReturnType<typeof caseApi>;
const hrss = department('hrss', '150100');
const housing = department('housing', '150100');
const hour = 3600_000;
/** The hrss tasks of league 150100 as seeded, in inbox order. */
let expected: Array<{ taskId: string; dueMs: number; status: string }> = [];

const inbox = async (p: Principal, query: string) => {
  const res = await api.call(p, 'GET', `/v1/tasks?${query}`);
  if (res.statusCode !== 200) throw new Error(`GET /v1/tasks?${query}: ${res.statusCode} ${res.body}`);
  return res.json<{ items: Item[]; nextCursor: string | null }>();
};

async function walk(p: Principal, query: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const page = await inbox(p, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
  const personId = randomUUID();
  const caseId = `case-${randomUUID()}`;
  await env.db
    .insertInto('persons')
    .values({
      person_id: personId,
      id_number: idNumberFor('2008-06-01'),
      name: '收件测试',
      birth_date: '2008-06-01',
      sex: 'female',
      hukou_type: 'pastoral',
    })
    .execute();
  await env.db
    .insertInto('cases')
    .values({
      case_id: caseId,
      person_id: personId,
      institution_id: 'inst-hohhot-1',
      division_code: '150102',
      stage: 'social_placement',
      adulthood_date: '2026-06-01',
    })
    .execute();

  // Instants with whole milliseconds, as the workflow writes them; several share a due time, some
  // are past due, one is done with every optional field set, one is blocked, one is out of reach.
  const base = Math.floor(Date.now() / 1000) * 1000;
  const dues = [
    -5 * hour,
    -5 * hour,
    -5 * hour,
    -hour + 7,
    2 * hour + 123,
    2 * hour + 123,
    30 * hour,
    30 * hour,
    31 * hour,
  ];
  const rows = dues.map((d, i) => ({
    task_id: `t-${randomUUID()}`,
    case_id: caseId,
    kind: 'hrss_task',
    assignee_role: 'department' as const,
    department: 'hrss',
    division_code: i % 2 ? '150102' : '150121',
    status: i === 1 ? ('done' as const) : i === 4 ? ('blocked' as const) : ('open' as const),
    due_at: new Date(base + d),
    details: JSON.stringify(i === 1 ? { checklist: ['户口迁移证明', '社保登记'], note: { nested: true } } : {}),
    ...(i === 1
      ? {
          outcome: 'done',
          note: '已办 "结"',
          completed_at: new Date(base - 1000 + 1),
          due_date_warning: 'holiday',
          escalation_level: 1,
          escalated_to: '150100',
          assignee_sub: 'officer-7',
        }
      : {}),
    ...(i === 4 ? { block_reason: '缺少证明' } : {}),
  }));
  await env.db.insertInto('tasks').values(rows).execute();
  await env.db
    .insertInto('tasks')
    .values({
      task_id: `t-${randomUUID()}`,
      case_id: caseId,
      kind: 'hrss_task',
      assignee_role: 'department',
      department: 'hrss',
      division_code: '150202',
      status: 'open',
      due_at: new Date(base),
      details: '{}',
    })
    .execute();
  // Microseconds, as rows written by SQL may carry: cut to milliseconds as a Date would.
  await sql`
    INSERT INTO tasks (task_id, case_id, kind, assignee_role, department, division_code, status, due_at, details, completed_at, created_at)
    VALUES (${`t-${randomUUID()}`}, ${caseId}, 'housing_task', 'department', 'housing', '150102', 'done',
            '2026-03-04 05:06:07.999999+08', '{}', '2026-03-04 05:06:07.000999+08', '2026-01-02 03:04:05.123456+08')
  `.execute(env.db);
  expected = rows
    .map((r) => ({ taskId: r.task_id, dueMs: r.due_at.getTime(), status: r.status }))
    .sort((a, b) => a.dueMs - b.dueMs || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0));
});
afterAll(async () => env?.close());

describe('GET /v1/tasks', () => {
  it('answers each task exactly as GET /v1/tasks/{taskId} does', async () => {
    for (const p of [hrss, housing]) {
      const items = await walk(p, 'limit=4');
      expect(items).toHaveLength(p === hrss ? expected.length : 1);
      for (const item of items) {
        const one = await api.call(p, 'GET', `/v1/tasks/${item.taskId}`);
        expect(one.statusCode).toBe(200);
        expect(item).toEqual(one.json());
      }
    }
    const [micro] = (await inbox(housing, '')).items;
    expect(micro).toMatchObject({
      dueAt: '2026-03-03T21:06:07.999Z',
      completedAt: '2026-03-03T21:06:07.000Z',
      createdAt: '2026-01-01T19:04:05.123Z',
      overdue: false,
    });
  });

  it('walks the inbox once, oldest due first, ties by task id, whatever the page size', async () => {
    for (const limit of [1, 2, 3, 50]) {
      expect((await walk(hrss, `limit=${limit}`)).map((t) => t.taskId)).toEqual(expected.map((t) => t.taskId));
    }
    const open = expected.filter((t) => t.status !== 'done');
    expect((await walk(hrss, 'status=open&limit=2')).map((t) => t.taskId)).toEqual(open.map((t) => t.taskId));
    const overdue = await walk(hrss, 'status=overdue&limit=2');
    expect(overdue.map((t) => t.taskId)).toEqual(open.filter((t) => t.dueMs < Date.now()).map((t) => t.taskId));
    expect(overdue.every((t) => t.overdue)).toBe(true);
    expect((await walk(hrss, 'status=done')).map((t) => [t.status, t.overdue])).toEqual([['done', false]]);
  });

  it('pages past tasks due in the same millisecond with microseconds apart, each once', async () => {
    const caseId = (
      await env.db.selectFrom('tasks').select('case_id').where('department', '=', 'housing').executeTakeFirstOrThrow()
    ).case_id;
    const ids = ['t-micro-a', 't-micro-b', 't-micro-c'];
    for (const [i, id] of ids.entries()) {
      await sql`
        INSERT INTO tasks (task_id, case_id, kind, assignee_role, department, division_code, status, due_at, details)
        VALUES (${id}, ${caseId}, 'housing_task', 'department', 'housing', '150102', 'open', ${`2026-05-06 07:08:09.12345${7 - i}+08`}::timestamptz, '{}')
      `.execute(env.db);
    }
    const walked = (await walk(housing, 'status=open&limit=1')).map((t) => t.taskId);
    expect(walked).toEqual(['t-micro-c', 't-micro-b', 't-micro-a']);
    const refused = await api.call(housing, 'GET', '/v1/tasks?cursor=bm90LWEtY3Vyc29y');
    expect(refused.statusCode).toBe(400);
  });
});
