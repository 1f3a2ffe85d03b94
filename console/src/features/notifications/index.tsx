import type { RouteObject } from 'react-router';

export { NotificationBell } from './components/NotificationBell';

export const notificationRoutes: RouteObject[] = [
  {
    path: 'notifications',
    lazy: async () => ({ Component: (await import('./components/NotificationsPage')).NotificationsPage }),
  },
];
