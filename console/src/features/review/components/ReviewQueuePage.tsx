// 待审核: the proposals waiting for civil affairs, oldest first, with the division filter and the
// page in the URL (a link can be shared); each row opens the review screen.
import { Button, Form, Input, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { ExportButtons } from '../../../shared/components/ExportButtons';
import { exportCases } from '../../../shared/export/lists';
import { DeadlineTag } from '../../../shared/components/DeadlineTag';
import { formatDate, formatDateTime } from '../../../shared/format';
import { useReviewQueue } from '../api/review';

export function ReviewQueuePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const division = params.get('division') ?? undefined;
  const cursor = params.get('cursor') ?? undefined;
  const queue = useReviewQueue(division, cursor);
  const items = queue.data?.items ?? [];

  return (
    <>
      <Typography.Title level={1}>{t('review.queueTitle')}</Typography.Title>
      <Form
        layout="inline"
        className="list-filters"
        initialValues={{ division: division ?? '' }}
        onFinish={(values: { division: string }) => {
          const next = new URLSearchParams();
          if (values.division.trim()) next.set('division', values.division.trim());
          setParams(next);
        }}
      >
        <Form.Item
          label={t('review.filters.division')}
          name="division"
          rules={[{ pattern: /^\d{6}$/, message: t('review.filters.divisionRule') }]}
        >
          <Input maxLength={6} inputMode="numeric" autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form>
      <ExportButtons
        onExport={(format) => exportCases({ stage: 'review', ...(division ? { division } : {}) }, format)}
      />
      <ErrorAlert error={queue.error} />
      <Table
        rowKey="caseId"
        loading={queue.isLoading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: <span className="table-empty">{t('review.empty')}</span> }}
        columns={[
          { title: t('review.columns.name'), render: (_, c) => c.person.name },
          { title: t('review.columns.idNumber'), render: (_, c) => c.person.idNumber },
          { title: t('review.columns.division'), dataIndex: 'division' },
          { title: t('review.columns.institution'), dataIndex: 'institutionId' },
          { title: t('review.columns.adulthoodDate'), render: (_, c) => formatDate(c.adulthoodDate) },
          { title: t('review.columns.submittedAt'), render: (_, c) => formatDateTime(c.updatedAt) },
          {
            title: t('review.columns.light'),
            render: (_, c) => <DeadlineTag light={c.overdue ? 'overdue' : 'onTime'} />,
          },
          {
            title: t('review.columns.action'),
            render: (_, c) => (
              <Link to={`/reviews/${c.caseId}`} aria-label={t('review.openFor', { name: c.person.name })}>
                {t('review.open')}
              </Link>
            ),
          },
        ]}
      />
      <Space className="list-pager">
        {cursor ? (
          <Button
            onClick={() => {
              const next = new URLSearchParams(params);
              next.delete('cursor');
              setParams(next);
            }}
          >
            {t('review.firstPage')}
          </Button>
        ) : null}
        {queue.data?.nextCursor ? (
          <Button
            onClick={() => {
              const next = new URLSearchParams(params);
              next.set('cursor', queue.data?.nextCursor ?? '');
              setParams(next);
            }}
          >
            {t('review.nextPage')}
          </Button>
        ) : null}
      </Space>
    </>
  );
}
