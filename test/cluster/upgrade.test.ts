// Upgrading the workflow code while cases are in flight (workflows/README.md, "Changing the
// workflow with cases in flight"). Build A is the code before a real change (the follow-up visit
// plan recorded at placement, `aftercare.planned`); build B is the code of this commit, where the
// change runs behind patched(). A case placed on A, waiting for its follow-up visit, finishes on B
// without the change; a case started on B takes it; A's history replays on B, and it would not
// replay on the same change deployed without patched().
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { Worker as ReplayWorker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { createManualGateway } from '../../activities/payments/manualGateway.js';
import { createCaseWorker } from '../../bin/runtime/worker.js';
import type { TaskPlanPolicy } from '../../domain/policy.js';
import { caseApi, eventually, fastDurations, independentAssessment, setPolicy } from '../support/caseApi.js';
import { civilAffairs, finance, institution, registrationBody } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';
import { bundleWithPatches } from './support/builds.js';

const plan: TaskPlanPolicy = {
  social_placement: [{ kind: 'subsidy_disbursement', department: 'finance', when: 'always' }],
  destitute_centralized: [{ kind: 'arrange_support_institution', department: 'civil_affairs', when: 'always' }],
  destitute_dispersed: [{ kind: 'record_dispersed_support', department: 'civil_affairs', when: 'always' }],
};
const inst = institution();
const dir = mkdtempSync(join(tmpdir(), 'resettlement-upgrade-'));
let env: TestEnv;
let api: ReturnType<typeof caseApi>;
let connection: NativeConnection;
let buildA: string;
let perEvent: string;
let unguarded: string;

beforeAll(async () => {
  env = await createTestEnv();
  // This file runs its own workers, build A then build B, on the environment's task queue.
  env.worker.shutdown();
  api = caseApi(env);
  await setPolicy(env.db, 'durations', fastDurations({ followUpsAfterPlacement: [{ seconds: 1 }] }));
  await setPolicy(env.db, 'task_plan', plan);
  connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  buildA = join(dir, 'build-a.js');
  writeFileSync(buildA, await bundleWithPatches('patchesBefore'));
  perEvent = join(dir, 'build-per-event.js');
  writeFileSync(perEvent, await bundleWithPatches('patchesPerEvent'));
  unguarded = await bundleWithPatches('patchesUnguarded');
}, 180_000);
afterAll(async () => {
  await connection?.close();
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function runWorker(bundlePath: string): Promise<{ worker: Worker; done: Promise<void> }> {
  const worker = await createCaseWorker({
    connection,
    namespace: 'default',
    taskQueue: env.taskQueue,
    activities: createActivities({ db: env.db, payments: createManualGateway() }),
    workflowBundlePath: bundlePath,
  });
  return { worker, done: worker.run() };
}

/** Registered, approved, paid and placed; its follow-up visit task is open. */
async function placeCase(): Promise<string> {
  const { caseId } = await api.register(inst, registrationBody());
  await api.assess(inst, caseId, independentAssessment);
  await api.propose(inst, caseId, { pathway: 'social_placement' });
  await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意' });
  await api.approveDisbursement(finance(), caseId);
  await eventually(
    () => env.db.selectFrom('disbursements').select('status').where('case_id', '=', caseId).execute(),
    (rows) => rows[0]?.status === 'awaiting_confirmation',
  );
  await api.confirmDisbursement(finance(), caseId, `PZ-${caseId.slice(-6)}`);
  await eventually(
    () => api.inbox(civilAffairs(), `caseId=${caseId}&status=open`),
    (inbox) => inbox.items.some((t: { kind: string }) => t.kind === 'follow_up_visit'),
  );
  return caseId;
}

async function visitAndClose(caseId: string): Promise<void> {
  const inbox = await api.inbox(civilAffairs(), `caseId=${caseId}&status=open`);
  const visit = inbox.items.find((t: { kind: string }) => t.kind === 'follow_up_visit');
  await api.complete(civilAffairs(), visit.taskId, 'visited', '生活稳定');
  await eventually(
    () => api.get(inst, caseId),
    (c) => c.stage === 'closed',
  );
}

/** The events the workflow recorded on the case's chain (reads of the unmasked ID number are the API's). */
/** The events the workflow recorded on the case's chain (a read of the unmasked ID number is the API's). */
const eventTypes = async (caseId: string) =>
  (await env.db.selectFrom('audit_events').select('action').where('chain_id', '=', caseId).orderBy('seq').execute())
    .map((e) => e.action)
    .filter((a) => a !== 'person.id_number_viewed');

const history = (caseId: string) => env.client.workflow.getHandle(caseId).fetchHistory();

/** The ordinary activities that wrote events: one per event before batching, one per action since. */
const recordActivities = (h: Awaited<ReturnType<typeof history>>) =>
  (h.events ?? []).flatMap((e) => {
    const scheduled = e.activityTaskScheduledEventAttributes;
    const type = scheduled?.activityType?.name;
    if (type === 'recordCaseEvent') return [{ type, events: 1 }];
    if (type !== 'recordCaseEvents') return [];
    const input = JSON.parse(Buffer.from(scheduled!.input!.payloads![0]!.data!).toString('utf8')) as {
      events: unknown[];
    };
    return [{ type, events: input.events.length }];
  });

/** How many events the history wrote through ordinary activities (not local ones). */
const scheduledRecords = (h: Awaited<ReturnType<typeof history>>) =>
  recordActivities(h).reduce((sum, a) => sum + a.events, 0);

describe('upgrading the workflow code with cases in flight', () => {
  it('finishes cases of build A on build B the old way, runs new cases the new way, and replays A on B', async () => {
    // Build A: a case is placed and waits for its follow-up visit.
    const a = await runWorker(buildA);
    const oldCase = await placeCase();
    const onA = await history(oldCase);
    // Build A wrote every event with local activities, during the workflow task.
    expect(scheduledRecords(onA)).toBe(0);
    a.worker.shutdown();
    await a.done;

    // The change without patched() cannot run that case: its history no longer replays.
    await expect(
      ReplayWorker.runReplayHistory({ workflowBundle: { code: unguarded } }, onA, oldCase),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
    // Behind patched(), it replays.
    await ReplayWorker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, onA, oldCase);

    // Build B: the old case finishes, without the change; a new case takes it.
    const b = await runWorker(inject('workflowBundlePath'));
    try {
      await visitAndClose(oldCase);
      const newCase = await placeCase();
      await visitAndClose(newCase);

      const oldEvents = await eventTypes(oldCase);
      const newEvents = await eventTypes(newCase);
      expect(oldEvents).not.toContain('aftercare.planned');
      expect(oldEvents.at(-1)).toBe('stage.changed');
      expect(newEvents.filter((e) => e === 'aftercare.planned')).toHaveLength(1);
      // Recorded right after placement, before the visit task opened.
      const placedAt = newEvents.lastIndexOf('subsidy.paid');
      expect(newEvents.indexOf('aftercare.planned')).toBeGreaterThan(placedAt);
      const plan = await env.db
        .selectFrom('audit_events')
        .select('data')
        .where('chain_id', '=', newCase)
        .where('action', '=', 'aftercare.planned')
        .executeTakeFirstOrThrow();
      expect(plan.data).toMatchObject({ visits: [{ visit: 1, dueAt: expect.any(String), after: { seconds: 1 } }] });
      expect(await api.get(inst, oldCase)).toMatchObject({ stage: 'closed' });
      // On B, events are written by ordinary activities once the task that made them completed:
      // the old case's part after the upgrade (the visit's completion, the closure), and all of
      // the new case's; the old case's history kept its local writes from A.
      const oldOnB = await history(oldCase);
      expect(scheduledRecords(oldOnB)).toBeGreaterThanOrEqual(2);
      expect(oldOnB.events!.length).toBeGreaterThan(onA.events!.length);
      const newOnB = await history(newCase);
      expect(scheduledRecords(newOnB)).toBe(newEvents.length);
      // An action's events go out together: fewer activities than events.
      expect(recordActivities(newOnB).length).toBeLessThan(newEvents.length);

      // Both complete histories replay on B: A's case with its part from A, and B's own.
      for (const caseId of [oldCase, newCase])
        await ReplayWorker.runReplayHistory(
          { workflowBundle: { codePath: inject('workflowBundlePath') } },
          await history(caseId),
          caseId,
        );
    } finally {
      b.worker.shutdown();
      await b.done;
    }
  }, 300_000);

  it('finishes a case written one event per activity with its later actions batched, and replays it', async () => {
    // The build before batching places a case: every event was its own activity.
    const before = await runWorker(perEvent);
    const caseId = await placeCase();
    const onBefore = await history(caseId);
    expect(recordActivities(onBefore).every((a) => a.type === 'recordCaseEvent')).toBe(true);
    expect(scheduledRecords(onBefore)).toBe((await eventTypes(caseId)).length);
    before.worker.shutdown();
    await before.done;
    await ReplayWorker.runReplayHistory(
      { workflowBundle: { codePath: inject('workflowBundlePath') } },
      onBefore,
      caseId,
    );

    const b = await runWorker(inject('workflowBundlePath'));
    try {
      await visitAndClose(caseId);
      const events = await eventTypes(caseId);
      expect(events.at(-1)).toBe('stage.changed');
      // Every event once, in order: the part written before the upgrade and the batches after it.
      const seqs = await env.db
        .selectFrom('audit_events')
        .select('event_key')
        .where('chain_id', '=', caseId)
        .where('event_key', 'like', 'wf:%')
        .orderBy('seq')
        .execute();
      expect(seqs.map((r) => r.event_key)).toEqual(seqs.map((_, i) => `wf:${i + 1}`));
      const onB = await history(caseId);
      const after = recordActivities(onB).slice(recordActivities(onBefore).length);
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((a) => a.type === 'recordCaseEvents')).toBe(true);
      expect(scheduledRecords(onB)).toBe(events.length);
      await ReplayWorker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, onB, caseId);
    } finally {
      b.worker.shutdown();
      await b.done;
    }
  }, 300_000);
});
