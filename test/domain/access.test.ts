import { describe, it, expect } from 'vitest';
import {
  PERMISSIONS,
  ROLES,
  caseInScope,
  hasPermission,
  seesFullIdNumber,
  taskAssignedTo,
  type Permission,
  type Principal,
  type Role,
  type TaskAssignment,
} from '../../domain/access.js';

function principal(role: Role, org: string, division: string): Principal {
  return { sub: `${role}-${org}-${division}`, role, org, division };
}

const institution = principal('institution', 'inst-hohhot-1', '150102');
const otherInstitution = principal('institution', 'inst-baotou-1', '150202');
const civilAffairsHohhot = principal('civil_affairs', 'civil_affairs', '150100');
const civilAffairsRegion = principal('civil_affairs', 'civil_affairs', '150000');
const civilAffairsXincheng = principal('civil_affairs', 'civil_affairs', '150102');
const financeHohhot = principal('finance', 'finance', '150100');
const auditorRegion = principal('auditor', 'audit', '150000');
const publicSecurityHohhot = principal('department', 'public_security', '150100');
const hrssHohhot = principal('department', 'hrss', '150100');
const admin = principal('admin', 'system', '150000');

describe('hasPermission', () => {
  it('follows the PERMISSIONS table for every role and permission', () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      const allowed = PERMISSIONS[permission] as readonly Role[];
      for (const role of ROLES) {
        expect(hasPermission({ role }, permission), `${role} ${permission}`).toBe(allowed.includes(role));
      }
    }
  });

  it('lets only finance approve and confirm disbursements', () => {
    for (const role of ROLES) {
      expect(hasPermission({ role }, 'disbursement.approve'), role).toBe(role === 'finance');
      expect(hasPermission({ role }, 'disbursement.confirm'), role).toBe(role === 'finance');
    }
  });

  it('gives admin no access to cases, tasks or history, but lets it list standards', () => {
    expect(hasPermission({ role: 'admin' }, 'case.read')).toBe(false);
    expect(hasPermission({ role: 'admin' }, 'case.list')).toBe(false);
    expect(hasPermission({ role: 'admin' }, 'task.read')).toBe(false);
    expect(hasPermission({ role: 'admin' }, 'history.read')).toBe(false);
    expect(hasPermission({ role: 'admin' }, 'standards.list')).toBe(true);
  });

  it('lets every role but admin read cases', () => {
    for (const role of ROLES) expect(hasPermission({ role }, 'case.read'), role).toBe(role !== 'admin');
  });

  it('lets only institutions register, assess and propose; only civil affairs review', () => {
    for (const role of ROLES) {
      expect(hasPermission({ role }, 'case.register'), role).toBe(role === 'institution');
      expect(hasPermission({ role }, 'case.assess'), role).toBe(role === 'institution');
      expect(hasPermission({ role }, 'case.propose'), role).toBe(role === 'institution');
      expect(hasPermission({ role }, 'case.review'), role).toBe(role === 'civil_affairs');
    }
  });

  it('splits standards between civil affairs (propose) and finance (co-sign)', () => {
    expect(hasPermission({ role: 'civil_affairs' }, 'standards.propose')).toBe(true);
    expect(hasPermission({ role: 'finance' }, 'standards.propose')).toBe(false);
    expect(hasPermission({ role: 'finance' }, 'standards.cosign')).toBe(true);
    expect(hasPermission({ role: 'civil_affairs' }, 'standards.cosign')).toBe(false);
  });

  it('keeps history verification and audit export to auditors', () => {
    for (const role of ROLES) {
      expect(hasPermission({ role }, 'history.verify'), role).toBe(role === 'auditor');
      expect(hasPermission({ role }, 'audit.export'), role).toBe(role === 'auditor');
    }
  });

  it('does not let auditors act on tasks', () => {
    expect(hasPermission({ role: 'auditor' }, 'task.act')).toBe(false);
    expect(hasPermission({ role: 'auditor' }, 'task.read')).toBe(true);
  });
});

describe('caseInScope', () => {
  const hohhotCase = { division: '150102', institutionId: 'inst-hohhot-1' };
  const baotouCase = { division: '150202', institutionId: 'inst-baotou-1' };

  it('lets an institution see only its own youths, wherever the case sits', () => {
    expect(caseInScope(institution, hohhotCase)).toBe(true);
    expect(caseInScope(institution, baotouCase)).toBe(false);
    expect(caseInScope(otherInstitution, hohhotCase)).toBe(false);
    // Same division, another institution's youth.
    expect(caseInScope(institution, { division: '150102', institutionId: 'inst-hohhot-2' })).toBe(false);
    // Its own youth, registered in another division.
    expect(caseInScope(institution, { division: '150202', institutionId: 'inst-hohhot-1' })).toBe(true);
  });

  it('lets civil affairs of a league see its counties but not another league’s', () => {
    expect(caseInScope(civilAffairsHohhot, hohhotCase)).toBe(true);
    expect(caseInScope(civilAffairsHohhot, baotouCase)).toBe(false);
  });

  it('lets regional civil affairs see every case in the region', () => {
    expect(caseInScope(civilAffairsRegion, hohhotCase)).toBe(true);
    expect(caseInScope(civilAffairsRegion, baotouCase)).toBe(true);
    expect(caseInScope(civilAffairsRegion, { division: '152921', institutionId: 'x' })).toBe(true);
  });

  it('lets county civil affairs see only its own county', () => {
    expect(caseInScope(civilAffairsXincheng, hohhotCase)).toBe(true);
    expect(caseInScope(civilAffairsXincheng, { division: '150103', institutionId: 'inst-hohhot-1' })).toBe(false);
  });

  it('scopes finance and auditors by division too', () => {
    expect(caseInScope(financeHohhot, hohhotCase)).toBe(true);
    expect(caseInScope(financeHohhot, baotouCase)).toBe(false);
    expect(caseInScope(auditorRegion, baotouCase)).toBe(true);
  });

  it('checks only the division for departments (their task is checked by the caller)', () => {
    expect(caseInScope(publicSecurityHohhot, hohhotCase)).toBe(true);
    expect(caseInScope(publicSecurityHohhot, baotouCase)).toBe(false);
  });

  it('gives admin no case at all', () => {
    expect(caseInScope(admin, hohhotCase)).toBe(false);
    expect(caseInScope(admin, baotouCase)).toBe(false);
    expect(caseInScope(admin, { division: '150000', institutionId: 'system' })).toBe(false);
  });
});

describe('taskAssignedTo', () => {
  const deptTask = (department: string, division = '150102'): TaskAssignment => ({
    assigneeRole: 'department',
    department,
    institutionId: null,
    division,
  });
  const institutionTask: TaskAssignment = {
    assigneeRole: 'institution',
    department: null,
    institutionId: 'inst-hohhot-1',
    division: '150102',
  };

  it('gives a department its own department’s tasks within its jurisdiction', () => {
    expect(taskAssignedTo(publicSecurityHohhot, deptTask('public_security'))).toBe(true);
    expect(taskAssignedTo(publicSecurityHohhot, deptTask('public_security', '150100'))).toBe(true);
  });

  it('does not give a department another department’s tasks', () => {
    expect(taskAssignedTo(publicSecurityHohhot, deptTask('hrss'))).toBe(false);
    expect(taskAssignedTo(hrssHohhot, deptTask('public_security'))).toBe(false);
    expect(taskAssignedTo(hrssHohhot, deptTask('hrss'))).toBe(true);
  });

  it('does not give a department its tasks outside its jurisdiction', () => {
    expect(taskAssignedTo(publicSecurityHohhot, deptTask('public_security', '150202'))).toBe(false);
    expect(taskAssignedTo(publicSecurityHohhot, deptTask('public_security', '150000'))).toBe(false);
    const countyPolice = principal('department', 'public_security', '150102');
    expect(taskAssignedTo(countyPolice, deptTask('public_security', '150102'))).toBe(true);
    expect(taskAssignedTo(countyPolice, deptTask('public_security', '150103'))).toBe(false);
  });

  it('lets the civil affairs role work civil affairs department tasks in its jurisdiction', () => {
    expect(taskAssignedTo(civilAffairsHohhot, deptTask('civil_affairs'))).toBe(true);
    expect(taskAssignedTo(civilAffairsRegion, deptTask('civil_affairs', '152921'))).toBe(true);
    expect(taskAssignedTo(civilAffairsHohhot, deptTask('civil_affairs', '150202'))).toBe(false);
    expect(taskAssignedTo(civilAffairsHohhot, deptTask('finance'))).toBe(false);
    expect(taskAssignedTo(civilAffairsHohhot, deptTask('public_security'))).toBe(false);
  });

  it('lets the finance role work finance department tasks in its jurisdiction', () => {
    expect(taskAssignedTo(financeHohhot, deptTask('finance'))).toBe(true);
    expect(taskAssignedTo(financeHohhot, deptTask('finance', '150202'))).toBe(false);
    expect(taskAssignedTo(financeHohhot, deptTask('civil_affairs'))).toBe(false);
  });

  it('gives institution tasks only to that institution', () => {
    expect(taskAssignedTo(institution, institutionTask)).toBe(true);
    expect(taskAssignedTo(otherInstitution, institutionTask)).toBe(false);
    expect(taskAssignedTo(principal('institution', 'inst-hohhot-2', '150102'), institutionTask)).toBe(false);
    // Not even regional civil affairs, or a department, works an institution's task.
    expect(taskAssignedTo(civilAffairsRegion, institutionTask)).toBe(false);
    expect(taskAssignedTo(principal('department', 'civil_affairs', '150000'), institutionTask)).toBe(false);
  });

  it('gives an institution no department tasks, even in its own division', () => {
    expect(taskAssignedTo(institution, deptTask('civil_affairs'))).toBe(false);
    expect(taskAssignedTo(principal('institution', 'civil_affairs', '150102'), deptTask('civil_affairs'))).toBe(false);
  });

  it('gives auditors and admin no tasks', () => {
    expect(taskAssignedTo(auditorRegion, deptTask('civil_affairs'))).toBe(false);
    expect(taskAssignedTo(auditorRegion, institutionTask)).toBe(false);
    expect(taskAssignedTo(admin, deptTask('civil_affairs'))).toBe(false);
  });
});

describe('seesFullIdNumber', () => {
  it('shows the full number to institutions, civil affairs and public security', () => {
    expect(seesFullIdNumber(institution)).toBe(true);
    expect(seesFullIdNumber(civilAffairsHohhot)).toBe(true);
    expect(seesFullIdNumber(publicSecurityHohhot)).toBe(true);
  });

  it('masks it for finance, auditors, admin and other departments', () => {
    expect(seesFullIdNumber(financeHohhot)).toBe(false);
    expect(seesFullIdNumber(auditorRegion)).toBe(false);
    expect(seesFullIdNumber(admin)).toBe(false);
    expect(seesFullIdNumber(hrssHohhot)).toBe(false);
  });

  it('keys public security on the department role, not on the org string alone', () => {
    expect(seesFullIdNumber(principal('finance', 'public_security', '150100'))).toBe(false);
    expect(seesFullIdNumber(principal('auditor', 'public_security', '150100'))).toBe(false);
  });
});
