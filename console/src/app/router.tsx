// Every page's route: each feature exports its RouteObjects, composed here inside the shell.
// Menu paths no feature serves yet show the "being built" page.
import { type RouteObject, createBrowserRouter } from 'react-router';
import { accountRoutes } from '../features/account';
import { auditRoutes } from '../features/audit';
import { financeRoutes } from '../features/finance';
import { inboxRoutes } from '../features/inbox';
import { caseActionsRoutes } from '../features/caseActions';
import { registrationRoutes } from '../features/registration';
import { reviewRoutes } from '../features/review';
import { PrintFormPage, caseRoutes } from '../features/cases';
import { notificationRoutes } from '../features/notifications';
import { workbenchRoutes } from '../features/workbench';
import { Gate } from './Gate';
import { ALL_MENU_PATHS } from './menus';
import { NotFound, UnderConstruction } from './pages';
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
];

function served(path: string): boolean {
  return path === '/' ? featureRoutes.some((r) => r.index) : featureRoutes.some((r) => r.path && `/${r.path}` === path);
}

const placeholders: RouteObject[] = ALL_MENU_PATHS.filter((p) => !served(p)).map((p) => ({
  path: p.slice(1),
  element: <UnderConstruction />,
}));

export const router = createBrowserRouter([
  {
    // The A4 approval form prints alone, without the shell.
    path: '/cases/:caseId/print',
    element: (
      <Gate>
        <PrintFormPage />
      </Gate>
    ),
  },
  {
    path: '/',
    element: (
      <Gate>
        <AppShell />
      </Gate>
    ),
    children: [...featureRoutes, ...placeholders, { path: '*', element: <NotFound /> }],
  },
]);
