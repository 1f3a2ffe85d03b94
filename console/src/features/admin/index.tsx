// The administrator's pages: 用户管理, 节假日, 政策 and 接口订阅, each loaded when first opened
// (React Router's lazy routes), so the initial bundle does not carry them.
import type { RouteObject } from 'react-router';

export const adminRoutes: RouteObject[] = [
  { path: 'admin/users', lazy: async () => ({ Component: (await import('./components/UsersPage')).UsersPage }) },
  {
    path: 'admin/holidays',
    lazy: async () => ({ Component: (await import('./components/HolidaysPage')).HolidaysPage }),
  },
  {
    path: 'admin/policies',
    lazy: async () => ({ Component: (await import('./components/PoliciesPage')).PoliciesPage }),
  },
  {
    path: 'admin/webhooks',
    lazy: async () => ({ Component: (await import('./components/WebhooksPage')).WebhooksPage }),
  },
];
