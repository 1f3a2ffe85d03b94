// 2. Full lifecycle: social-placement cases driven through the API from registration to placed
// (assessment, proposal, approval, every department's task from its inbox, finance's approval,
// payment through the fake bank), against bare workflows with the same Updates and the same
// number of activities, placed where the case places them, doing nothing.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { setPolicy } from '../test/support/caseApi.js';
import { civilAffairs, department, finance, institution } from '../test/support/fixtures.js';
import { bareActivities } from './bareWorkflow/activities.js';
import type { ActivityCount, BareInput, bareCaseWorkflow } from './bareWorkflow/workflows.js';
import { stepUpdate } from './bareWorkflow/workflows.js';
import { ApiClient } from './support/apiClient.js';
import type { Indexes } from './support/indexes.js';
import { forEachBounded } from './support/loop.js';
import { registrationBody } from './support/people.js';
import { type Figure, figure, log } from './support/report.js';
import type { BenchServices } from './support/services.js';
import { cpuSnapshot, cpuSpent, describeCpu } from './support/cpu.js';
import { countQueries, describeQueries, querySnapshot } from './support/queryCounter.js';
import { waitForStage } from './support/stages.js';

const DEPARTMENTS = ['public_security', 'hrss', 'medical_insurance', 'housing', 'agriculture'] as const;
const CONCURRENCY = 32;
const BARE_WORKFLOWS = fileURLToPath(new URL('./bareWorkflow/workflows.ts', import.meta.url));

/** Production SLAs, and follow-up visits months away, so each case stops at placed. */
export async function farFollowUps(s: Pick<BenchServices, 'db'>): Promise<void> {
  await setPolicy(s.db, 'durations', {
    transitionLeadTime: { days: 90 },
    reassessmentLeadTime: { days: 0 },
    taskSla: { default: { workingDays: 15 } },
    reminderBeforeDue: { days: 3 },
    escalationInterval: { workingDays: 5 },
    followUpsAfterPlacement: [{ months: 3 }, { months: 6 }, { months: 12 }],
    destituteReviewInterval: { months: 12 },
  });
}

async function driveCase(api: ApiClient, index: number): Promise<string> {
  const inst = institution();
  const { caseId } = await api.register(inst, registrationBody('adult', index, { hukouType: 'pastoral' }));
  await api.assess(inst, caseId, { housing: true });
  await api.propose(inst, caseId);
  await api.approve(civilAffairs(), caseId);
  for (const code of [...DEPARTMENTS, 'civil_affairs'] as const) {
    const who = code === 'civil_affairs' ? civilAffairs() : department(code);
    const { items } = await api.inbox(who, caseId);
    if (items.length !== 1) throw new Error(`${code} inbox shows ${items.length} open tasks for one case`);
    await api.complete(who, items[0].taskId);
  }
  await api.approveDisbursement(finance(), caseId);
  return caseId;
}

/** Where the case's activities fall, local and ordinary: before the first Update, after each, after the last. */
async function activityShape(s: BenchServices, caseId: string): Promise<BareInput> {
  const history = await s.client.workflow.getHandle(caseId).fetchHistory();
  const atStart: ActivityCount = { local: 0, remote: 0 };
  const perUpdate: ActivityCount[] = [];
  for (const e of history.events ?? []) {
    const into = perUpdate.at(-1) ?? atStart;
    if (e.workflowExecutionUpdateAcceptedEventAttributes) perUpdate.push({ local: 0, remote: 0 });
    else if (e.activityTaskScheduledEventAttributes) into.remote += 1;
    else if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity') into.local += 1;
  }
  // After finance's approval the case records it, then pays and records placed on its own: the
  // bare Update runs one local activity and leaves the rest for after it.
  const last = perUpdate.pop() ?? { local: 0, remote: 0 };
  const inApproval = { local: Math.min(1, last.local), remote: 0 };
  return {
    atStart,
    perUpdate: [...perUpdate, inApproval],
    atEnd: { local: last.local - inApproval.local, remote: last.remote },
  };
}

const total = (c: ActivityCount) => c.local + c.remote;

async function historyEvents(s: BenchServices, ids: readonly string[]): Promise<number> {
  let total = 0;
  await forEachBounded(ids, 16, async (id) => {
    const { historyLength } = await s.client.workflow.getHandle(id).describe();
    total += historyLength;
  });
  return total;
}

export async function benchLifecycle(
  s: BenchServices,
  scale: number,
  ids: Indexes,
): Promise<{ figures: Figure[]; notes: string[] }> {
  const asked = Math.max(16, Math.round(500 * scale));
  // The run must fit in ten minutes on a shared machine: past this, no new case is started.
  const budgetMs = Math.max(10, 100 * scale) * 1000;
  await farFollowUps(s);
  const api = new ApiClient(s.baseUrl, s.token);

  log(
    `  up to ${asked} social-placement cases through the API (${budgetMs / 1000} s to start them), ${CONCURRENCY} at a time ...`,
  );
  const caseIds: string[] = [];
  countQueries();
  const q0 = querySnapshot();
  const cpu0 = await cpuSnapshot(s);
  const t0 = performance.now();
  const first = ids.take('adult', asked);
  await forEachBounded(
    Array.from({ length: asked }, (_, i) => first + i),
    CONCURRENCY,
    async (index) => {
      caseIds.push(await driveCase(api, index));
      if (caseIds.length % 50 === 0) log(`    ${caseIds.length} driven`);
    },
    () => performance.now() - t0 > budgetMs,
  );
  const n = caseIds.length;
  const polls = await waitForStage(s.db, caseIds, 'placed', 120_000);
  const apiSeconds = (performance.now() - t0) / 1000;
  const apiCpu = describeCpu(cpuSpent(cpu0, await cpuSnapshot(s)), n, 'case');
  const apiQueries = describeQueries(q0, querySnapshot(), n, 'case', { SELECT: polls });
  const apiEvents = await historyEvents(s, caseIds);
  const shape = await activityShape(s, caseIds[0]!);
  const updates = shape.perUpdate.length;
  const all = [shape.atStart, ...shape.perUpdate, shape.atEnd];
  const locals = all.reduce((n, c) => n + c.local, 0);
  const activities = all.reduce((n, c) => n + total(c), 0);
  const kinds = `${activities} activities (${locals} local)`;
  log(
    `  API: ${n} cases placed in ${apiSeconds.toFixed(1)} s (${(n / apiSeconds).toFixed(1)} cases/s, ${(apiEvents / n).toFixed(0)} events, ${updates} Updates, ${kinds} per case)`,
  );
  const breakdown = api.breakdown();
  for (const line of breakdown) log(`    ${line}`);
  log(`    ${apiCpu}`);
  log(`    ${apiQueries}`);

  const { code } = await bundleWorkflowCode({ workflowsPath: BARE_WORKFLOWS, logger: quietLogger });
  const taskQueue = `bench-bare-${randomUUID().slice(0, 8)}`;
  const worker = await Worker.create({
    connection: s.nativeConnection,
    namespace: s.server.namespace,
    taskQueue,
    workflowBundle: { code },
    activities: bareActivities,
    maxCachedWorkflows: 2000,
  });
  const running = worker.run();
  let bareSeconds: number;
  let bareCpu: string;
  const bareIds: string[] = [];
  try {
    log(
      `  ${n} bare workflows with the same ${updates} Updates and ${kinds}, doing nothing, ${CONCURRENCY} at a time ...`,
    );
    const handles: Array<WorkflowHandle<typeof bareCaseWorkflow>> = [];
    const cpu1 = await cpuSnapshot(s);
    const t1 = performance.now();
    await forEachBounded(Array.from({ length: n }), CONCURRENCY, async () => {
      const h = await s.client.workflow.start<typeof bareCaseWorkflow>('bareCaseWorkflow', {
        workflowId: `bare-${randomUUID()}`,
        taskQueue,
        args: [shape],
      });
      for (let u = 0; u < updates; u++) await h.executeUpdate(stepUpdate);
      handles.push(h);
      bareIds.push(h.workflowId);
    });
    await forEachBounded(handles, 64, (h) => h.result());
    bareSeconds = (performance.now() - t1) / 1000;
    bareCpu = describeCpu(cpuSpent(cpu1, await cpuSnapshot(s)), n, 'workflow');
  } finally {
    worker.shutdown();
    await running;
  }
  const bareEvents = await historyEvents(s, bareIds);
  log(`    ${bareCpu}`);
  log(
    `  bare: ${n} workflows done in ${bareSeconds.toFixed(1)} s (${(n / bareSeconds).toFixed(1)}/s, ${(bareEvents / n).toFixed(0)} events each)`,
  );

  return {
    figures: [
      figure({
        name: `lifecycle (${n} cases): cases to placed`,
        value: n / apiSeconds,
        unit: 'cases/s',
        baseline: 'bare workflow, same Updates, no-op activities',
        baselineValue: n / bareSeconds,
        target: { op: '>=', value: 0.7 },
      }),
      figure({
        name: `lifecycle (${n} cases): history events`,
        value: apiEvents / apiSeconds,
        unit: 'events/s',
        baseline: 'bare workflow, same Updates, no-op activities',
        baselineValue: bareEvents / bareSeconds,
      }),
    ],
    notes: [
      ...(n < asked
        ? [
            `Lifecycle: ${n} cases, not ${asked}: the run's time budget allowed ${budgetMs / 1000} s of starting cases on this machine.`,
          ]
        : []),
      `Lifecycle CPU: API cases: ${apiCpu}; bare workflows: ${bareCpu}. The API cases sent ${apiQueries}, API and activities together.`,
      `Lifecycle: each case is ${updates} Updates and ${kinds}, ${(apiEvents / n).toFixed(0)} history events (bare: ${(bareEvents / n).toFixed(0)}); API calls per case: ${breakdown.join('; ')}.`,
    ],
  };
}

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
