// Synchronous checks shared by the update validators (which refuse before anything is written to
// history) and the handlers (which re-check, because two updates can pass validation together).
import { ApplicationFailure } from '@temporalio/workflow';
import { type Permission, type Principal, caseInScope, hasPermission, taskAssignedTo } from '../../domain/access.js';
import type { RefusalCode } from '../../domain/errorCodes.js';
import type { Stage } from '../../domain/vocabulary.js';
import type { CaseState, CaseTask } from './state.js';

/** Refuses the action: the API answers with this code (409 INVALID_STAGE, 403, ...) and message. */
export function refuse(code: RefusalCode, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

/** The actor holds the permission and the case is within their reach. */
export function requirePermission(state: CaseState, actor: Principal, permission: Permission): void {
  if (!hasPermission(actor, permission))
    refuse('FORBIDDEN', `role ${actor.role} may not ${permission.replace('.', ' ')}`);
  if (!caseInScope(actor, { division: state.division, institutionId: state.institutionId })) {
    refuse('NOT_FOUND', 'case not found');
  }
}

export function requireStage(state: CaseState, allowed: readonly Stage[], action: string): void {
  if (!allowed.includes(state.stage)) {
    refuse(
      'INVALID_STAGE',
      `cannot ${action} while the case is in stage ${state.stage} (allowed in: ${allowed.join(', ')})`,
    );
  }
}

export function requireText(value: unknown, field: string, max = 2000): void {
  if (typeof value !== 'string' || value.trim() === '') refuse('VALIDATION_FAILED', `${field} is required`);
  if (value.length > max) refuse('VALIDATION_FAILED', `${field} must be at most ${max} characters`);
}

/** One of a closed list of words (a vocabulary array), else a refusal that names the list. */
export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): void {
  if (!(allowed as readonly unknown[]).includes(value))
    refuse('VALIDATION_FAILED', `${field} must be one of ${allowed.join(', ')}`);
}

/** The task exists, is still open, and sits in the actor's inbox. */
export function requireAssignedTask(state: CaseState, actor: Principal, taskId: string): CaseTask {
  const task = state.tasks.find((t) => t.taskId === taskId);
  if (!task) refuse('NOT_FOUND', `task ${taskId} not found`);
  if (!hasPermission(actor, 'task.act') || !taskAssignedTo(actor, task)) {
    refuse('FORBIDDEN', `task ${taskId} is not assigned to ${actor.role} ${actor.org} of ${actor.division}`);
  }
  if (task.status === 'done') refuse('CONFLICT', `task ${taskId} is already done`);
  if (task.status === 'cancelled') refuse('CONFLICT', `task ${taskId} was cancelled`);
  return task;
}
