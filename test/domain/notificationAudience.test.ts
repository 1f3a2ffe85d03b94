// The audiences of a task's notifications are exactly the people whose inbox holds the task.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Principal, ROLES, type TaskAssignment, taskAssignedTo } from '../../domain/access.js';
import { audienceIncludes, escalationAudiences, taskAudiences } from '../../domain/notificationAudience.js';
import { ASSIGNEE_ROLES, DEPARTMENT_CODES } from '../../domain/vocabulary.js';

const divisions = fc.constantFrom('150000', '150100', '150102', '150103', '150200', '150202');
const orgs = fc.constantFrom(...DEPARTMENT_CODES, 'inst-A', 'inst-B');
const principal = fc.record({ sub: fc.constant('u'), role: fc.constantFrom(...ROLES), org: orgs, division: divisions });
const task = fc
  .record({
    assigneeRole: fc.constantFrom(...ASSIGNEE_ROLES),
    department: fc.constantFrom(...DEPARTMENT_CODES),
    institutionId: fc.constantFrom('inst-A', 'inst-B'),
    division: fc.constantFrom('150102', '150103', '150202'),
  })
  .map((t): TaskAssignment => ({
    ...t,
    department:
      t.assigneeRole === 'institution' ? null : t.assigneeRole === 'department' ? t.department : t.assigneeRole,
    institutionId: t.assigneeRole === 'institution' ? t.institutionId : null,
  }));
const hears = (p: Principal, audiences: ReturnType<typeof taskAudiences>) =>
  audiences.some((a) => audienceIncludes(p, a));

describe('notification audiences', () => {
  it('a task opened is heard by exactly those whose inbox holds it', () => {
    fc.assert(
      fc.property(principal, task, (p, t) => {
        expect(hears(p, taskAudiences(t))).toBe(taskAssignedTo(p, t));
      }),
      { numRuns: 1000 },
    );
  });

  it('an escalation is heard by those whose inbox holds the task at the division it went to', () => {
    fc.assert(
      fc.property(principal, task, (p, t) => {
        if (t.assigneeRole === 'institution') return;
        const to = `${t.division.slice(0, 4)}00`;
        expect(hears(p, escalationAudiences(t, to))).toBe(taskAssignedTo(p, { ...t, division: to }));
      }),
      { numRuns: 1000 },
    );
  });

  it("an institution's overdue task goes to civil affairs above it, not to another league", () => {
    const t: TaskAssignment = {
      assigneeRole: 'institution',
      department: null,
      institutionId: 'inst-A',
      division: '150102',
    };
    const [a] = escalationAudiences(t, '150100');
    const ca = (division: string): Principal => ({ sub: 'x', role: 'civil_affairs', org: 'civil_affairs', division });
    expect(audienceIncludes(ca('150100'), a!)).toBe(true);
    expect(audienceIncludes(ca('150000'), a!)).toBe(true);
    expect(audienceIncludes(ca('150102'), a!)).toBe(false);
    expect(audienceIncludes(ca('150200'), a!)).toBe(false);
  });
});
