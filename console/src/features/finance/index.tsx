// Finance's pages, each loaded when first opened: 待拨付 and 待会签.
import type { RouteObject } from 'react-router';

export const financeRoutes: RouteObject[] = [
  {
    path: 'disbursements',
    lazy: async () => ({ Component: (await import('./components/DisbursementPage')).DisbursementPage }),
  },
  { path: 'standards/cosign', lazy: async () => ({ Component: (await import('./components/CosignPage')).CosignPage }) },
];
