// The pages that belong to no feature: a menu entry whose feature is still being built, and the
// answer to a path nobody serves.
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export function UnderConstruction() {
  const { t } = useTranslation();
  return <Result status="info" title={<h1>{t('app.notBuilt')}</h1>} />;
}

export function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1>{t('app.notFound')}</h1>}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('app.backHome')}
        </Button>
      }
    />
  );
}
