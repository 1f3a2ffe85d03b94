// The case's tasks: opened with a due date from policy (working days on the official calendar),
// reminded before they are due, escalated one level up when overdue or blocked, and escalated
// again every interval while they stay overdue, until the region itself has been told.
import { condition, uuid4 } from '@temporalio/workflow';
import { parentDivision } from '../../domain/divisions.js';
import type { DurationsPolicy, PolicyDuration } from '../../domain/policy.js';
import { policy } from './activities.js';
import type { CaseRecorder } from './caseRecorder.js';
import type { Actor, AssigneeRole, CaseState, CaseTask, PolicyRef } from './definitions.js';
import { SYSTEM_ACTOR } from './definitions.js';

export interface TaskSpec {
  kind: string;
  assigneeRole: AssigneeRole;
  department: string | null;
  required: boolean;
  details?: Record<string, unknown>;
  /** A fixed due instant instead of the policy SLA (e.g. the 18th birthday). */
  dueAt?: string;
}

export interface Durations {
  ref: PolicyRef;
  body: DurationsPolicy;
}

export function isOpen(t: CaseTask): boolean {
  return t.status === 'open' || t.status === 'blocked';
}

/** Waits until `at` or until `stop()` holds; true when it stopped early. */
export async function waitUntil(at: string, stop: () => boolean): Promise<boolean> {
  const ms = Date.parse(at) - Date.now();
  if (ms <= 0) return stop();
  return condition(stop, ms);
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
  async open(specs: readonly TaskSpec[], actor: Actor, action = 'tasks.opened'): Promise<CaseTask[]> {
    if (specs.length === 0) return [];
    const { created, data } = await this.prepare(specs);
    await this.recorder.record(action, actor, data, created);
    this.supervise(created);
    return created;
  }

  /**
   * Builds the tasks with their due dates and adds them to the case without recording them, for a
   * caller that records them in the same event as a change of stage (then calls supervise()).
   */
  async prepare(specs: readonly TaskSpec[]): Promise<{ created: CaseTask[]; data: Record<string, unknown> }> {
    const { ref, body } = this.durations();
    const now = new Date().toISOString();
    const slas = specs.map((s) => body.taskSla[s.kind] ?? body.taskSla.default);
    const due = await policy.computeDeadlines({
      items: specs.map((s, i) =>
        s.dueAt ? { from: s.dueAt, duration: { seconds: 0 } } : { from: now, duration: slas[i]! },
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
    actor: Actor,
    outcome: string | null,
    note: string | null,
  ): Promise<void> {
    this.closeQuietly(task, status, actor, outcome, note);
    await this.recorder.record(
      status === 'done' ? 'task.completed' : 'task.cancelled',
      actor,
      { taskId: task.taskId, kind: task.kind, outcome, note },
      [task],
    );
  }

  /** Changes the task without recording, for callers that record several changes as one event. */
  closeQuietly(
    task: CaseTask,
    status: 'done' | 'cancelled',
    actor: Actor,
    outcome: string | null,
    note: string | null,
  ): void {
    task.status = status;
    task.outcome = outcome;
    task.note = note;
    task.completedAt = new Date().toISOString();
    task.completedBy = actor;
  }

  /** Cancels every open task (withdrawal, or a correction that sends the case back). */
  cancelAllOpen(actor: Actor, note: string): CaseTask[] {
    const open = this.state.tasks.filter(isOpen);
    for (const t of open) this.closeQuietly(t, 'cancelled', actor, null, note);
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
      SYSTEM_ACTOR,
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

  private async deadline(from: string, duration: PolicyDuration, before = false): Promise<string> {
    const [d] = await policy.computeDeadlines({ items: [{ from, duration, before }] });
    return d!.at;
  }

  /** Reminder before the due date, then escalation up the divisions while it stays overdue. */
  private async watch(task: CaseTask): Promise<void> {
    const closed = () => !isOpen(task);
    if (task.remindedAt === null) await this.remind(task, closed);
    if (await waitUntil(task.dueAt, closed)) return;
    for (;;) {
      if (!(await this.escalate(task, 'overdue'))) return;
      const next = await this.deadline(new Date().toISOString(), this.durations().body.escalationInterval);
      if (await waitUntil(next, closed)) return;
    }
  }

  private async remind(task: CaseTask, closed: () => boolean): Promise<void> {
    const remindAt = await this.deadline(task.dueAt, this.durations().body.reminderBeforeDue, true);
    if (await waitUntil(remindAt, closed)) return;
    task.remindedAt = new Date().toISOString();
    await this.recorder.record(
      'task.reminded',
      SYSTEM_ACTOR,
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
