// An API failure in the person's words: the catalogue's sentence for its code, the API's own
// message beneath when it says more (which field, which stage), and the request id for support.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { useErrorMessage } from '../errors';

export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  if (!error) return null;
  const detail =
    error instanceof ApiError && error.code !== 'NETWORK' && error.code !== 'INTERNAL' ? error.message : undefined;
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={message(error)}
      description={
        detail || requestId ? (
          <>
            {detail ? <div>{detail}</div> : null}
            {requestId ? <div>{`${t('errors.requestId')}: ${requestId}`}</div> : null}
          </>
        ) : undefined
      }
    />
  );
}
