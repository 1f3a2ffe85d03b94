// Tasks as the inbox lists them: kind (to the task page), case, department, division, due date,
// light, status; oldest due first as the API sends them.
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeadlineTag } from '../../../shared/components/DeadlineTag';
import { deadlineLight, formatDateTime } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import type { Task } from '../api/tasks';

export function InboxTable({
  tasks,
  loading,
  now,
  done,
}: {
  tasks: Task[];
  loading: boolean;
  now: Date;
  done: boolean;
}) {
  const { t } = useTranslation();
  const word = useGlossary();
  const columns: ColumnsType<Task> = [
    {
      title: t('inbox.columns.kind'),
      key: 'kind',
      render: (_, task) => (
        <Link to={`/inbox/tasks/${encodeURIComponent(task.taskId)}`}>{word('taskKind', task.kind)}</Link>
      ),
    },
    { title: t('inbox.columns.case'), dataIndex: 'caseId', key: 'caseId' },
    {
      title: t('inbox.columns.department'),
      key: 'department',
      render: (_, task) => (task.department ? word('department', task.department) : word('role', task.assigneeRole)),
    },
    { title: t('inbox.columns.division'), dataIndex: 'division', key: 'division' },
    { title: t('inbox.columns.dueAt'), key: 'dueAt', render: (_, task) => formatDateTime(task.dueAt) },
    ...(done
      ? [
          {
            title: t('inbox.columns.completedAt'),
            key: 'completedAt',
            render: (_: unknown, task: Task) => (task.completedAt ? formatDateTime(task.completedAt) : ''),
          },
          { title: t('inbox.columns.outcome'), dataIndex: 'outcome', key: 'outcome' },
        ]
      : [
          {
            title: t('inbox.columns.light'),
            key: 'light',
            render: (_: unknown, task: Task) => <DeadlineTag light={deadlineLight(task, now)} />,
          },
        ]),
    { title: t('inbox.columns.status'), key: 'status', render: (_, task) => word('taskStatus', task.status) },
  ];
  return (
    <Table<Task>
      rowKey="taskId"
      size="middle"
      columns={columns}
      dataSource={tasks}
      loading={loading}
      pagination={false}
      locale={{ emptyText: <span className="table-empty">{t('inbox.empty')}</span> }}
    />
  );
}
