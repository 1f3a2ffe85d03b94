// 登录: the page everyone starts from. After signing in, the page that was asked for opens.
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../../shared/components/LanguageSwitch';
import { useSession } from '../../../shared/session';
import { SignInForm } from './SignInForm';

export function SignInPage() {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  return (
    <main className="auth-page">
      <Card className="auth-card">
        <div className="auth-card__language">
          <LanguageSwitch />
        </div>
        <Typography.Title level={1} className="auth-card__app">
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.subtitle')}</Typography.Paragraph>
        <Typography.Title level={2}>{t('auth.signInTitle')}</Typography.Title>
        <SignInForm onSignedIn={signedIn} />
      </Card>
    </main>
  );
}
