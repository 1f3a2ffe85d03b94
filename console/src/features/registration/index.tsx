// 登记 (cases/new): loaded when first opened, so the initial bundle stays small.
import type { RouteObject } from 'react-router';

export const registrationRoutes: RouteObject[] = [
  {
    path: 'cases/new',
    lazy: async () => ({ Component: (await import('./components/RegistrationPage')).RegistrationPage }),
  },
];
