// The daily e-mail digest on or off (PATCH /v1/me/preferences): a labelled switch that says what
// the digest is and that it needs an e-mail address an administrator recorded.
import { Skeleton, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { useChangePreferences, usePreferences } from '../api/preferences';

export function DigestSwitch({ onChanged }: { onChanged: (on: boolean) => void }) {
  const { t } = useTranslation();
  const preferences = usePreferences();
  const change = useChangePreferences();
  if (preferences.isPending) return <Skeleton active paragraph={{ rows: 1 }} />;
  if (preferences.error) return <ErrorAlert error={preferences.error} />;
  return (
    <>
      {change.error ? <ErrorAlert error={change.error} /> : null}
      <label className="settings-switch">
        <Switch
          checked={preferences.data.emailDigest}
          loading={change.isPending}
          aria-describedby="email-digest-help"
          onChange={(emailDigest) => change.mutate({ emailDigest }, { onSuccess: () => onChanged(emailDigest) })}
        />{' '}
        {t('settings.emailDigest')}
      </label>
      <Typography.Paragraph id="email-digest-help" type="secondary">
        {t('settings.emailDigestHelp')}
      </Typography.Paragraph>
    </>
  );
}
