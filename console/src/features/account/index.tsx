import type { RouteObject } from 'react-router';
import { SettingsPage } from './components/SettingsPage';

export { SignInPage } from './components/SignInPage';
export { ForcedPasswordChangePage } from './components/ForcedPasswordChangePage';
export { SessionExpiredModal } from './components/SessionExpiredModal';

export const accountRoutes: RouteObject[] = [{ path: 'settings', element: <SettingsPage /> }];
