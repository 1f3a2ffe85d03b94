// Which sentence of the catalogue an error is told with.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';

export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) return t('errors.generic');
      switch (error.code) {
        case 'NETWORK':
          return t('errors.network');
        case 'FORBIDDEN':
          return t('errors.forbidden');
        case 'NOT_FOUND':
          return t('errors.notFound');
        case 'RATE_LIMITED':
          return t('errors.rateLimited', { seconds: error.retryAfter ?? 60 });
        case 'INVALID_STAGE':
          return t('errors.invalidStage');
        case 'CONFLICT':
          return t('errors.conflict');
        case 'VALIDATION_FAILED':
          return t('errors.validation');
        case 'UNAUTHENTICATED':
          return t('auth.sessionExpired');
        default:
          return t('errors.generic');
      }
    },
    [t],
  );
}
