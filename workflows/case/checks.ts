// Synchronous checks shared by the update validators (which refuse before anything is written to
// history) and the handlers (which re-check, because two updates can pass validation together).
import { ApplicationFailure } from '@temporalio/workflow';
import { type Permission, caseInScope, hasPermission, taskAssignedTo } from '../../domain/access.js';
import { type Actor, type CaseState, type CaseTask, REFUSAL, STAGES, type Stage } from './definitions.js';

export function refuse(type: (typeof REFUSAL)[keyof typeof REFUSAL], message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

/** The actor holds the permission and the case is within their reach. */
export function requireActor(state: CaseState, actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission))
    refuse(REFUSAL.forbidden, `role ${actor.role} may not ${permission.replace('.', ' ')}`);
  if (!caseInScope(actor, { division: state.division, institutionId: state.institutionId })) {
    refuse(REFUSAL.notFound, 'case not found');
  }
}

export function requireStage(state: CaseState, allowed: readonly Stage[], action: string): void {
  if (!allowed.includes(state.stage)) {
    refuse(
      REFUSAL.invalidStage,
      `cannot ${action} while the case is in stage ${state.stage} (allowed in: ${allowed.join(', ')})`,
    );
  }
}

export function requireText(value: unknown, field: string, max = 2000): void {
  if (typeof value !== 'string' || value.trim() === '') refuse(REFUSAL.validation, `${field} is required`);
  if (value.length > max) refuse(REFUSAL.validation, `${field} must be at most ${max} characters`);
}

/** The task exists, is still open, and sits in the actor's inbox. */
export function requireAssignedTask(state: CaseState, actor: Actor, taskId: string): CaseTask {
  const task = state.tasks.find((t) => t.taskId === taskId);
  if (!task) refuse(REFUSAL.notFound, `task ${taskId} not found`);
  if (!hasPermission(actor, 'task.act') || !taskAssignedTo(actor, task)) {
    refuse(REFUSAL.forbidden, `task ${taskId} is not assigned to ${actor.role} ${actor.org} of ${actor.division}`);
  }
  if (task.status === 'done') refuse(REFUSAL.conflict, `task ${taskId} is already done`);
  if (task.status === 'cancelled') refuse(REFUSAL.conflict, `task ${taskId} was cancelled`);
  return task;
}

export const TERMINAL: readonly Stage[] = ['closed', 'withdrawn'];
export const ACTIVE_STAGES: readonly Stage[] = STAGES.filter((s) => !TERMINAL.includes(s));
