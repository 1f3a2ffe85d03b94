import type { RouteObject } from 'react-router';
import { WorkbenchPage } from './components/WorkbenchPage';

export const workbenchRoutes: RouteObject[] = [{ index: true, element: <WorkbenchPage /> }];
