// What the console shows before the pages: a spinner while the session is read, the sign-in when
// there is none, the forced password change while the one-time password is still in use.
import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ForcedPasswordChangePage, SignInPage } from '../features/account';
import { useSession } from '../shared/session';

export function Gate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { state } = useSession();
  switch (state.status) {
    case 'loading':
      return (
        <main className="auth-page">
          <Spin aria-label={t('app.loading')} />
        </main>
      );
    case 'signedOut':
      return <SignInPage />;
    case 'signedIn':
      return state.user.mustChangePassword ? <ForcedPasswordChangePage /> : children;
    case 'expired':
      return children;
  }
}
