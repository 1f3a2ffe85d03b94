// The auditor's 审计轨迹 page, loaded when first opened.
import type { RouteObject } from 'react-router';

export const auditRoutes: RouteObject[] = [
  { path: 'audit', lazy: async () => ({ Component: (await import('./components/AuditPage')).AuditPage }) },
];
