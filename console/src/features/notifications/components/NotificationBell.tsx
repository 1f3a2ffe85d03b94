// The 消息 bell of the header: a link to the notifications with the unread count (99+ beyond).
import BellOutlined from '@ant-design/icons/BellOutlined';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BELL_LIMIT, useUnreadCount } from '../api/notifications';

export function NotificationBell({ to }: { to: string }) {
  const { t } = useTranslation();
  const unread = useUnreadCount(true);
  const count = unread.data?.items.length ?? 0;
  return (
    <Link to={to} aria-label={t('notifications.bell', { count })} className="shell__bell">
      <Badge count={count} overflowCount={BELL_LIMIT} size="small">
        <BellOutlined aria-hidden className="shell__bell-icon" />
      </Badge>
    </Link>
  );
}
