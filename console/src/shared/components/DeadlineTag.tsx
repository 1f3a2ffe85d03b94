// The deadline light as a person sees it everywhere: red 已超期, amber 即将到期, nothing when on time.
// The word is always there, so the light does not rest on colour alone.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeadlineLight } from '../format';

export function DeadlineTag({ light }: { light: DeadlineLight }) {
  const { t } = useTranslation();
  if (light === 'onTime') return null;
  return (
    <Tag className={`deadline-light deadline-light--${light}`} variant="outlined">
      {light === 'overdue' ? t('deadline.overdue') : t('deadline.dueSoon')}
    </Tag>
  );
}
