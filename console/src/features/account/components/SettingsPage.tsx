// 个人设置: who I am, my password, my language, the daily e-mail digest.
import { App, Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../../shared/components/LanguageSwitch';
import { useGlossary } from '../../../shared/glossary';
import { useUser } from '../../../shared/session';
import { ChangePasswordForm } from './ChangePasswordForm';
import { DigestSwitch } from './DigestSwitch';

export function SettingsPage() {
  const { t } = useTranslation();
  const word = useGlossary();
  const user = useUser();
  const { message } = App.useApp();
  return (
    <>
      <Typography.Title level={1}>{t('settings.title')}</Typography.Title>
      <Card title={<Typography.Title level={2}>{t('settings.account')}</Typography.Title>} className="settings-card">
        <Descriptions column={1}>
          <Descriptions.Item label={t('auth.username')}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t('settings.displayName')}>{user.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('settings.division')}>{user.division}</Descriptions.Item>
          <Descriptions.Item label={t('settings.role')}>{word('role', user.role)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={<Typography.Title level={2}>{t('settings.language')}</Typography.Title>} className="settings-card">
        <LanguageSwitch onChanged={() => void message.success(t('settings.languageSaved'))} />
      </Card>
      <Card
        title={<Typography.Title level={2}>{t('settings.notifications')}</Typography.Title>}
        className="settings-card"
      >
        <DigestSwitch
          onChanged={(on) => void message.success(t(on ? 'settings.emailDigestOn' : 'settings.emailDigestOff'))}
        />
      </Card>
      <Card
        title={<Typography.Title level={2}>{t('auth.changePasswordTitle')}</Typography.Title>}
        className="settings-card"
      >
        <ChangePasswordForm onChanged={() => void message.success(t('auth.passwordChanged'))} />
      </Card>
    </>
  );
}
