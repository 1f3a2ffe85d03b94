// One task: what it asks, by when (with its light), the case summary this person may see, and,
// while it is open or blocked, the assignee's actions: 办结, 报告阻碍, 转办.
import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DeadlineTag } from '../../../shared/components/DeadlineTag';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { deadlineLight, formatDate, formatDateTime } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import { useCaseOfTask, useTask } from '../api/tasks';
import { TaskActionModal, type TaskAction } from './TaskActionModal';

export function TaskPage() {
  const { t } = useTranslation();
  const word = useGlossary();
  const { taskId = '' } = useParams();
  const task = useTask(taskId);
  const caseView = useCaseOfTask(task.data?.caseId);
  const [action, setAction] = useState<TaskAction | null>(null);
  const now = useMemo(() => new Date(), [task.dataUpdatedAt]);
  const data = task.data;
  const open = data?.status === 'open' || data?.status === 'blocked';
  const c = caseView.data;

  return (
    <>
      <Typography.Title level={1}>{data ? word('taskKind', data.kind) : t('inbox.taskTitle')}</Typography.Title>
      <ErrorAlert error={task.error} />
      {data ? (
        <>
          <Card className="page-card" title={<h2 className="card-heading">{t('inbox.taskTitle')}</h2>}>
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label={t('inbox.columns.status')}>{word('taskStatus', data.status)}</Descriptions.Item>
              <Descriptions.Item label={t('inbox.columns.light')}>
                <DeadlineTag light={deadlineLight(data, now)} />
              </Descriptions.Item>
              <Descriptions.Item label={t('inbox.columns.department')}>
                {data.department ? word('department', data.department) : word('role', data.assigneeRole)}
              </Descriptions.Item>
              <Descriptions.Item label={t('inbox.columns.division')}>{data.division}</Descriptions.Item>
              <Descriptions.Item label={t('inbox.columns.dueAt')}>{formatDateTime(data.dueAt)}</Descriptions.Item>
              <Descriptions.Item label={t('inbox.columns.createdAt')}>
                {formatDateTime(data.createdAt)}
              </Descriptions.Item>
              {data.escalationLevel > 0 ? (
                <Descriptions.Item label={t('inbox.escalated')}>{data.escalatedTo ?? ''}</Descriptions.Item>
              ) : null}
              {data.blockReason ? (
                <Descriptions.Item label={t('inbox.blockReason')}>{data.blockReason}</Descriptions.Item>
              ) : null}
              {data.outcome ? (
                <Descriptions.Item label={t('inbox.columns.outcome')}>{data.outcome}</Descriptions.Item>
              ) : null}
              {data.note ? <Descriptions.Item label={t('inbox.note')}>{data.note}</Descriptions.Item> : null}
              {data.completedAt ? (
                <Descriptions.Item label={t('inbox.columns.completedAt')}>
                  {formatDateTime(data.completedAt)}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            {open ? (
              <Space className="task-actions">
                <Button type="primary" onClick={() => setAction('complete')}>
                  {t('inbox.complete')}
                </Button>
                {data.status === 'open' ? <Button onClick={() => setAction('block')}>{t('inbox.block')}</Button> : null}
                <Button onClick={() => setAction('reassign')}>{t('inbox.reassign')}</Button>
              </Space>
            ) : null}
          </Card>
          <Card className="page-card" title={<h2 className="card-heading">{t('inbox.caseSummary')}</h2>}>
            <ErrorAlert error={caseView.error} />
            {c ? (
              <Descriptions column={2} size="small" bordered>
                <Descriptions.Item label={t('inbox.case.name')}>{c.person.name}</Descriptions.Item>
                <Descriptions.Item label={t('inbox.case.idNumber')}>{c.person.idNumber}</Descriptions.Item>
                <Descriptions.Item label={t('inbox.case.sex')}>{word('sex', c.person.sex)}</Descriptions.Item>
                <Descriptions.Item label={t('inbox.case.birthDate')}>{c.person.birthDate}</Descriptions.Item>
                <Descriptions.Item label={t('inbox.case.hukou')}>{word('hukou', c.person.hukouType)}</Descriptions.Item>
                <Descriptions.Item label={t('inbox.case.stage')}>{word('stage', c.stage)}</Descriptions.Item>
                <Descriptions.Item label={t('inbox.case.pathway')}>{word('pathway', c.pathway)}</Descriptions.Item>
                <Descriptions.Item label={t('inbox.columns.division')}>{c.division}</Descriptions.Item>
                <Descriptions.Item label={t('inbox.case.institution')}>{c.institutionId}</Descriptions.Item>
                <Descriptions.Item label={t('inbox.case.adulthoodDate')}>
                  {formatDate(c.adulthoodDate)}
                </Descriptions.Item>
              </Descriptions>
            ) : null}
            <Link to={`/cases/${encodeURIComponent(data.caseId)}`}>{t('inbox.openCase')}</Link>
          </Card>
          {action ? <TaskActionModal action={action} task={data} onClose={() => setAction(null)} /> : null}
        </>
      ) : null}
    </>
  );
}
