// Registrations and closures per month over the last 12: grouped bars; a bar opens 个案 with the
// cases registered, or closed (结案), in that month.
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type CaseListFilter, type Summary, caseListHref } from '../api/summary';
import { Chart } from './Chart';
import { ChartSection } from './ChartSection';
import { CountLink } from './CountLink';

type Row = Summary['monthly'][number];
const registeredIn = (month: string): CaseListFilter => ({ registeredMonth: month });
const closedIn = (month: string): CaseListFilter => ({ stage: 'closed', closedMonth: month });

export function MonthlyFlow({ summary, division }: { summary: Summary; division?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const title = t('statistics.monthly');
  const rows = summary.monthly;
  const key = JSON.stringify(rows);

  const option = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 48, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { id: 'registered', name: t('statistics.registered'), type: 'bar', data: rows.map((r) => r.registered) },
        { id: 'closed', name: t('statistics.closed'), type: 'bar', data: rows.map((r) => r.closed) },
      ],
    }),
    [key, t],
  );
  const columns: ColumnsType<Row> = [
    { title: t('statistics.month'), key: 'month', render: (_, r) => r.month },
    {
      title: t('statistics.registered'),
      key: 'registered',
      render: (_, r) => (
        <CountLink
          n={r.registered}
          filter={{ ...registeredIn(r.month), division }}
          label={`${r.month} ${t('statistics.registered')}`}
        />
      ),
    },
    {
      title: t('statistics.closed'),
      key: 'closed',
      render: (_, r) => (
        <CountLink
          n={r.closed}
          filter={{ ...closedIn(r.month), division }}
          label={`${r.month} ${t('statistics.closed')}`}
        />
      ),
    },
  ];

  return (
    <ChartSection title={title} empty={false}>
      <Chart
        label={t('statistics.chartAlt', { title })}
        option={option}
        onSelect={(click) => {
          const row = rows[click.dataIndex];
          if (!row) return;
          const filter = click.seriesId === 'closed' ? closedIn(row.month) : registeredIn(row.month);
          void navigate(caseListHref({ ...filter, division }));
        }}
      />
      <Table<Row> rowKey="month" size="small" columns={columns} dataSource={rows} pagination={false} />
    </ChartSection>
  );
}
