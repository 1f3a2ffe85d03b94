// 3. Inbox: GET /v1/tasks as a department user of one league, with 100,000 open tasks in the
// database, against a Fastify hello-world route in the same process. The tasks are inserted
// with SQL: persons, their cases and seven tasks a case (a pastoral youth who needs housing),
// spread over every banner and county of the region, due from weeks ago to weeks ahead.
import { sql } from 'kysely';
import { department } from '../test/support/fixtures.js';
import type { Indexes } from './support/indexes.js';
import { httpLoad } from './support/httpLoad.js';
import { type Figure, figure, log } from './support/report.js';
import type { BenchServices } from './support/services.js';

const TASKS = 100_000;
/** The social-placement plan (public security, hrss, medical insurance, finance, civil affairs always; the rest by need). */
const PLAN = ['public_security', 'hrss', 'medical_insurance', 'finance', 'civil_affairs', 'housing', 'agriculture'];

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
  await seedTasks(s, TASKS);
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
