// The Grafana dashboards and the Prometheus alert rules under deploy/ parse, and every query in
// them names a metric that really exists: the product's as its registry declares them on a live
// scrape, the Temporal SDK's as a real worker exports them once a case, a failing activity, a
// workflow task failure and cache evictions have happened (the SDK exports a metric only from its
// first sample on).
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
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
import { metricNames } from '../support/promql.js';
import { freePort, scrape } from '../support/scrape.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

const deploy = (path: string) => fileURLToPath(new URL(`../../deploy/${path}`, import.meta.url));

let bank: FakeBank;
let env: TestEnv;
let product: ProcessMetrics;
let sdkUrl: string;
const inst = institution();

beforeAll(async () => {
  bank = await startFakeBank();
  product = await serveMetrics(createProcessRegistry(), '127.0.0.1', 0);
  const sdkPort = await freePort();
  sdkUrl = `http://127.0.0.1:${sdkPort}/metrics`;
  // One cached case for two: their tasks evict each other, so the cache also misses.
  env = await createTestEnv({
    payments: createHttpGateway({ baseUrl: bank.url, timeoutMs: 300 }),
    metrics: product.registry,
    telemetry: { metrics: { prometheus: sdkPrometheus(`127.0.0.1:${sdkPort}`) } },
    maxCachedWorkflows: 1,
  });
  await setPolicy(env.db, 'durations', fastDurations());
});
afterAll(async () => {
  await env?.close();
  await product?.close();
  await bank?.close();
});

/** Every metric name the two endpoints export, after the work that makes the SDK's appear. */
async function exportedNames(): Promise<Set<string>> {
  const api = caseApi(env);
  const a = (await api.register(inst, registrationBody())).caseId as string;
  const b = (await api.register(inst, registrationBody())).caseId as string;
  for (const caseId of [a, b]) await api.assess(inst, caseId, independentAssessment);
  for (const caseId of [a, b]) await api.propose(inst, caseId, { pathway: 'social_placement' });
  for (const caseId of [a, b]) await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意' });
  // The bank fails the first attempt: the activity fails and is retried.
  bank.setFaults({ errorRate: 1 });
  await api.approveDisbursement(finance(), a);
  await eventually(
    () => scrape(sdkUrl),
    (sdk) => sdk.value('temporal_activity_execution_failed_total', { activity_type: 'disburseSubsidy' }) >= 1,
  );
  bank.setFaults({});
  await eventually(
    () => api.get(inst, a),
    (c) => c.subsidy.status === 'paid',
  );

  // A workflow task that fails, on a worker of its own in this process (the same SDK exporter).
  const taskQueue = `failing-${randomUUID()}`;
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../support/failingWorkflow/workflows.ts', import.meta.url)),
  });
  const client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
  try {
    await worker.runUntil(async () => {
      const handle = await client.workflow.start('failingTask', { taskQueue, workflowId: `failing-${randomUUID()}` });
      await eventually(
        () => scrape(sdkUrl),
        (s) => s.names.has('temporal_workflow_task_execution_failed_total'),
      );
      await handle.terminate('the failure was counted');
    });
  } finally {
    await client.connection.close();
    await connection.close();
  }

  const [productScrape, sdk] = await Promise.all([scrape(product.url!), scrape(sdkUrl)]);
  expect(sdk.names).toContain('temporal_activity_execution_failed_total');
  return new Set([...productScrape.declared, ...productScrape.names, ...sdk.names]);
}

interface Panel {
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: Array<{ expr?: string; datasource?: { uid?: string } }>;
}

const dashboards = readdirSync(deploy('grafana/dashboards'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, json: JSON.parse(readFileSync(deploy(`grafana/dashboards/${f}`), 'utf8')) }));
const alertGroups: Array<{ name: string; rules: Array<Record<string, unknown>> }> = parseYaml(
  readFileSync(deploy('prometheus/alerts.yml'), 'utf8'),
).groups;

describe('dashboards and alert rules', () => {
  it('reads the metric names out of PromQL, and only them', () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (le, route) (rate(a_seconds_bucket{route=~"/v1/.+", x="by (y)"}[$__rate_interval]))) / on (route) group_left b offset 6h > 1e3 and c_total unless bool 2',
      ).sort(),
    ).toEqual(['a_seconds_bucket', 'b', 'c_total']);
  });

  it('parse, and every panel reads Prometheus through the dashboard datasource variable', () => {
    expect(dashboards.map((d) => d.file).sort()).toEqual(['resettlement-business.json', 'resettlement-workers.json']);
    for (const { json } of dashboards) {
      expect(json.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', query: 'prometheus' }));
      const panels: Panel[] = json.panels.filter((p: Panel) => p.type !== 'row');
      expect(new Set(json.panels.map((p: { id: number }) => p.id)).size).toBe(json.panels.length);
      for (const panel of panels) {
        expect(panel.datasource?.uid, panel.title).toBe('${datasource}');
        expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      }
    }
    for (const group of alertGroups)
      for (const rule of group.rules) {
        expect(rule, String(rule.alert)).toMatchObject({
          alert: expect.stringMatching(/^[A-Z][A-Za-z]+$/),
          expr: expect.any(String),
          labels: { severity: expect.stringMatching(/^(warning|critical)$/) },
          annotations: { summary: expect.any(String), description: expect.any(String) },
        });
      }
  });

  it('name only metrics the product or the SDK exports', async () => {
    const exported = await exportedNames();
    const queries = [
      ...dashboards.flatMap(({ file, json }) =>
        (json.panels as Panel[]).flatMap((p) =>
          (p.targets ?? []).map((t) => ({ where: `${file}: ${p.title}`, expr: t.expr ?? '' })),
        ),
      ),
      ...alertGroups.flatMap((g) => g.rules.map((r) => ({ where: `alert ${String(r.alert)}`, expr: String(r.expr) }))),
    ];
    expect(queries.length).toBeGreaterThan(30);
    const unknown = queries.flatMap(({ where, expr }) => {
      const names = metricNames(expr);
      return names.length === 0
        ? [`${where}: no metric`]
        : names.filter((n) => !exported.has(n)).map((n) => `${where}: ${n}`);
    });
    expect(unknown).toEqual([]);
    // The check can fail: a name nobody exports is reported.
    expect(metricNames('sum(rate(resettlement_payments_failed_total[5m]))').filter((n) => !exported.has(n))).toEqual([
      'resettlement_payments_failed_total',
    ]);
  }, 90_000);
});
