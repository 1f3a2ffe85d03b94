// Who hears a notification: an audience of a role, an org (or any org of the role) and a
// division, matched by the jurisdiction rule of domain/access.ts. The activity that records a case
// event resolves an audience to the users it includes at that moment (one row per recipient); a
// bearer-token caller, who has no account, sees the notifications whose audience includes its
// principal. Pure, so the workflow-side code, the API and the tests share it.
import { type Principal, type Role, type TaskAssignment, taskAssignedTo } from './access.js';
import { divisionChain, divisionCovers } from './divisions.js';

export interface Audience {
  readonly role: Role;
  /** The institution id or department code; null: every org of the role. */
  readonly org: string | null;
  /** For every role but `institution`: the recipient's jurisdiction must cover it. */
  readonly division: string;
}

/**
 * The people whose inbox the task is in (the rule of taskAssignedTo), as audiences: a department
 * task of civil affairs or finance is also the bureau's (the civil_affairs or finance role).
 */
export function taskAudiences(task: TaskAssignment): Audience[] {
  const { division } = task;
  if (task.assigneeRole === 'institution') return [{ role: 'institution', org: task.institutionId, division }];
  const audiences: Audience[] = [];
  if (task.department === 'civil_affairs' || task.department === 'finance')
    audiences.push({ role: task.department, org: null, division });
  if (task.department !== null) audiences.push({ role: 'department', org: task.department, division });
  return audiences;
}

/**
 * Who hears that a task was escalated to `to` (a division above the task's): the task's own kind
 * of office there, since that is who now sees it in the inbox; an institution's overdue task goes to
 * civil affairs of that division, who supervise institutions.
 */
export function escalationAudiences(task: TaskAssignment, to: string): Audience[] {
  if (task.assigneeRole === 'institution') return [{ role: 'civil_affairs', org: null, division: to }];
  return taskAudiences(task).map((a) => ({ ...a, division: to }));
}

/** Whether the principal is among the audience: the same rule as a task's inbox. */
export function audienceIncludes(principal: Principal, audience: Audience): boolean {
  if (principal.role !== audience.role) return false;
  if (audience.org !== null && principal.org !== audience.org) return false;
  switch (audience.role) {
    case 'institution':
      return true;
    case 'department':
    case 'civil_affairs':
    case 'finance':
      return taskAssignedTo(principal, asTask(audience.role, audience));
    default:
      return divisionCovers(principal.division, audience.division);
  }
}

/** The divisions whose people the audience reaches (its own and every one above), for a query. */
export function audienceDivisions(audience: Audience): string[] | null {
  return audience.role === 'institution' ? null : divisionChain(audience.division);
}

/** The audience as a task of that office, so taskAssignedTo decides the jurisdiction. */
function asTask(role: 'department' | 'civil_affairs' | 'finance', audience: Audience): TaskAssignment {
  const department = role === 'department' ? audience.org : role;
  return { assigneeRole: role, department, institutionId: null, division: audience.division };
}
