// The session ended mid-work (idle timeout, signed out elsewhere): sign in again above the page,
// which stays as it was, so a half-filled form is still there to submit.
import { Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../shared/session';
import { SignInForm } from './SignInForm';

export function SessionExpiredModal() {
  const { t } = useTranslation();
  const { state, signedIn } = useSession();
  if (state.status !== 'expired') return null;
  return (
    <Modal open title={t('auth.signInTitle')} closable={false} maskClosable={false} keyboard={false} footer={null}>
      <Typography.Paragraph role="status">{t('auth.sessionExpired')}</Typography.Paragraph>
      <SignInForm onSignedIn={signedIn} username={state.user.username ?? undefined} />
    </Modal>
  );
}
