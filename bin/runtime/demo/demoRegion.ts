// The demo region: who works in it, where, and the one drill policy it brings. Two leagues so that
// jurisdiction shows: Hohhot (呼和浩特市, 150100) with its institution in 新城区 (150102), working
// under the region's published durations, and Baotou (包头市, 150200) with its institution in
// 昆都仑区 (150203), where a drill version of the durations policy is in force (see drillDurations).
import type { Role } from '../../../domain/access.js';
import type { DurationsPolicy } from '../../../domain/policy.js';

export type Site = 'hohhot' | 'baotou';

export const SITES = {
  hohhot: {
    league: '150100',
    banner: '150102',
    institution: 'demo-welfare-hohhot',
    name: '呼和浩特市儿童福利院（演示）',
  },
  baotou: { league: '150200', banner: '150203', institution: 'demo-welfare-baotou', name: '包头市儿童福利院（演示）' },
} as const satisfies Record<Site, { league: string; banner: string; institution: string; name: string }>;

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  org: string;
  division: string;
}

const user = (username: string, displayName: string, role: Role, org: string, division: string): DemoUser => ({
  username,
  displayName,
  role,
  org,
  division,
});

/**
 * Every role, in several divisions. Departments work at the league (public security, HR and social
 * security, medical insurance: one bureau per league) or across the region (the others), so each
 * inbox shows only the tasks of its jurisdiction. The first user is the load's claim: whoever
 * creates it loads the demo (see loadDemo.ts).
 */
export const DEMO_USERS: readonly DemoUser[] = [
  user('demo.admin', '演示管理员', 'admin', 'system', '150000'),
  user('demo.auditor', '演示审计员', 'auditor', 'audit', '150000'),
  user('demo.civil.region', '自治区民政厅（演示）', 'civil_affairs', 'civil_affairs', '150000'),
  user('demo.civil.hohhot', '呼和浩特市民政局（演示）', 'civil_affairs', 'civil_affairs', SITES.hohhot.league),
  user('demo.civil.baotou', '包头市民政局（演示）', 'civil_affairs', 'civil_affairs', SITES.baotou.league),
  user('demo.finance.hohhot', '呼和浩特市财政局（演示）', 'finance', 'finance', SITES.hohhot.league),
  user('demo.finance.baotou', '包头市财政局（演示）', 'finance', 'finance', SITES.baotou.league),
  user('demo.inst.hohhot', SITES.hohhot.name, 'institution', SITES.hohhot.institution, SITES.hohhot.banner),
  user('demo.inst.baotou', SITES.baotou.name, 'institution', SITES.baotou.institution, SITES.baotou.banner),
  user('demo.police.hohhot', '呼和浩特市公安局（演示）', 'department', 'public_security', SITES.hohhot.league),
  user('demo.police.baotou', '包头市公安局（演示）', 'department', 'public_security', SITES.baotou.league),
  user('demo.hrss.hohhot', '呼和浩特市人社局（演示）', 'department', 'hrss', SITES.hohhot.league),
  user('demo.hrss.baotou', '包头市人社局（演示）', 'department', 'hrss', SITES.baotou.league),
  user('demo.medins.hohhot', '呼和浩特市医保局（演示）', 'department', 'medical_insurance', SITES.hohhot.league),
  user('demo.medins.baotou', '包头市医保局（演示）', 'department', 'medical_insurance', SITES.baotou.league),
  user('demo.housing', '自治区住建厅（演示）', 'department', 'housing', '150000'),
  user('demo.education', '自治区教育厅（演示）', 'department', 'education', '150000'),
  user('demo.agriculture', '自治区农牧厅（演示）', 'department', 'agriculture', '150000'),
  user('demo.cdpf', '自治区残联（演示）', 'department', 'disabled_federation', '150000'),
];

/**
 * The drill version of the durations policy, in force in Baotou's 昆都仑区 only. Task deadlines in
 * this product are counted from the moment a task opens (working days on the official calendar),
 * so a case registered today cannot honestly have a task that is already late under the published
 * durations, and follow-up visits and annual reviews come months after placement. The demo does not
 * fake dates past the workflow; it puts a policy version in force, as an operator would for a
 * drill, under which a task is due a minute after it opens and the aftercare comes within seconds.
 * Every task and decision records the version it used, so anyone reading a Baotou case sees why.
 */
export function drillDurations(overrides: Partial<DurationsPolicy> = {}): DurationsPolicy {
  return {
    transitionLeadTime: { days: 90 },
    reassessmentLeadTime: { days: 0 },
    taskSla: { default: { seconds: 60 } },
    reminderBeforeDue: { seconds: 30 },
    escalationInterval: { workingDays: 5 },
    followUpsAfterPlacement: [{ seconds: 5 }, { seconds: 10 }, { seconds: 15 }],
    destituteReviewInterval: { seconds: 10 },
    ...overrides,
  };
}

export const DRILL_POLICY_NOTE =
  '演示数据：包头市昆都仑区的演练时限（任务开启一分钟后到期，回访与年度复核以秒计），仅用于试用产品 / demo drill durations';
