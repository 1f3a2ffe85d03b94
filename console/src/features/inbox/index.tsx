// 待办 / 已办 and the task page, each loaded when first opened (React Router's lazy routes), so
// the initial bundle does not carry them.
import type { RouteObject } from 'react-router';

export const inboxRoutes: RouteObject[] = [
  { path: 'inbox', lazy: async () => ({ Component: (await import('./components/InboxPage')).InboxPage }) },
  {
    path: 'inbox/done',
    lazy: async () => {
      const { InboxPage } = await import('./components/InboxPage');
      return { Component: () => <InboxPage done /> };
    },
  },
  { path: 'inbox/tasks/:taskId', lazy: async () => ({ Component: (await import('./components/TaskPage')).TaskPage }) },
];
