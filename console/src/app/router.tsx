// Every page's route: each feature exports its RouteObjects, composed here inside the shell.
// Menu paths no feature serves yet show the "being built" page. Every page loads when first
// opened (React Router's `lazy`): the first load carries only the shell and the sign-in.
import { type RouteObject, createBrowserRouter } from 'react-router';
import { accountRoutes } from '../features/account';
import { adminRoutes } from '../features/admin';
import { auditRoutes } from '../features/audit';
import { financeRoutes } from '../features/finance';
import { inboxRoutes } from '../features/inbox';
import { caseActionsRoutes } from '../features/caseActions';
import { caseImportRoutes } from '../features/caseImport';
import { registrationRoutes } from '../features/registration';
import { reviewRoutes } from '../features/review';
import { standardsRoutes } from '../features/standards';
import { statisticsRoutes } from '../features/statistics';
import { caseRoutes, loadPrintFormPage } from '../features/cases';
import { notificationRoutes } from '../features/notifications';
import { workbenchRoutes } from '../features/workbench';
import { Gate } from './Gate';
import { ALL_MENU_PATHS } from './menus';
import { AppShell } from './shell/AppShell';

const featureRoutes: RouteObject[] = [
  ...workbenchRoutes,
  ...accountRoutes,
  ...inboxRoutes,
  ...registrationRoutes,
  ...caseActionsRoutes,
  ...financeRoutes,
  ...auditRoutes,
  ...reviewRoutes,
  ...caseRoutes,
  ...notificationRoutes,
  ...caseImportRoutes,
  ...standardsRoutes,
  ...adminRoutes,
  ...statisticsRoutes,
];

function served(path: string): boolean {
  return path === '/' ? featureRoutes.some((r) => r.index) : featureRoutes.some((r) => r.path && `/${r.path}` === path);
}

const placeholders: RouteObject[] = ALL_MENU_PATHS.filter((p) => !served(p)).map((p) => ({
  path: p.slice(1),
  lazy: async () => ({ Component: (await import('./pages')).UnderConstruction }),
}));

export const router = createBrowserRouter([
  {
    // The A4 approval form prints alone, without the shell.
    path: '/cases/:caseId/print',
    lazy: async () => {
      const PrintFormPage = await loadPrintFormPage();
      return {
        Component: () => (
          <Gate>
            <PrintFormPage />
          </Gate>
        ),
      };
    },
  },
  {
    path: '/',
    element: (
      <Gate>
        <AppShell />
      </Gate>
    ),
    children: [
      ...featureRoutes,
      ...placeholders,
      { path: '*', lazy: async () => ({ Component: (await import('./pages')).NotFound }) },
    ],
  },
]);
