// 工作台, the page after sign-in: loaded when first opened, so the sign-in page does not carry its
// table.
import type { RouteObject } from 'react-router';

export const workbenchRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./components/WorkbenchPage')).WorkbenchPage }) },
];
