import type { RouteObject } from 'react-router';

/** Inside the shell, loaded when first opened. */
export const caseRoutes: RouteObject[] = [
  { path: 'cases', lazy: async () => ({ Component: (await import('./components/CaseListPage')).CaseListPage }) },
  { path: 'cases/:caseId', lazy: async () => ({ Component: (await import('./components/CasePage')).CasePage }) },
];

/** The A4 print view, routed outside the shell by app/router.tsx (wrapped in its Gate), loaded when opened. */
export const loadPrintFormPage = async () => (await import('./components/PrintFormPage')).PrintFormPage;
