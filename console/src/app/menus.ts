// The side menu of each role (CONSOLE.md's "Pages by role"): the paths every feature's routes
// answer, in the order a person of that role works. A path no feature serves yet shows the
// "being built" page rather than nothing.
import type { Role } from '../shared/session';

export interface MenuEntry {
  path: string;
  /** A key of the `nav` section of the catalogues. */
  label: NavKey;
}

export type NavKey =
  | 'workbench'
  | 'notifications'
  | 'settings'
  | 'cases'
  | 'register'
  | 'import'
  | 'reviewQueue'
  | 'standards'
  | 'statistics'
  | 'cosign'
  | 'disbursements'
  | 'inbox'
  | 'done'
  | 'auditTrail'
  | 'users'
  | 'holidays'
  | 'policies'
  | 'webhooks';

export const PATHS = {
  workbench: '/',
  notifications: '/notifications',
  settings: '/settings',
  cases: '/cases',
  register: '/cases/new',
  import: '/cases/import',
  reviewQueue: '/reviews',
  standards: '/standards',
  statistics: '/statistics',
  cosign: '/standards/cosign',
  disbursements: '/disbursements',
  inbox: '/inbox',
  done: '/inbox/done',
  auditTrail: '/audit',
  users: '/admin/users',
  holidays: '/admin/holidays',
  policies: '/admin/policies',
  webhooks: '/admin/webhooks',
} as const satisfies Record<NavKey, string>;

const entry = (label: NavKey): MenuEntry => ({ path: PATHS[label], label });

const ROLE_PAGES: Record<Role, NavKey[]> = {
  institution: ['cases', 'register', 'import', 'inbox'],
  civil_affairs: ['reviewQueue', 'cases', 'standards', 'inbox', 'statistics'],
  finance: ['cosign', 'disbursements', 'standards', 'statistics'],
  department: ['inbox', 'done'],
  auditor: ['cases', 'auditTrail', 'statistics'],
  admin: ['users', 'holidays', 'policies', 'webhooks'],
};

export function menuFor(role: Role): MenuEntry[] {
  return [entry('workbench'), ...ROLE_PAGES[role].map(entry), entry('notifications'), entry('settings')];
}

/** Every path some menu leads to. */
export const ALL_MENU_PATHS: string[] = Object.values(PATHS);
