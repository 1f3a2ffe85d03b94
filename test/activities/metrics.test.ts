// The activities count each fact once, however often Temporal runs them again: a task turning
// done, a payment's outcome. A retried activity finds the fact already recorded and counts nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordActivities } from '../../activities/caseRecords.js';
import { createDisbursementActivities } from '../../activities/disbursement.js';
import type { ActivityMetrics } from '../../activities/metrics.js';
import { createManualGateway } from '../../activities/payments/manualGateway.js';
import type { CaseTask } from '../../workflows/case/state.js';
import { caseApi } from '../support/caseApi.js';
import { finance, institution, registrationBody } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
const inst = institution();

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

function countingMetrics() {
  const counted = { payments: [] as string[], completed: [] as string[] };
  const metrics: ActivityMetrics = {
    payment: (outcome, gateway) => counted.payments.push(`${outcome}/${gateway}`),
    tasksCompleted: (tasks) => counted.completed.push(...tasks.map((t) => t.taskId)),
    notificationDelivery: () => {},
    webhookDelivery: () => {},
  };
  return { metrics, counted };
}

/** A registered case whose workflow is stopped, so that only this test writes its read model. */
async function quietCase(): Promise<string> {
  const { caseId } = await caseApi(env).register(inst, registrationBody());
  await env.client.workflow.getHandle(caseId).terminate('the test records its events itself');
  return caseId;
}

describe('activity metrics', () => {
  it('count a task turning done once, though its event is recorded again and again', async () => {
    const caseId = await quietCase();
    const { projection_version: version } = await env.db
      .selectFrom('cases')
      .select('projection_version')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    const row = await env.db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    const done: CaseTask = {
      taskId: row.task_id,
      caseId,
      kind: row.kind,
      assigneeRole: row.assignee_role,
      department: row.department,
      institutionId: row.institution_id,
      division: row.division_code,
      assigneeSub: null,
      status: 'done',
      required: true,
      dueAt: new Date(row.due_at).toISOString(),
      dueDateWarning: null,
      remindedAt: null,
      escalationLevel: 0,
      escalatedTo: null,
      outcome: 'done',
      note: '',
      blockReason: null,
      details: {},
      createdAt: new Date(row.created_at).toISOString(),
      completedAt: new Date().toISOString(),
      completedBy: inst,
    };
    const event = (seq: number) => ({
      workflowId: caseId,
      runId: 'run',
      seq,
      caseId,
      division: '150102',
      event: {
        type: 'task.completed' as const,
        actor: inst,
        at: new Date().toISOString(),
        data: { taskId: done.taskId },
      },
      tasks: [done],
    });
    const { metrics, counted } = countingMetrics();
    const { recordCaseEvent } = createRecordActivities(env.db, metrics);
    await recordCaseEvent(event(version + 1));
    await recordCaseEvent(event(version + 1)); // Temporal retries the activity
    await recordCaseEvent(event(version + 2)); // a later event names the done task again
    expect(counted.completed).toEqual([done.taskId]);
  });

  it("count a payment's outcome once, though the activity runs again", async () => {
    const caseId = await quietCase();
    const standard = await env.db.selectFrom('subsidy_standards').select('standard_id').executeTakeFirstOrThrow();
    const { metrics, counted } = countingMetrics();
    const { disburseSubsidy, confirmManualPayment } = createDisbursementActivities(
      env.db,
      createManualGateway(),
      metrics,
    );
    const idempotencyKey = `${caseId}:subsidy:1`;
    const order = {
      caseId,
      attempt: 1,
      idempotencyKey,
      amountFen: 5_000_000,
      regionalShareFen: 5_000_000,
      localShareFen: 0,
      standardId: standard.standard_id,
      approvedBy: finance(),
    };
    expect(await disburseSubsidy(order)).toEqual({ status: 'awaiting_confirmation' });
    expect(await disburseSubsidy(order)).toEqual({ status: 'awaiting_confirmation' });
    const confirmation = { caseId, idempotencyKey, voucherNo: 'PZ-2026-001', confirmedBy: finance() };
    await confirmManualPayment(confirmation);
    await confirmManualPayment(confirmation);
    expect(counted.payments).toEqual(['awaiting_confirmation/manual', 'paid/manual']);
  });
});
