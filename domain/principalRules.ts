// What makes a principal (role, org, division) well formed: one rule for a bearer token's claims
// (api/plugins/auth.ts), an account an administrator makes or changes, and an identity provider's
// mapped claims, so that no way in can produce a principal another refuses.
//
// - role: one of ROLES.
// - org: 1 to 100 characters without control characters; for `department`, one of the 11
//   department codes (DOMAIN.md); for `institution`, the institution's id.
// - division: a GB/T 2260 code in Inner Mongolia (15xxxx). Whether it exists is the database's to say.
import { ROLES, type Role } from './access.js';
import { DEPARTMENT_CODES, isDepartmentCode } from './vocabulary.js';

export interface PrincipalProblem {
  field: 'role' | 'org' | 'division';
  message: string;
}

export const ORG_MAX_LENGTH = 100;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The first thing wrong with the role, org and division, or null when they make a principal. */
export function principalProblem(p: { role: unknown; org: unknown; division: unknown }): PrincipalProblem | null {
  if (!isRole(p.role)) return { field: 'role', message: `role must be one of ${ROLES.join(', ')}` };
  if (typeof p.org !== 'string' || p.org === '') return { field: 'org', message: 'org is missing' };
  if (p.org.length > ORG_MAX_LENGTH || CONTROL_CHARACTERS.test(p.org))
    return { field: 'org', message: `org must be 1 to ${ORG_MAX_LENGTH} characters without control characters` };
  if (p.role === 'department' && !isDepartmentCode(p.org))
    return { field: 'org', message: `a department's org must be one of ${DEPARTMENT_CODES.join(', ')}` };
  if (typeof p.division !== 'string' || !/^15\d{4}$/.test(p.division))
    return { field: 'division', message: 'division must be a GB/T 2260 code in Inner Mongolia (15xxxx)' };
  return null;
}
