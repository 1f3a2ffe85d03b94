// The first sign-in with a one-time password: nothing else opens until it is changed.
import { Alert, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../shared/session';
import { ChangePasswordForm } from './ChangePasswordForm';

export function ForcedPasswordChangePage() {
  const { t } = useTranslation();
  const { passwordChanged, signOut } = useSession();
  return (
    <main className="auth-page">
      <Card className="auth-card">
        <Typography.Title level={1}>{t('auth.changePasswordTitle')}</Typography.Title>
        <Alert type="info" showIcon title={t('auth.mustChangeExplanation')} className="auth-card__notice" />
        <ChangePasswordForm onChanged={passwordChanged} />
        <Button type="link" onClick={() => void signOut()}>
          {t('nav.signOut')}
        </Button>
      </Card>
    </main>
  );
}
