// The case's tasks: opened with a due date from policy (working days on the official calendar),
// reminded before they are due, escalated one level up when overdue or blocked, and escalated
// again every interval while they stay overdue, until the region itself has been told.
import { uuid4 } from '@temporalio/workflow';
import type { LoadedPolicy } from '../../activities/types.js';
import { type Principal, SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { parentDivision } from '../../domain/divisions.js';
import type { CaseEventType } from '../../domain/eventTypes.js';
import { type AssigneeRole, isOpenTaskStatus } from '../../domain/vocabulary.js';
import { policy } from './activities.js';
import type { CaseRecorder } from './caseRecorder.js';
import type { CaseState, CaseTask } from './state.js';
import { deadline, nowIso, waitUntil } from './time.js';

export interface TaskSpec {
  kind: string;
  assigneeRole: AssigneeRole;
  department: string | null;
  required: boolean;
  details?: Record<string, unknown>;
  /** A fixed due instant instead of the policy SLA (e.g. the 18th birthday). */
  dueAt?: string;
}

/** The durations policy in force, with the reference recorded where it is used. */
export type Durations = LoadedPolicy<'durations'>;

export function isOpen(task: CaseTask): boolean {
  return isOpenTaskStatus(task.status);
}

export class TaskBoard {
  constructor(
    private readonly state: CaseState,
    private readonly recorder: CaseRecorder,
    private readonly durations: () => Durations,
  ) {}

  find(taskId: string): CaseTask | undefined {
    return this.state.tasks.find((t) => t.taskId === taskId);
  }

  openOfKind(kind: string): CaseTask | undefined {
    return this.state.tasks.find((t) => t.kind === kind && isOpen(t));
  }

  /** Opens the tasks together, records them as one event, and starts supervising each. */
  async open(
    specs: readonly TaskSpec[],
    actor: Principal,
    eventType: CaseEventType = 'tasks.opened',
  ): Promise<CaseTask[]> {
    if (specs.length === 0) return [];
    const { created, data } = await this.prepare(specs);
    await this.recorder.record(eventType, actor, data, created);
    this.supervise(created);
    return created;
  }

  /**
   * Builds the tasks with their due dates and adds them to the case without recording them, for a
   * caller that records them in the same event as a change of stage (then calls supervise()).
   */
  async prepare(specs: readonly TaskSpec[]): Promise<{ created: CaseTask[]; data: Record<string, unknown> }> {
    const { ref, body } = this.durations();
    const now = nowIso();
    const slas = specs.map((spec) => body.taskSla[spec.kind] ?? body.taskSla.default);
    const due = await policy.computeDeadlines({
      items: specs.map((spec, i) =>
        spec.dueAt ? { from: spec.dueAt, duration: { seconds: 0 } } : { from: now, duration: slas[i]! },
      ),
    });
    const created = specs.map((spec, i): CaseTask => ({
      taskId: `t-${uuid4()}`,
      caseId: this.state.caseId,
      kind: spec.kind,
      assigneeRole: spec.assigneeRole,
      department: spec.department,
      institutionId: spec.assigneeRole === 'institution' ? this.state.institutionId : null,
      division: this.state.division,
      assigneeSub: null,
      status: 'open',
      required: spec.required,
      dueAt: due[i]!.at,
      dueDateWarning: due[i]!.warning,
      remindedAt: null,
      escalationLevel: 0,
      escalatedTo: null,
      outcome: null,
      note: null,
      blockReason: null,
      details: spec.details ?? {},
      createdAt: now,
      completedAt: null,
      completedBy: null,
    }));
    this.state.tasks.push(...created);
    const data = {
      tasks: created.map((t, i) => ({
        taskId: t.taskId,
        kind: t.kind,
        department: t.department,
        dueAt: t.dueAt,
        sla: specs[i]!.dueAt ? null : slas[i],
      })),
      durationsPolicy: ref,
    };
    return { created, data };
  }

  /** Starts the reminder and escalation timers of each task. */
  supervise(tasks: readonly CaseTask[]): void {
    for (const task of tasks) void this.watch(task);
  }

  /** After continue-as-new: the timers of tasks still open start again from their due dates. */
  superviseOpen(): void {
    this.supervise(this.state.tasks.filter(isOpen));
  }

  /** Closes a task (done or cancelled) and records it. */
  async close(
    task: CaseTask,
    status: 'done' | 'cancelled',
    actor: Principal,
    outcome: string | null,
    note: string | null,
  ): Promise<void> {
    this.closeWithoutRecording(task, status, actor, outcome, note);
    await this.recorder.record(
      status === 'done' ? 'task.completed' : 'task.cancelled',
      actor,
      { taskId: task.taskId, kind: task.kind, outcome, note },
      [task],
    );
  }

  /**
   * Closes the task without recording it, for a caller that records the change in an event of its
   * own (with the task in that event's tasks), so the task and what closed it land together.
   */
  closeWithoutRecording(
    task: CaseTask,
    status: 'done' | 'cancelled',
    actor: Principal,
    outcome: string | null,
    note: string | null,
  ): void {
    task.status = status;
    task.outcome = outcome;
    task.note = note;
    task.completedAt = nowIso();
    task.completedBy = actor;
  }

  /** Cancels every open task without recording (withdrawal, or a correction that sends the case back). */
  cancelAllOpen(actor: Principal, note: string): CaseTask[] {
    const open = this.state.tasks.filter(isOpen);
    for (const task of open) this.closeWithoutRecording(task, 'cancelled', actor, null, note);
    return open;
  }

  async escalate(task: CaseTask, why: 'overdue' | 'blocked'): Promise<boolean> {
    const from = task.escalatedTo ?? task.division;
    const to = parentDivision(from);
    if (to === null) return false;
    task.escalationLevel += 1;
    task.escalatedTo = to;
    const message =
      why === 'blocked'
        ? `task ${task.kind} is blocked: ${task.blockReason ?? ''}`
        : `task ${task.kind} is overdue since ${task.dueAt}`;
    await this.recorder.record(
      'task.escalated',
      SYSTEM_PRINCIPAL,
      { taskId: task.taskId, kind: task.kind, why, to, level: task.escalationLevel },
      [task],
      {
        kind: 'escalation',
        taskId: task.taskId,
        recipientRole: task.assigneeRole,
        recipientOrg: task.department ?? task.institutionId,
        division: to,
        message,
      },
    );
    return true;
  }

  /** Reminder before the due date, then escalation up the divisions while it stays overdue. */
  private async watch(task: CaseTask): Promise<void> {
    const closed = () => !isOpen(task);
    if (task.remindedAt === null) await this.remind(task, closed);
    if (await waitUntil(task.dueAt, closed)) return;
    for (;;) {
      if (!(await this.escalate(task, 'overdue'))) return;
      const next = await deadline(nowIso(), this.durations().body.escalationInterval);
      if (await waitUntil(next, closed)) return;
    }
  }

  private async remind(task: CaseTask, closed: () => boolean): Promise<void> {
    const remindAt = await deadline(task.dueAt, this.durations().body.reminderBeforeDue, true);
    if (await waitUntil(remindAt, closed)) return;
    task.remindedAt = nowIso();
    await this.recorder.record(
      'task.reminded',
      SYSTEM_PRINCIPAL,
      { taskId: task.taskId, kind: task.kind, dueAt: task.dueAt },
      [task],
      {
        kind: 'reminder',
        taskId: task.taskId,
        recipientRole: task.assigneeRole,
        recipientOrg: task.department ?? task.institutionId,
        division: task.division,
        message: `task ${task.kind} is due at ${task.dueAt}`,
      },
    );
  }
}
