// The sign-in, the forced password change and the session-expired sign-in are what the console
// shows before any page (app/Gate.tsx, the shell), so they load with it; 个人设置 loads when opened.
import type { RouteObject } from 'react-router';

export { SignInPage } from './components/SignInPage';
export { ForcedPasswordChangePage } from './components/ForcedPasswordChangePage';
export { SessionExpiredModal } from './components/SessionExpiredModal';

export const accountRoutes: RouteObject[] = [
  { path: 'settings', lazy: async () => ({ Component: (await import('./components/SettingsPage')).SettingsPage }) },
];
