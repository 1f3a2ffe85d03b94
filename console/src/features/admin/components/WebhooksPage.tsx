// 接口订阅: the webhook subscriptions of the administrator's division and below, with their
// status (disabled after deliveries kept failing); create one, delete one, and read one's latest
// deliveries with their outcome.
import { App, Button, Drawer, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { formatDateTime } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import { type Delivery, type Webhook, useDeleteWebhook, useWebhookDeliveries, useWebhooks } from '../api/admin';
import { WebhookFormModal } from './WebhookFormModal';

function Deliveries({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const deliveries = useWebhookDeliveries(webhook.id);
  const columns: ColumnsType<Delivery> = [
    { title: t('admin.createdAt'), key: 'createdAt', render: (_, d) => formatDateTime(d.createdAt) },
    {
      title: t('admin.deliveryStatus'),
      key: 'status',
      render: (_, d) => (
        <Tag
          variant="outlined"
          className={
            d.status === 'delivered'
              ? 'status-tag--ok'
              : d.status === 'abandoned'
                ? 'status-tag--bad'
                : 'status-tag--warn'
          }
        >
          {word('deliveryStatus', d.status)}
        </Tag>
      ),
    },
    { title: t('admin.attempts'), dataIndex: 'attempts', key: 'attempts' },
    { title: t('admin.lastStatusCode'), key: 'code', render: (_, d) => d.lastStatusCode ?? t('common.none') },
    { title: t('admin.lastError'), key: 'error', render: (_, d) => d.lastError ?? t('common.none') },
    {
      title: t('admin.deliveredAt'),
      key: 'deliveredAt',
      render: (_, d) => (d.deliveredAt ? formatDateTime(d.deliveredAt) : t('common.none')),
    },
    { title: t('admin.eventId'), dataIndex: 'eventId', key: 'eventId' },
  ];
  return (
    <Drawer open size="large" title={t('admin.deliveriesOf', { url: webhook.url })} onClose={onClose} destroyOnHidden>
      <ErrorAlert error={deliveries.error} />
      <Table<Delivery>
        rowKey="deliveryId"
        size="small"
        columns={columns}
        dataSource={deliveries.data?.items ?? []}
        loading={deliveries.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <span className="table-empty">{t('admin.noDeliveries')}</span> }}
      />
    </Drawer>
  );
}

export function WebhooksPage() {
  const { t } = useTranslation();
  const word = useGlossary();
  const { message } = App.useApp();
  const webhooks = useWebhooks();
  const remove = useDeleteWebhook();
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<Webhook | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);

  const columns: ColumnsType<Webhook> = [
    { title: t('admin.url'), dataIndex: 'url', key: 'url' },
    {
      title: t('admin.events'),
      key: 'events',
      render: (_, w) => (
        <Space size={[0, 4]} wrap>
          {w.events.map((e) => (
            <Tag key={e}>{word('webhookEvent', e)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('admin.format'), key: 'format', render: (_, w) => word('webhookFormat', w.format) },
    { title: t('admin.division'), dataIndex: 'division', key: 'division' },
    {
      title: t('admin.status'),
      key: 'status',
      render: (_, w) => (
        <Space size="small" wrap>
          {w.status === 'active' ? (
            <Tag className="status-tag--ok" variant="outlined">
              {t('admin.webhookActive')}
            </Tag>
          ) : (
            <Tag className="status-tag--bad" variant="outlined">
              {t('admin.webhookDisabled')}
            </Tag>
          )}
          {w.consecutiveFailures > 0 ? (
            <Typography.Text type="danger">{t('admin.failures', { count: w.consecutiveFailures })}</Typography.Text>
          ) : null}
          {w.disabledAt ? <Typography.Text>{formatDateTime(w.disabledAt)}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('admin.createdAt'), key: 'createdAt', render: (_, w) => formatDateTime(w.createdAt) },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, w) => (
        <Space size="small">
          <Button size="small" onClick={() => setViewing(w)}>
            {t('admin.deliveries')}
          </Button>
          <Button size="small" danger onClick={() => setDeleting(w)}>
            {t('admin.deleteWebhook')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Typography.Title level={1}>{t('admin.webhooksTitle')}</Typography.Title>
      <Typography.Paragraph>{t('admin.webhooksIntro')}</Typography.Paragraph>
      <Space className="list-footer">
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('admin.createWebhook')}
        </Button>
      </Space>
      <ErrorAlert error={webhooks.error} />
      <Table<Webhook>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={webhooks.data?.items ?? []}
        loading={webhooks.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <span className="table-empty">{t('admin.noWebhooks')}</span> }}
      />
      {creating ? (
        <WebhookFormModal
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            void message.success(t('admin.webhookCreated'));
          }}
        />
      ) : null}
      {viewing ? <Deliveries webhook={viewing} onClose={() => setViewing(null)} /> : null}
      {deleting ? (
        <Modal
          open
          title={t('admin.deleteTitle')}
          okText={t('admin.deleteWebhook')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          confirmLoading={remove.isPending}
          onOk={() =>
            void remove.mutateAsync(deleting.id).then(
              () => {
                setDeleting(null);
                void message.success(t('admin.deleted'));
              },
              () => undefined,
            )
          }
          onCancel={() => {
            remove.reset();
            setDeleting(null);
          }}
          destroyOnHidden
        >
          <Typography.Paragraph>{t('admin.deleteExplanation')}</Typography.Paragraph>
          <Typography.Paragraph code>{deleting.url}</Typography.Paragraph>
          <ErrorAlert error={remove.error} />
        </Modal>
      ) : null}
    </>
  );
}
