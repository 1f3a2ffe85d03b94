// 工作台: what waits for me, how much of it is overdue (red) or due within 2 working days (amber).
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { deadlineLight } from '../../../shared/format';
import { useUser } from '../../../shared/session';
import { WORKBENCH_PAGE, useOpenTasks } from '../api/inbox';
import { TaskTable } from './TaskTable';

const ROLES_WITH_INBOX = new Set(['institution', 'civil_affairs', 'finance', 'department']);

export function WorkbenchPage() {
  const { t } = useTranslation();
  const user = useUser();
  const hasInbox = ROLES_WITH_INBOX.has(user.role);
  const tasks = useOpenTasks(hasInbox);
  const now = useMemo(() => new Date(), [tasks.dataUpdatedAt]);
  const items = tasks.data?.items ?? [];
  const more = tasks.data?.nextCursor ? '+' : '';
  const lights = items.map((task) => deadlineLight(task, now));
  const count = (light: string) => lights.filter((l) => l === light).length;

  return (
    <>
      <Typography.Title level={1}>{t('workbench.title')}</Typography.Title>
      <Typography.Paragraph>
        {t('workbench.greeting', { name: user.displayName ?? user.username ?? '' })}
      </Typography.Paragraph>
      {!hasInbox ? (
        <Typography.Paragraph type="secondary">{t('workbench.noInbox')}</Typography.Paragraph>
      ) : (
        <>
          <ErrorAlert error={tasks.error} />
          <Row gutter={16} className="workbench-counts">
            <Col span={8}>
              <Card>
                <Statistic title={t('workbench.waiting')} value={`${items.length}${more}`} />
              </Card>
            </Col>
            <Col span={8}>
              <Card className="count-card count-card--overdue">
                <Statistic title={t('workbench.overdue')} value={`${count('overdue')}${more}`} />
              </Card>
            </Col>
            <Col span={8}>
              <Card className="count-card count-card--dueSoon">
                <Statistic title={t('workbench.dueSoon')} value={`${count('dueSoon')}${more}`} />
              </Card>
            </Col>
          </Row>
          <Typography.Title level={2}>{t('workbench.myTasks')}</Typography.Title>
          <TaskTable tasks={items} loading={tasks.isLoading} now={now} />
          {more ? <Typography.Paragraph type="secondary">{`${WORKBENCH_PAGE}+`}</Typography.Paragraph> : null}
        </>
      )}
    </>
  );
}
