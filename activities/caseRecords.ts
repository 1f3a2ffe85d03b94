// Writes each case event once: the audit append, the case and task read models and any
// notification commit together, keyed on the case's event sequence, so a retry changes nothing.
import type { Db } from '../db/database.js';
import { appendAuditEvent } from '../db/repositories/audit.js';
import { applyPendingCorrection } from '../db/repositories/corrections.js';
import { insertNotification, projectCase, upsertTasks } from '../db/repositories/readModels.js';
import type { NewTask } from '../db/schema.js';
import { isTerminalStage } from '../domain/vocabulary.js';
import type { CaseTask } from '../workflows/case/state.js';
import { type ActivityMetrics, NO_ACTIVITY_METRICS } from './metrics.js';
import type { CaseActivities, RecordCaseEvent } from './types.js';

export function createRecordActivities(
  db: Db,
  metrics: ActivityMetrics = NO_ACTIVITY_METRICS,
): Pick<CaseActivities, 'recordCaseEvent' | 'applyCorrection'> {
  return {
    async recordCaseEvent(req: RecordCaseEvent): Promise<void> {
      const { snapshot, seq, event, notification } = req;
      const done = await db.transaction().execute(async (trx) => {
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
        const turnedDone = await upsertTasks(trx, req.tasks.map(taskRow), seq);
        if (notification) {
          await insertNotification(trx, {
            notification_id: `${req.caseId}:${seq}`,
            case_id: req.caseId,
            task_id: notification.taskId,
            kind: notification.kind,
            recipient_role: notification.recipientRole,
            recipient_org: notification.recipientOrg,
            division_code: notification.division,
            message: notification.message,
          });
        }
        return turnedDone;
      });
      // Counted once committed; a retried event finds its tasks done already and counts nothing.
      const latest = new Map(req.tasks.map((t) => [t.taskId, t]));
      metrics.tasksCompleted(done.map((taskId) => latest.get(taskId)!));
    },

    async applyCorrection({ correctionId }): Promise<void> {
      await db.transaction().execute((trx) => applyPendingCorrection(trx, correctionId));
    },
  };
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
