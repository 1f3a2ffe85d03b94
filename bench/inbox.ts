// 3. Inbox: GET /v1/tasks as a department user of one league, with 100,000 open tasks in the
// database, against a Fastify hello-world route in the same process. The tasks are inserted
// with SQL: persons, their cases and seven tasks a case (a pastoral youth who needs housing),
// spread over every banner and county of the region, due from weeks ago to weeks ahead.
// Then the region-level user of the same department, whose inbox holds a seventh of them: its
// first page and a page deep in its cursor chain, as the console asks for them (50, open only).
import { sql } from 'kysely';
import { encodeCursor, exactInstant } from '../api/services/keyset.js';
import type { Principal } from '../domain/access.js';
import { divisionPrefix } from '../domain/divisions.js';
import { department } from '../test/support/fixtures.js';
import type { Indexes } from './support/indexes.js';
import { httpLoad } from './support/httpLoad.js';
import { type Figure, figure, log } from './support/report.js';
import type { BenchServices } from './support/services.js';

const TASKS = 100_000;
/** The social-placement plan (public security, hrss, medical insurance, finance, civil affairs always; the rest by need). */
const PLAN = ['public_security', 'hrss', 'medical_insurance', 'finance', 'civil_affairs', 'housing', 'agriculture'];

/** The console's inbox page: 50 open tasks a page (console/src/features/inbox/api/tasks.ts). */
export const CONSOLE_INBOX_QUERY = 'status=open&limit=50';

/** Seeds the 100,000 tasks unless an earlier benchmark of this run did (bench/console.ts uses them too). */
export async function ensureInboxTasks(s: BenchServices): Promise<void> {
  const seeded = await s.db
    .selectFrom('tasks')
    .select('task_id')
    .where('task_id', 'like', 't-bench-%')
    .limit(1)
    .execute();
  if (seeded.length === 0) await seedTasks(s, TASKS);
}

/**
 * A cursor `depth` rows from the end of `principal`'s open inbox (a department user's), as the API
 * gives them out: what a person paging to the last pages sends. Also how many rows the inbox has.
 */
export async function deepInboxCursor(
  s: BenchServices,
  principal: Principal,
  depth = 100,
): Promise<{ cursor: string; rows: number; offset: number }> {
  const inbox = s.db
    .selectFrom('tasks')
    .where('department', '=', principal.org)
    .where('division_code', 'like', `${divisionPrefix(principal.division)}%`)
    .where('status', 'in', ['open', 'blocked']);
  const { n } = await inbox.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = Number(n);
  const offset = Math.max(0, rows - depth);
  const row = await inbox
    .select(['task_id', exactInstant('due_at').as('at')])
    .orderBy('due_at')
    .orderBy('task_id')
    .offset(offset)
    .limit(1)
    .executeTakeFirstOrThrow();
  return { cursor: encodeCursor({ at: row.at, id: row.task_id }), rows, offset: offset + 1 };
}

async function seedTasks(s: BenchServices, tasks: number): Promise<void> {
  const cases = Math.ceil(tasks / PLAN.length);
  await sql`
    CREATE TEMP TABLE bench_counties AS
      SELECT row_number() OVER (ORDER BY code) - 1 AS i, code FROM divisions WHERE level = 3;
  `.execute(s.db);
  await sql`
    INSERT INTO persons (person_id, id_number, name, birth_date, sex, hukou_type, bank_account)
    SELECT md5('bench-inbox-person-' || g)::uuid, 'BENCH' || lpad(g::text, 13, '0'), '测试青年',
           date '2008-01-01' - (g % 365), CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END,
           (ARRAY['urban', 'rural', 'pastoral'])[1 + g % 3], '{"bank":"中国农业银行","accountNo":"6228480012345678","holder":"测试青年"}'
    FROM generate_series(1, ${cases}) g;
  `.execute(s.db);
  await sql`
    INSERT INTO cases (case_id, person_id, institution_id, division_code, stage, pathway, adulthood_date)
    SELECT 'case-bench-inbox-' || g, md5('bench-inbox-person-' || g)::uuid, 'inst-' || (g % 40),
           (SELECT code FROM bench_counties WHERE i = g % (SELECT count(*) FROM bench_counties)),
           'social_placement', 'social_placement', date '2026-01-01' - (g % 365)
    FROM generate_series(1, ${cases}) g;
  `.execute(s.db);
  await sql`
    INSERT INTO tasks (task_id, case_id, kind, assignee_role, department, division_code, status, due_at, details, created_at)
    SELECT 't-bench-' || c.case_id || '-' || d.n, c.case_id, d.dept || '_task', 'department', d.dept, c.division_code,
           'open', now() + ((hashtext(c.case_id || d.n) % 40) || ' days')::interval, '{}', now() - interval '5 days'
    FROM cases c
    CROSS JOIN LATERAL unnest(${PLAN}::text[]) WITH ORDINALITY AS d(dept, n)
    WHERE c.case_id LIKE 'case-bench-inbox-%'
    LIMIT ${tasks};
  `.execute(s.db);
  await sql`ANALYZE persons; ANALYZE cases; ANALYZE tasks;`.execute(s.db);
}

export async function benchInbox(
  s: BenchServices,
  scale: number,
  _ids: Indexes,
): Promise<{ figures: Figure[]; notes: string[] }> {
  const seconds = Math.max(2, Math.round(6 * scale));
  const t0 = performance.now();
  await ensureInboxTasks(s);
  const open = await s.db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  log(`  ${open.n} open tasks in the database (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  // A league-level user of a department the plan always names: Hohhot's human resources bureau.
  const user = department('hrss', '150100');
  const headers = { authorization: `Bearer ${s.token(user)}` };
  const connections = 16;
  const hello = await httpLoad({
    engine: 'autocannon',
    url: `${s.helloUrl}/hello`,
    method: 'GET',
    headers: {},
    connections,
    durationSeconds: seconds,
    maxRequests: 2_000_000,
  });
  log(`  hello world:        ${hello.perSecond.toFixed(0)} req/s, p99 ${hello.p99} ms`);
  const inbox = await httpLoad({
    engine: 'autocannon',
    url: `${s.baseUrl}/v1/tasks`,
    method: 'GET',
    headers,
    connections,
    durationSeconds: seconds,
    maxRequests: 2_000_000,
  });
  log(
    `  GET /v1/tasks:      ${inbox.perSecond.toFixed(0)} req/s, p99 ${inbox.p99} ms${inbox.non2xx ? ` (${inbox.non2xx} non-2xx)` : ''}`,
  );
  const openOnly = await httpLoad({
    engine: 'autocannon',
    url: `${s.baseUrl}/v1/tasks?status=open`,
    method: 'GET',
    headers,
    connections,
    durationSeconds: seconds,
    maxRequests: 2_000_000,
  });
  log(`  ?status=open:       ${openOnly.perSecond.toFixed(0)} req/s, p99 ${openOnly.p99} ms`);

  // The region-level user: a seventh of the 100,000 in their inbox; its first page and one near
  // its end, reached by a cursor as the API gives them out (keyset pagination: no OFFSET).
  const region = department('hrss', '150000');
  const regionHeaders = { authorization: `Bearer ${s.token(region)}` };
  const deep = await deepInboxCursor(s, region);
  const firstPage = await httpLoad({
    engine: 'autocannon',
    url: `${s.baseUrl}/v1/tasks?${CONSOLE_INBOX_QUERY}`,
    method: 'GET',
    headers: regionHeaders,
    connections,
    durationSeconds: seconds,
    maxRequests: 2_000_000,
  });
  log(
    `  region, first page: ${firstPage.perSecond.toFixed(0)} req/s, p99 ${firstPage.p99} ms (${deep.rows} open tasks)`,
  );
  const deepPage = await httpLoad({
    engine: 'autocannon',
    url: `${s.baseUrl}/v1/tasks?${CONSOLE_INBOX_QUERY}&cursor=${deep.cursor}`,
    method: 'GET',
    headers: regionHeaders,
    connections,
    durationSeconds: seconds,
    maxRequests: 2_000_000,
  });
  log(
    `  region, row ${deep.offset}: ${deepPage.perSecond.toFixed(0)} req/s, p99 ${deepPage.p99} ms${deepPage.non2xx ? ` (${deepPage.non2xx} non-2xx)` : ''}`,
  );

  const plan = await explainInbox(s);
  for (const line of plan) log(`    ${line}`);
  return {
    figures: [
      figure({
        name: 'inbox GET /v1/tasks (100k open tasks): throughput',
        value: inbox.perSecond,
        unit: 'req/s',
        baseline: 'Fastify hello world, same process',
        baselineValue: hello.perSecond,
        target: { op: '>=', value: 0.3 },
      }),
      figure({
        name: 'inbox GET /v1/tasks: p99 latency',
        value: inbox.p99,
        unit: 'ms',
        baseline: 'Fastify hello world, same process',
        baselineValue: hello.p99,
      }),
      figure({
        name: 'inbox GET /v1/tasks?status=open: throughput',
        value: openOnly.perSecond,
        unit: 'req/s',
        baseline: 'Fastify hello world, same process',
        baselineValue: hello.perSecond,
        target: { op: '>=', value: 0.3 },
      }),
      figure({
        name: 'inbox GET /v1/tasks?status=open: p99 latency',
        value: openOnly.p99,
        unit: 'ms',
        baseline: 'Fastify hello world, same process',
        baselineValue: hello.p99,
      }),
      figure({
        name: `inbox GET /v1/tasks?${CONSOLE_INBOX_QUERY}, region-level user (${deep.rows} of the 100k): first page throughput`,
        value: firstPage.perSecond,
        unit: 'req/s',
        baseline: 'Fastify hello world, same process',
        baselineValue: hello.perSecond,
        target: { op: '>=', value: 0.3 },
      }),
      figure({
        name: `inbox GET /v1/tasks?${CONSOLE_INBOX_QUERY}&cursor=…, region-level user: page at row ${deep.offset} throughput`,
        value: deepPage.perSecond,
        unit: 'req/s',
        baseline: 'the first page of the same inbox',
        baselineValue: firstPage.perSecond,
        target: { op: '>=', value: 0.8 },
      }),
      figure({
        name: `inbox GET /v1/tasks?${CONSOLE_INBOX_QUERY}&cursor=…, region-level user: page at row ${deep.offset} p99 latency`,
        value: deepPage.p99,
        unit: 'ms',
        baseline: 'the first page of the same inbox',
        baselineValue: firstPage.p99,
      }),
    ],
    notes: [
      `Inbox: ${connections} connections, no pipelining, as department user hrss of league 150100; the query plan: ${plan.join(' / ')}`,
    ],
  };
}

/** The plan of the inbox query the API runs, as EXPLAIN ANALYZE reports it (first lines). */
async function explainInbox(s: BenchServices): Promise<string[]> {
  const rows = await sql<{ 'QUERY PLAN': string }>`
    EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM tasks
    WHERE department = 'hrss' AND division_code LIKE '1501%'
    ORDER BY due_at, task_id LIMIT 51
  `.execute(s.db);
  return rows.rows
    .map((r) => r['QUERY PLAN'].trim())
    .filter((l) => !l.startsWith('Buffers') && !l.startsWith('Planning'));
}
