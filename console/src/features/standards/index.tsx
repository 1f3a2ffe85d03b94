// 补贴标准 (standards): the list by division for everyone who may read it, the proposal form for
// civil affairs; loaded when first opened, in its own chunk.
import type { RouteObject } from 'react-router';

export const standardsRoutes: RouteObject[] = [
  { path: 'standards', lazy: async () => ({ Component: (await import('./components/StandardsPage')).StandardsPage }) },
];
