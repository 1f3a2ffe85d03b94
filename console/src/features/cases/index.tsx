import type { RouteObject } from 'react-router';

export { PrintFormPage } from './components/PrintFormPage';

/** Inside the shell, loaded when first opened. The print view (/cases/:caseId/print) is routed outside it (app/router.tsx). */
export const caseRoutes: RouteObject[] = [
  { path: 'cases', lazy: async () => ({ Component: (await import('./components/CaseListPage')).CaseListPage }) },
  { path: 'cases/:caseId', lazy: async () => ({ Component: (await import('./components/CasePage')).CasePage }) },
];
