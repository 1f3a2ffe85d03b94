// Writes each case event once: the audit append, the case and task read models and any
// notification commit together, keyed on the case's event sequence, so a retry changes nothing.
import type { Db } from '../db/database.js';
import { appendAuditEvent } from '../db/repositories/audit.js';
import { applyPendingCorrection } from '../db/repositories/corrections.js';
import { isTerminalStage } from '../domain/vocabulary.js';
import type { CaseTask } from '../workflows/case/state.js';
import type { CaseActivities, RecordCaseEvent } from './types.js';

export function createRecordActivities(db: Db): Pick<CaseActivities, 'recordCaseEvent' | 'applyCorrection'> {
  return {
    async recordCaseEvent(req: RecordCaseEvent): Promise<void> {
      const { snapshot: c, seq } = req;
      await db.transaction().execute(async (trx) => {
        await appendAuditEvent(trx, {
          chainId: req.caseId,
          eventKey: `wf:${seq}`,
          at: req.event.at,
          actor: req.event.actor,
          action: req.event.type,
          data: req.event.data,
          workflowId: req.workflowId,
          runId: req.runId,
          division: req.division,
        });
        if (c) await projectCase(trx, c, seq, req.event.at);
        await upsertTasks(trx, req.tasks, seq);
        const n = req.notification;
        if (n) {
          await trx
            .insertInto('notifications')
            .values({
              notification_id: `${req.caseId}:${seq}`,
              case_id: req.caseId,
              task_id: n.taskId,
              kind: n.kind,
              recipient_role: n.recipientRole,
              recipient_org: n.recipientOrg,
              division_code: n.division,
              message: n.message,
            })
            .onConflict((oc) => oc.column('notification_id').doNothing())
            .execute();
        }
      });
    },

    async applyCorrection({ correctionId }): Promise<void> {
      await db.transaction().execute((trx) => applyPendingCorrection(trx, correctionId));
    },
  };
}

/** The case read model, unless a later event already wrote it. */
async function projectCase(
  trx: Trx,
  c: NonNullable<RecordCaseEvent['snapshot']>,
  seq: number,
  at: string,
): Promise<void> {
  const terminal = isTerminalStage(c.stage);
  await trx
    .updateTable('cases')
    .set({
      stage: c.stage,
      pathway: c.pathway,
      division_code: c.division,
      adulthood_date: c.adulthoodDate,
      assessment: JSON.stringify(c.assessment),
      recommendation: JSON.stringify(c.recommendation),
      proposal: JSON.stringify(c.proposal),
      reviews: JSON.stringify(c.reviews),
      subsidy: JSON.stringify(c.subsidy),
      withdrawal: JSON.stringify(c.withdrawal),
      projection_version: seq,
      updated_at: new Date(at),
      closed_at: terminal ? new Date(at) : null,
    })
    .where('case_id', '=', c.caseId)
    .where('projection_version', '<', seq)
    .execute();
}

type Trx = Parameters<Parameters<ReturnType<Db['transaction']>['execute']>[0]>[0];

/** The event's tasks in one statement (an approval plans a dozen), unless a later event wrote them. */
async function upsertTasks(trx: Trx, tasks: readonly CaseTask[], seq: number): Promise<void> {
  if (tasks.length === 0) return;
  // One statement may not touch a row twice: a task named twice is written as it was named last.
  const latest = [...new Map(tasks.map((t) => [t.taskId, t])).values()];
  const rows = latest.map((t) => ({
    task_id: t.taskId,
    case_id: t.caseId,
    kind: t.kind,
    assignee_role: t.assigneeRole,
    department: t.department,
    institution_id: t.institutionId,
    division_code: t.division,
    assignee_sub: t.assigneeSub,
    status: t.status,
    due_at: t.dueAt,
    due_date_warning: t.dueDateWarning,
    reminded_at: t.remindedAt,
    escalation_level: t.escalationLevel,
    escalated_to: t.escalatedTo,
    outcome: t.outcome,
    note: t.note,
    block_reason: t.blockReason,
    details: JSON.stringify(t.details),
    completed_by: t.completedBy ? JSON.stringify(t.completedBy) : null,
    completed_at: t.completedAt,
    projection_version: seq,
    created_at: t.createdAt,
    updated_at: new Date(),
  }));
  await trx
    .insertInto('tasks')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('task_id')
        .doUpdateSet((eb) => ({
          division_code: eb.ref('excluded.division_code'),
          assignee_sub: eb.ref('excluded.assignee_sub'),
          status: eb.ref('excluded.status'),
          due_at: eb.ref('excluded.due_at'),
          due_date_warning: eb.ref('excluded.due_date_warning'),
          reminded_at: eb.ref('excluded.reminded_at'),
          escalation_level: eb.ref('excluded.escalation_level'),
          escalated_to: eb.ref('excluded.escalated_to'),
          outcome: eb.ref('excluded.outcome'),
          note: eb.ref('excluded.note'),
          block_reason: eb.ref('excluded.block_reason'),
          completed_by: eb.ref('excluded.completed_by'),
          completed_at: eb.ref('excluded.completed_at'),
          projection_version: eb.ref('excluded.projection_version'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where('tasks.projection_version', '<', seq),
    )
    .execute();
}
