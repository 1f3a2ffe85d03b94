// Writes each case event once: the audit append, the case and task read models and the
// notifications it causes (with their recipients) commit together, keyed on the case's event
// sequence, so a retry changes nothing. An action's events arrive together (recordCaseEvents)
// and commit in one transaction; histories from before batching send them one at a time.
import type { Db, Trx } from '../db/database.js';
import { appendAuditEvent } from '../db/repositories/audit.js';
import { applyPendingCorrection } from '../db/repositories/corrections.js';
import { Context } from '@temporalio/activity';
import { insertNotificationOnce } from '../db/repositories/notifications.js';
import { enqueueDeliveries, pendingDeliveries } from '../db/repositories/webhooks.js';
import { existingTaskIds, findCaseScope, projectCase, upsertTasks } from '../db/repositories/readModels.js';
import type { NewTask } from '../db/schema.js';
import { WEBHOOK_EVENTS, isTerminalStage } from '../domain/vocabulary.js';
import type { CaseTask } from '../workflows/case/state.js';
import { type ActivityMetrics, NO_ACTIVITY_METRICS } from './metrics.js';
import { planNotifications } from './notificationPlan.js';
import type { CaseActivities, RecordCaseEvent } from './types.js';
import { DEFAULT_WEBHOOK_CONFIG, type WebhookConfig } from './webhooks/activities.js';
import { startWebhookDeliveries } from './webhooks/start.js';

interface Written {
  /** Tasks this event turned done (not those a retry finds done already). */
  done: string[];
  recipients: number;
  eventIds: string[];
}

/**
 * One event: the audit append, the case and task read models and the notifications it causes
 * (with the webhook deliveries they queue). Keyed on the case's event sequence: a retry changes nothing.
 */
async function writeEvent(trx: Trx, req: RecordCaseEvent): Promise<Written> {
  const { snapshot, seq, event } = req;
  await appendAuditEvent(trx, {
    chainId: req.caseId,
    eventKey: `wf:${seq}`,
    at: event.at,
    actor: event.actor,
    action: event.type,
    data: event.data,
    workflowId: req.workflowId,
    runId: req.runId,
    division: req.division,
  });
  if (snapshot) {
    const at = new Date(event.at);
    await projectCase(trx, snapshot.caseId, seq, {
      stage: snapshot.stage,
      pathway: snapshot.pathway,
      division_code: snapshot.division,
      adulthood_date: snapshot.adulthoodDate,
      assessment: JSON.stringify(snapshot.assessment),
      recommendation: JSON.stringify(snapshot.recommendation),
      proposal: JSON.stringify(snapshot.proposal),
      reviews: JSON.stringify(snapshot.reviews),
      subsidy: JSON.stringify(snapshot.subsidy),
      withdrawal: JSON.stringify(snapshot.withdrawal),
      updated_at: at,
      closed_at: isTerminalStage(snapshot.stage) ? at : null,
    });
  }
  const newTasks = req.tasks.filter((t) => t.status === 'open').map((t) => t.taskId);
  const existed = new Set(await existingTaskIds(trx, newTasks));
  const done = await upsertTasks(trx, req.tasks.map(taskRow), seq);
  // The case's row (registration wrote it) names the institution when the event does not.
  const scope = snapshot ?? (await findCaseScope(trx, req.caseId).then((c) => c && caseOf(c)));
  const plan = planNotifications(req, {
    institutionId: scope?.institutionId ?? '',
    division: scope?.division ?? req.division,
    opened: new Set(newTasks.filter((id) => !existed.has(id))),
  });
  let recipients = 0;
  const enqueued = new Set<string>();
  for (const n of plan) {
    const written = await insertNotificationOnce(trx, n);
    if (written === null) continue;
    recipients += written.length;
    // Other systems hear of the event once, whatever number of audiences it has.
    if (n.eventId && !enqueued.has(n.eventId) && (WEBHOOK_EVENTS as readonly string[]).includes(n.kind)) {
      enqueued.add(n.eventId);
      await enqueueDeliveries(trx, {
        eventId: n.eventId,
        notificationId: n.notificationId,
        kind: n.kind,
        division: scope?.division ?? req.division,
      });
    }
  }
  return { done, recipients, eventIds: [...new Set(plan.flatMap((n) => n.eventId ?? []))] };
}

export function createRecordActivities(
  db: Db,
  metrics: ActivityMetrics = NO_ACTIVITY_METRICS,
  webhooks: Pick<WebhookConfig, 'retry'> = DEFAULT_WEBHOOK_CONFIG,
): Pick<CaseActivities, 'recordCaseEvent' | 'recordCaseEvents' | 'applyCorrection'> {
  /** Writes the events in order in one transaction, then starts the webhook deliveries they caused. */
  async function record(events: readonly RecordCaseEvent[]): Promise<void> {
    const written = await db.transaction().execute(async (trx) => {
      const results: Written[] = [];
      for (const req of events) results.push(await writeEvent(trx, req));
      return results;
    });
    // After the commit (and again on a retry, should the first run have died here): start the
    // deliveries still pending; each starts once whatever the number of calls.
    const eventIds = [...new Set(written.flatMap((w) => w.eventIds))];
    const worker = workerClient();
    if (worker && eventIds.length > 0) {
      const pending = await pendingDeliveries(db, eventIds);
      await startWebhookDeliveries(worker.client, worker.taskQueue, pending, webhooks.retry);
    }
    // Counted once committed; a retried event finds its tasks done already and counts nothing.
    events.forEach((req, i) => {
      const latest = new Map(req.tasks.map((t) => [t.taskId, t]));
      metrics.tasksCompleted(written[i]!.done.map((taskId) => latest.get(taskId)!));
      for (let n = 0; n < written[i]!.recipients; n++) metrics.notificationDelivery('delivered');
    });
  }

  return {
    recordCaseEvent: (req) => record([req]),
    recordCaseEvents: ({ events }) => record(events),

    async applyCorrection({ correctionId }): Promise<void> {
      await db.transaction().execute((trx) => applyPendingCorrection(trx, correctionId));
    },
  };
}

/** The worker's Temporal client when running as an activity (not when a test calls the function). */
function workerClient() {
  try {
    const ctx = Context.current();
    return { client: ctx.client, taskQueue: ctx.info.taskQueue };
  } catch {
    return null;
  }
}

function caseOf(row: { institution_id: string; division_code: string }) {
  return { institutionId: row.institution_id, division: row.division_code };
}

/** A task of the workflow's state as its read-model row. */
function taskRow(task: CaseTask): NewTask {
  return {
    task_id: task.taskId,
    case_id: task.caseId,
    kind: task.kind,
    assignee_role: task.assigneeRole,
    department: task.department,
    institution_id: task.institutionId,
    division_code: task.division,
    assignee_sub: task.assigneeSub,
    status: task.status,
    due_at: task.dueAt,
    due_date_warning: task.dueDateWarning,
    reminded_at: task.remindedAt,
    escalation_level: task.escalationLevel,
    escalated_to: task.escalatedTo,
    outcome: task.outcome,
    note: task.note,
    block_reason: task.blockReason,
    details: JSON.stringify(task.details),
    completed_by: task.completedBy ? JSON.stringify(task.completedBy) : null,
    completed_at: task.completedAt,
    created_at: task.createdAt,
    updated_at: new Date(),
  };
}
