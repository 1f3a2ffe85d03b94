// The one-time password of a new account or a reset, shown this once: the API never answers it
// again. A copy button, the warning, and nothing to close it by accident (no mask click, no Esc).
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export function OneTimePasswordModal({
  username,
  password,
  onClose,
}: {
  username: string;
  password: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = useId();
  const copy = () =>
    navigator.clipboard.writeText(password).then(
      () => void message.success(t('admin.copied')),
      () => void message.error(t('admin.copyFailed')),
    );
  return (
    <Modal
      open
      title={t('admin.passwordTitle')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('admin.passwordNoted')}
        </Button>
      }
    >
      <Space direction="vertical" className="full-width">
        <Alert type="warning" showIcon title={t('admin.passwordWarning')} />
        <label htmlFor={id}>
          <Typography.Text strong>{t('admin.passwordFor', { username })}</Typography.Text>
        </label>
        <Space.Compact className="full-width">
          <Input
            id={id}
            readOnly
            value={password}
            aria-label={t('admin.oneTimePassword')}
            className="one-time-password"
          />
          <Button onClick={() => void copy()}>{t('admin.copyPassword')}</Button>
        </Space.Compact>
      </Space>
    </Modal>
  );
}
