// Who hears what of a case event, from the event itself: the workflow records what happened, this
// decides who is told, so a new kind of notification needs no workflow change (and no replay risk).
// Each notification's id is the event's sequence number and what it is about, so the same event
// retried plans the same ids and writes nothing twice.
import type { NewNotification } from '../db/repositories/notifications.js';
import { escalationAudiences, taskAudiences } from '../domain/notificationAudience.js';
import { notificationMessages as text } from '../domain/notificationMessages.js';
import type { CaseTask } from '../workflows/case/state.js';
import type { RecordCaseEvent } from './types.js';

export interface PlanContext {
  /** The case's institution and division (from its read model row). */
  institutionId: string;
  division: string;
  /** Tasks of the event that did not exist before it: opened by it. */
  opened: ReadonlySet<string>;
}

const PAYMENT_EVENTS = {
  'subsidy.approved': 'approved',
  'subsidy.paid': 'paid',
  'subsidy.payment_rejected': 'failed',
} as const;

export function planNotifications(req: RecordCaseEvent, ctx: PlanContext): NewNotification[] {
  const { caseId, seq, event } = req;
  const id = (suffix: string) => `${caseId}:${seq}:${suffix}`;
  const data = event.data;
  const plan: NewNotification[] = [];
  const taskOf = (taskId: unknown): CaseTask | undefined => req.tasks.find((t) => t.taskId === taskId);

  for (const task of req.tasks) {
    const reassigned = event.type === 'task.reassigned' && task.taskId === data.taskId;
    if (!(ctx.opened.has(task.taskId) && task.status === 'open') && !reassigned) continue;
    for (const audience of taskAudiences(task))
      plan.push({
        notificationId: id(`task_assigned:${task.taskId}:${audience.role}`),
        eventId: id(`task_assigned:${task.taskId}`),
        kind: 'task_assigned',
        caseId,
        taskId: task.taskId,
        audience,
        message: text.taskAssigned(caseId, task.kind, task.dueAt),
        details: { taskKind: task.kind, dueAt: task.dueAt },
      });
  }

  const reminded = event.type === 'task.reminded' ? taskOf(data.taskId) : undefined;
  if (reminded) {
    const { taskId, kind: taskKind, dueAt } = reminded;
    for (const audience of taskAudiences(reminded))
      plan.push({
        notificationId: id(`reminder:${audience.role}`),
        eventId: id('reminder'),
        kind: 'reminder',
        caseId,
        taskId,
        audience,
        message: text.reminder(caseId, taskKind, dueAt),
        details: { taskKind, dueAt },
      });
  }

  const escalated = event.type === 'task.escalated' ? taskOf(data.taskId) : undefined;
  const to = typeof data.to === 'string' ? data.to : escalated?.escalatedTo;
  if (escalated && to) {
    const { taskId, kind: taskKind, dueAt } = escalated;
    const why = data.why === 'blocked' ? 'blocked' : 'overdue';
    for (const audience of escalationAudiences(escalated, to))
      plan.push({
        notificationId: id(`escalation:${audience.role}`),
        eventId: id('escalation'),
        kind: 'escalation',
        caseId,
        taskId,
        audience,
        message: text.escalation(caseId, taskKind, dueAt, why, to),
        details: { taskKind, dueAt, why },
      });
  }

  // Reject and return are `review.decided`; an approval is the stage change it causes.
  const decided = event.type === 'review.decided' || (event.type === 'stage.changed' && 'decision' in data);
  if (decided && typeof data.decision === 'string') {
    const pathway = typeof data.pathway === 'string' ? data.pathway : null;
    plan.push({
      notificationId: id('decision'),
      eventId: id('decision'),
      kind: 'decision',
      caseId,
      taskId: null,
      audience: { role: 'institution', org: ctx.institutionId, division: ctx.division },
      message: text.decision(caseId, data.decision, pathway),
      details: { decision: data.decision, pathway },
    });
  }

  const payment = PAYMENT_EVENTS[event.type as keyof typeof PAYMENT_EVENTS];
  if (payment) {
    const attempt = typeof data.attempt === 'number' ? data.attempt : 0;
    const message = text.payment(caseId, payment, attempt);
    const details = { payment, attempt };
    plan.push(
      {
        notificationId: id('payment:institution'),
        eventId: id('payment'),
        kind: 'payment',
        caseId,
        taskId: null,
        audience: { role: 'institution', org: ctx.institutionId, division: ctx.division },
        message,
        details,
      },
      {
        notificationId: id('payment:finance'),
        eventId: id('payment'),
        kind: 'payment',
        caseId,
        taskId: null,
        audience: { role: 'finance', org: null, division: ctx.division },
        message,
        details,
      },
    );
  }
  return plan;
}
