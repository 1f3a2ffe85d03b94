// 待拨付: the subsidies finance is to pay (its open 安置补贴发放 tasks), with the amount, 自治区补助,
// 地方承担 and the standard used. Several computed subsidies are approved at once (batch.ts: one
// request each, progress shown, a failure named per case, a 429 waited out); an approved one is
// confirmed with its voucher number.
import { Alert, Button, Progress, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeadlineTag } from '../../../shared/components/DeadlineTag';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { ExportButtons } from '../../../shared/components/ExportButtons';
import { exportTasks } from '../../../shared/export/lists';
import { useErrorMessage } from '../../../shared/errors';
import { deadlineLight, formatDateTime, formatFenInTable } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import { type BatchProgress, runBatch } from '../api/batch';
import { type CaseView, approveDisbursement, useCases, useDisbursementTasks, useRefreshQueue } from '../api/finance';
import { ConfirmModal } from './ConfirmModal';

interface Row {
  taskId: string;
  caseId: string;
  dueAt: string;
  status: string;
  overdue: boolean;
  case: CaseView | undefined;
}

export function DisbursementPage() {
  const { t, i18n } = useTranslation();
  const word = useGlossary();
  const message = useErrorMessage();
  const tasks = useDisbursementTasks();
  const queue = useMemo(
    () => (tasks.data?.items ?? []).filter((task) => task.kind === 'subsidy_disbursement'),
    [tasks.data],
  );
  const cases = useCases(queue.map((task) => task.caseId));
  const refresh = useRefreshQueue();
  const now = useMemo(() => new Date(), [tasks.dataUpdatedAt]);
  const [selected, setSelected] = useState<string[]>([]);
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  const [confirming, setConfirming] = useState<CaseView | null>(null);
  const running = useRef(false);

  const rows: Row[] = queue.map((task, i) => ({
    taskId: task.taskId,
    caseId: task.caseId,
    dueAt: task.dueAt,
    status: task.status,
    overdue: task.overdue,
    case: cases[i]?.data,
  }));

  const approve = async () => {
    if (running.current || selected.length === 0) return; // a double click starts one batch
    running.current = true;
    try {
      await runBatch([...selected], { send: approveDisbursement, onProgress: setProgress });
      setSelected([]);
      await refresh();
    } finally {
      running.current = false;
    }
  };

  const batchRunning = progress !== null && progress.done < progress.total;
  const failures = progress?.outcomes.filter((o) => !o.ok) ?? [];
  const columns: ColumnsType<Row> = [
    {
      title: t('finance.columns.case'),
      key: 'case',
      render: (_, row) => <Link to={`/cases/${encodeURIComponent(row.caseId)}`}>{row.caseId}</Link>,
    },
    { title: t('finance.columns.name'), key: 'name', render: (_, row) => row.case?.person.name ?? '' },
    { title: t('finance.columns.division'), key: 'division', render: (_, row) => row.case?.division ?? '' },
    {
      title: t('finance.columns.amount'),
      key: 'amount',
      align: 'right',
      render: (_, row) => (row.case?.subsidy ? formatFenInTable(row.case.subsidy.amountFen, i18n.language) : ''),
    },
    {
      title: word('subsidy', 'regionalShare'),
      key: 'regional',
      align: 'right',
      render: (_, row) => (row.case?.subsidy ? formatFenInTable(row.case.subsidy.regionalShareFen, i18n.language) : ''),
    },
    {
      title: word('subsidy', 'localShare'),
      key: 'local',
      align: 'right',
      render: (_, row) => (row.case?.subsidy ? formatFenInTable(row.case.subsidy.localShareFen, i18n.language) : ''),
    },
    {
      title: word('subsidy', 'standard'),
      key: 'standard',
      render: (_, row) => <span className="mono">{row.case?.subsidy?.standardId.slice(0, 8) ?? ''}</span>,
    },
    {
      title: t('finance.columns.status'),
      key: 'status',
      render: (_, row) => (row.case?.subsidy ? word('subsidyStatus', row.case.subsidy.status) : ''),
    },
    { title: t('finance.columns.dueAt'), key: 'dueAt', render: (_, row) => formatDateTime(row.dueAt) },
    {
      title: t('finance.columns.light'),
      key: 'light',
      render: (_, row) => <DeadlineTag light={deadlineLight(row, now)} />,
    },
    {
      title: t('finance.columns.actions'),
      key: 'actions',
      render: (_, row) =>
        row.case?.subsidy?.status === 'approved' ? (
          <Button size="small" onClick={() => setConfirming(row.case!)}>
            {t('finance.confirm')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <Typography.Title level={1}>{t('finance.disbursementsTitle')}</Typography.Title>
      {/* finance's open tasks are its disbursements: the file lists them as the inbox export does */}
      <ExportButtons onExport={(format) => exportTasks({ status: 'open' }, format)} />
      <ErrorAlert error={tasks.error} />
      <Space className="list-filters" wrap>
        <Button type="primary" disabled={selected.length === 0 || batchRunning} onClick={() => void approve()}>
          {t('finance.approveSelected', { count: selected.length })}
        </Button>
      </Space>
      {progress ? (
        <div className="batch-progress" role="status" aria-live="polite">
          <Progress
            percent={Math.round((progress.done / Math.max(progress.total, 1)) * 100)}
            aria-label={t('finance.progress')}
          />
          <Typography.Paragraph>
            {t('finance.progressText', {
              done: progress.done,
              total: progress.total,
              failed: failures.length,
            })}
            {progress.waitingSeconds !== null ? ` ${t('finance.waiting', { seconds: progress.waitingSeconds })}` : ''}
          </Typography.Paragraph>
          {failures.map((f) => (
            <Alert
              key={f.caseId}
              type="error"
              showIcon
              className="batch-failure"
              title={t('finance.failedCase', { caseId: f.caseId })}
              description={!f.ok ? message(f.error) : undefined}
            />
          ))}
        </div>
      ) : null}
      <Table<Row>
        rowKey="caseId"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={tasks.isLoading}
        pagination={false}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
          getCheckboxProps: (row) => ({
            disabled: row.case?.subsidy?.status !== 'computed' || batchRunning,
            'aria-label': t('finance.selectCase', { caseId: row.caseId }),
          }),
        }}
        locale={{ emptyText: <span className="table-empty">{t('finance.emptyQueue')}</span> }}
      />
      {confirming ? <ConfirmModal caseView={confirming} onClose={() => setConfirming(null)} /> : null}
    </>
  );
}
