// The case's actions (assessment, recommendation, proposal, bank account, correction, withdrawal)
// on a page of their own, cases/:caseId/actions, loaded when first opened. Its panel,
// components/CaseActionsPanel.tsx, is what the case page is to render once app/ wires the two.
import type { RouteObject } from 'react-router';

export const caseActionsRoutes: RouteObject[] = [
  {
    path: 'cases/:caseId/actions',
    lazy: async () => ({ Component: (await import('./components/CaseActionsPage')).CaseActionsPage }),
  },
];
