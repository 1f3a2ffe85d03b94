// 消息: what the engine told me (new tasks, reminders, escalations, decisions, payments, standards
// to co-sign), newest first, unread in bold; mark one or all as read.
import { Button, Checkbox, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { formatDateTime } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import { oneOf, useSearchState } from '../../../shared/url/searchState';
import { type Notification, useMarkRead, useNotifications } from '../api/notifications';

const parse = (params: URLSearchParams) => ({ unread: oneOf(['true'] as const, params.get('unread')) });

export function NotificationsPage() {
  const { t } = useTranslation();
  const word = useGlossary();
  const [filters, setFilters] = useSearchState(parse);
  const list = useNotifications(filters.unread === 'true');
  const markRead = useMarkRead();
  const items = list.data?.items ?? [];

  const columns: ColumnsType<Notification> = [
    {
      title: t('notifications.kind'),
      key: 'kind',
      render: (_, n) => <Tag>{word('notificationKind', n.kind)}</Tag>,
    },
    {
      title: t('notifications.message'),
      key: 'message',
      render: (_, n) => {
        const text = n.readAt ? n.message : <strong>{n.message}</strong>;
        return n.caseId ? <Link to={`/cases/${encodeURIComponent(n.caseId)}`}>{text}</Link> : text;
      },
    },
    { title: t('notifications.dueAt'), key: 'dueAt', render: (_, n) => formatDateTime(n.dueAt) },
    { title: t('notifications.createdAt'), key: 'createdAt', render: (_, n) => formatDateTime(n.createdAt) },
    {
      title: t('casePage.status'),
      key: 'read',
      render: (_, n) =>
        n.readAt ? (
          t('notifications.read')
        ) : (
          <Button size="small" onClick={() => markRead.mutate({ ids: [n.notificationId] })}>
            {t('notifications.markRead')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <Typography.Title level={1}>{t('notifications.title')}</Typography.Title>
      <Space className="page-actions">
        <Checkbox
          checked={filters.unread === 'true'}
          onChange={(e) => setFilters({ unread: e.target.checked ? 'true' : undefined })}
        >
          {t('notifications.unreadOnly')}
        </Checkbox>
        <Button onClick={() => markRead.mutate({ all: true })} loading={markRead.isPending}>
          {t('notifications.markAllRead')}
        </Button>
      </Space>
      <ErrorAlert error={list.error ?? markRead.error} />
      <Table<Notification>
        rowKey="notificationId"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={list.isLoading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <span className="table-empty">{t('notifications.empty')}</span> }}
      />
    </>
  );
}
