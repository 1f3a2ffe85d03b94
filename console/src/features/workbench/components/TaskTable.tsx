// Tasks with their deadline lights: kind, department, division, due date, status.
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeadlineTag } from '../../../shared/components/DeadlineTag';
import { deadlineLight, formatDateTime } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import type { Task } from '../api/inbox';

export function TaskTable({ tasks, loading, now }: { tasks: Task[]; loading: boolean; now: Date }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const columns: ColumnsType<Task> = [
    {
      title: t('workbench.columns.kind'),
      key: 'kind',
      render: (_, task) => <Link to={`/cases/${encodeURIComponent(task.caseId)}`}>{word('taskKind', task.kind)}</Link>,
    },
    {
      title: t('workbench.columns.department'),
      key: 'department',
      render: (_, task) => (task.department ? word('department', task.department) : word('role', task.assigneeRole)),
    },
    { title: t('workbench.columns.division'), dataIndex: 'division', key: 'division' },
    { title: t('workbench.columns.dueAt'), key: 'dueAt', render: (_, task) => formatDateTime(task.dueAt) },
    { title: t('workbench.columns.status'), key: 'status', render: (_, task) => word('taskStatus', task.status) },
    {
      title: t('workbench.columns.light'),
      key: 'light',
      render: (_, task) => <DeadlineTag light={deadlineLight(task, now)} />,
    },
  ];
  return (
    <Table<Task>
      rowKey="taskId"
      size="middle"
      columns={columns}
      dataSource={tasks}
      loading={loading}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <span className="table-empty">{t('workbench.noTasks')}</span> }}
    />
  );
}
