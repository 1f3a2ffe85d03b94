// 待办 (open or only overdue tasks) and 已办 (done): the filters and the page's cursor live in the
// URL, so a link opens the same list; 下一页 follows the API's cursor, 第一页 starts again.
import { Button, Radio, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { ExportButtons } from '../../../shared/components/ExportButtons';
import { exportTasks } from '../../../shared/export/lists';
import { type InboxStatus, useTaskPage } from '../api/tasks';
import { InboxTable } from './InboxTable';

export function InboxPage({ done = false }: { done?: boolean }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status: InboxStatus = done ? 'done' : params.get('status') === 'overdue' ? 'overdue' : 'open';
  const caseId = params.get('caseId') ?? undefined;
  const cursor = params.get('cursor') ?? undefined;
  const tasks = useTaskPage({ status, ...(caseId ? { caseId } : {}), ...(cursor ? { cursor } : {}) });
  const now = useMemo(() => new Date(), [tasks.dataUpdatedAt]);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };

  return (
    <>
      <Typography.Title level={1}>{done ? t('inbox.doneTitle') : t('inbox.title')}</Typography.Title>
      <Space wrap className="list-filters">
        {done ? null : (
          <Radio.Group
            aria-label={t('inbox.filter')}
            optionType="button"
            value={status}
            onChange={(e) =>
              update({ status: e.target.value === 'open' ? null : String(e.target.value), cursor: null })
            }
            options={[
              { value: 'open', label: t('inbox.allOpen') },
              { value: 'overdue', label: t('deadline.overdue') },
            ]}
          />
        )}
        {caseId ? (
          <Button onClick={() => update({ caseId: null, cursor: null })}>{t('inbox.clearCase', { caseId })}</Button>
        ) : null}
      </Space>
      <ExportButtons onExport={(format) => exportTasks({ status, ...(caseId ? { caseId } : {}) }, format)} />
      <ErrorAlert error={tasks.error} />
      <InboxTable tasks={tasks.data?.items ?? []} loading={tasks.isLoading} now={now} done={done} />
      <Space className="list-pager">
        <Button disabled={!cursor} onClick={() => update({ cursor: null })}>
          {t('common.firstPage')}
        </Button>
        <Button disabled={!tasks.data?.nextCursor} onClick={() => update({ cursor: tasks.data?.nextCursor ?? null })}>
          {t('common.nextPage')}
        </Button>
      </Space>
    </>
  );
}
