// What an operator sees move on the two Prometheus endpoints of a process while a case goes
// through a payment the bank rejects and its tasks fall overdue: the product's registry (served on
// its own port, never on the public API) and the Temporal SDK's own exporter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpGateway } from '../../activities/payments/httpGateway.js';
import {
  type ProcessMetrics,
  createProcessRegistry,
  sdkPrometheus,
  serveMetrics,
} from '../../bin/runtime/telemetry.js';
import { type FakeBank, startFakeBank } from '../../tools/fake-bank/fakeBank.js';
import { caseApi, eventually, fastDurations, independentAssessment, setPolicy } from '../support/caseApi.js';
import { civilAffairs, finance, institution, registrationBody } from '../support/fixtures.js';
import { type Scrape, freePort, scrape } from '../support/scrape.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let bank: FakeBank;
let env: TestEnv;
let api: ReturnType<typeof caseApi>;
let product: ProcessMetrics;
let sdkUrl: string;
const inst = institution();

beforeAll(async () => {
  bank = await startFakeBank();
  product = await serveMetrics(createProcessRegistry(), '127.0.0.1', 0);
  const sdkPort = await freePort();
  sdkUrl = `http://127.0.0.1:${sdkPort}/metrics`;
  env = await createTestEnv({
    payments: createHttpGateway({ baseUrl: bank.url, timeoutMs: 300 }),
    metrics: product.registry,
    telemetry: { metrics: { prometheus: sdkPrometheus(`127.0.0.1:${sdkPort}`) } },
  });
  api = caseApi(env);
  // Every task is due four seconds after it opens.
  await setPolicy(env.db, 'durations', fastDurations({ taskSla: { default: { seconds: 4 } } }));
});
afterAll(async () => {
  await env?.close();
  await product?.close();
  await bank?.close();
});

const delta = (before: Scrape, after: Scrape, name: string, labels: Record<string, string> = {}) =>
  after.value(name, labels) - before.value(name, labels);

describe('metrics', () => {
  it('are served on their own port, not on the public API', async () => {
    const publicAnswer = await env.app.inject({ method: 'GET', url: '/metrics' });
    expect(publicAnswer.statusCode).toBe(404);
    const res = await fetch(product.url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toContain('# TYPE resettlement_http_request_duration_seconds histogram');
  });

  it('move with a rejected payment, an Update refusal and tasks falling overdue', async () => {
    const [product0, sdk0] = await Promise.all([scrape(product.url!), scrape(sdkUrl)]);

    // The fake bank rejects this account: the payment fails and a task to correct it opens.
    const { caseId } = await api.register(
      inst,
      registrationBody({
        person: { bankAccount: { bank: '农业银行', accountNo: '0000111122223333', holder: '测试青年' } },
      }),
    );
    await api.assess(inst, caseId, independentAssessment);
    await api.propose(inst, caseId, { pathway: 'social_placement' });
    await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意' });
    // A second proposal does not fit the stage: the case refuses the Update.
    const refused = await api.call(inst, 'POST', `/v1/cases/${caseId}/proposal`, { pathway: 'social_placement' });
    expect(refused.statusCode).toBe(409);
    await api.approveDisbursement(finance(), caseId);
    await eventually(
      () => api.get(inst, caseId),
      (c) => c.subsidy.status === 'failed',
    );

    // The social placement tasks and the bank account correction are overdue four seconds on.
    const after = await eventually(
      () => scrape(product.url!),
      (s) => s.value('resettlement_overdue_tasks', { department: 'institution' }) >= 1,
      15_000,
    );
    const overdueByDepartment = Object.fromEntries(
      after.samples.filter((s) => s.name === 'resettlement_overdue_tasks').map((s) => [s.labels.department, s.value]),
    );
    const open = await env.db
      .selectFrom('tasks')
      .select(['department', 'assignee_role'])
      .where('case_id', '=', caseId)
      .where('status', 'in', ['open', 'blocked'])
      .execute();
    for (const t of open) expect(overdueByDepartment[t.department ?? t.assignee_role]).toBeGreaterThanOrEqual(1);
    expect(overdueByDepartment).toHaveProperty('institution', 1);

    expect(delta(product0, after, 'resettlement_payments_total', { outcome: 'rejected', gateway: 'http' })).toBe(1);
    expect(delta(product0, after, 'resettlement_payments_total', { outcome: 'paid' })).toBe(0);
    expect(
      delta(product0, after, 'resettlement_update_refusals_total', {
        code: 'INVALID_STAGE',
        route: '/v1/cases/:caseId/proposal',
      }),
    ).toBe(1);
    expect(after.value('resettlement_cases', { stage: 'social_placement', pathway: 'social_placement' })).toBe(1);
    expect(after.value('resettlement_cases', { stage: 'review' })).toBe(0);
    expect(
      delta(product0, after, 'resettlement_review_decision_seconds_count', {
        decision: 'approve',
        pathway: 'social_placement',
      }),
    ).toBe(1);
    // The assessment task (the institution's) and the review task (civil affairs') were completed.
    expect(delta(product0, after, 'resettlement_task_completion_seconds_count', { department: 'institution' })).toBe(1);
    expect(delta(product0, after, 'resettlement_task_completion_seconds_count', { department: 'civil_affairs' })).toBe(
      1,
    );
    expect(
      delta(product0, after, 'resettlement_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/v1/cases',
        status_code: '201',
      }),
    ).toBe(1);
    expect(after.value('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    // No label carries the case: only bounded sets.
    expect(after.samples.some((s) => Object.values(s.labels).some((v) => v.includes(caseId)))).toBe(false);

    // The SDK's exporter saw the same work from the worker's side.
    const sdk1 = await scrape(sdkUrl);
    expect(delta(sdk0, sdk1, 'temporal_workflow_task_execution_latency_seconds_count')).toBeGreaterThan(0);
    // At least once: on a busy machine the activity may time out and run again (the ledger above
    // still shows one rejected payment, which is what finance sees).
    expect(
      delta(sdk0, sdk1, 'temporal_activity_execution_latency_seconds_count', { activity_type: 'disburseSubsidy' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sdk1.value('temporal_worker_task_slots_available', { worker_type: 'WorkflowWorker' })).toBeGreaterThan(0);
  }, 60_000);
});
