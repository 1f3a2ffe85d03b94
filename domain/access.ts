// Who may do what, in one table that the API routes, the workflow's update validators and the
// authorization tests all read. Scope (which cases and tasks) is decided by the functions below.
import { divisionCovers } from './divisions.js';
import type { AssigneeRole } from './vocabulary.js';

export const ROLES = ['institution', 'civil_affairs', 'finance', 'department', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  readonly sub: string;
  readonly role: Role;
  /** The institution id for `institution`, the department code for `department`. */
  readonly org: string;
  readonly division: string;
}

/**
 * The engine itself as the actor of what no person did: timers that move a case, reminders and
 * escalations, the payment gateway's answers. An admin of the region, so it reaches no case
 * through the API (admins have no case permission; see caseInScope).
 */
export const SYSTEM_PRINCIPAL: Principal = { sub: 'system', role: 'admin', org: 'system', division: '150000' };

const everyone = ROLES.filter((r) => r !== 'admin');

export const PERMISSIONS = {
  'case.register': ['institution'],
  'case.list': everyone,
  'case.read': everyone,
  'case.assess': ['institution'],
  'case.propose': ['institution'],
  'case.review': ['civil_affairs'],
  'case.correct': ['institution', 'civil_affairs'],
  'case.withdraw': ['institution', 'civil_affairs'],
  'disbursement.approve': ['finance'],
  'disbursement.confirm': ['finance'],
  'task.list': ['institution', 'civil_affairs', 'finance', 'department'],
  'task.read': everyone,
  'task.act': ['institution', 'civil_affairs', 'finance', 'department'],
  'history.read': everyone,
  'history.verify': ['auditor'],
  'audit.export': ['auditor'],
  'standards.list': ROLES,
  'standards.propose': ['civil_affairs'],
  'standards.cosign': ['finance'],
  'reports.summary': ['civil_affairs', 'finance', 'auditor'],
  /** Accounts within the admin's own division (api/services/userAdmin.ts). */
  'users.manage': ['admin'],
  /** The policy versions of one's division and those above it, read-only (api/routes/policies.ts). */
  'policies.read': ['civil_affairs', 'auditor', 'admin'],
  /** Webhook subscriptions of the admin's own division (api/services/webhooks.ts). */
  'webhooks.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function hasPermission(principal: Pick<Principal, 'role'>, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(principal.role);
}

export interface CaseScope {
  readonly division: string;
  readonly institutionId: string;
}

/**
 * Whether the case is within the principal's reach at all. Institutions reach only their own
 * youths; departments reach a case only through a task of theirs (see taskAssignedTo), which the
 * caller checks separately; everyone else reaches cases in their jurisdiction and below.
 */
export function caseInScope(principal: Principal, scope: CaseScope): boolean {
  switch (principal.role) {
    case 'institution':
      return principal.org === scope.institutionId;
    case 'civil_affairs':
    case 'finance':
    case 'auditor':
    case 'department':
      return divisionCovers(principal.division, scope.division);
    case 'admin':
      return false;
  }
}

export interface TaskAssignment {
  readonly assigneeRole: AssigneeRole;
  readonly department: string | null;
  readonly institutionId: string | null;
  readonly division: string;
}

/**
 * Whether the task sits in the principal's inbox: an institution's own tasks, or a department's
 * tasks in its jurisdiction (civil affairs and finance bureaus work their department's tasks).
 */
export function taskAssignedTo(principal: Principal, task: TaskAssignment): boolean {
  if (task.assigneeRole === 'institution')
    return principal.role === 'institution' && principal.org === task.institutionId;
  if (!divisionCovers(principal.division, task.division)) return false;
  if (principal.role === 'department') return principal.org === task.department;
  if (principal.role === 'civil_affairs') return task.department === 'civil_affairs';
  if (principal.role === 'finance') return task.department === 'finance';
  return false;
}

/**
 * Roles whose work needs the full resident ID number: the institution that raises the youth,
 * civil affairs (review and 特困 recognition) and public security (household registration).
 * Everyone else sees it masked.
 */
export function seesFullIdNumber(principal: Principal): boolean {
  return (
    principal.role === 'institution' ||
    principal.role === 'civil_affairs' ||
    (principal.role === 'department' && principal.org === 'public_security')
  );
}
