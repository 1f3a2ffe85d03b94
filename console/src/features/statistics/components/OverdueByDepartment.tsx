// Overdue tasks by department: horizontal bars in the console's overdue red; a bar opens 个案 with
// an overdue task of that department (no console list shows another role's tasks).
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useGlossary } from '../../../shared/glossary';
import { type CaseListFilter, type Summary, caseListHref } from '../api/summary';
import { Chart } from './Chart';
import { ChartSection } from './ChartSection';
import { CountLink } from './CountLink';

/** The overdue red of the deadline lights (app/styles.css .deadline-light--overdue). */
const OVERDUE_RED = '#a8071a';

interface Row {
  department: NonNullable<CaseListFilter['overdueDepartment']>;
  label: string;
  overdue: number;
}

export function OverdueByDepartment({ summary, division }: { summary: Summary; division?: string }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const navigate = useNavigate();
  const title = t('statistics.overdue');
  const rows: Row[] = summary.overdueTasksByDepartment.map((d) => ({
    department: d.department as Row['department'],
    label: d.department === 'institution' ? word('role', 'institution') : word('department', d.department),
    overdue: d.overdue,
  }));
  const key = JSON.stringify(rows);

  const option = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: 'item' },
      grid: { left: 8, right: 24, bottom: 8, top: 8, containLabel: true },
      // Most overdue at the top.
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label) },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          id: 'overdue',
          name: t('statistics.overdueTasks'),
          type: 'bar',
          itemStyle: { color: OVERDUE_RED },
          data: rows.map((r) => r.overdue),
        },
      ],
    }),
    [key, t],
  );
  const columns: ColumnsType<Row> = [
    { title: t('statistics.department'), key: 'department', render: (_, r) => r.label },
    {
      title: t('statistics.overdueTasks'),
      key: 'overdue',
      render: (_, r) => (
        <CountLink n={r.overdue} filter={{ overdueDepartment: r.department, division }} label={r.label} />
      ),
    },
  ];

  return (
    <ChartSection title={title} empty={rows.length === 0}>
      <Chart
        label={t('statistics.chartAlt', { title })}
        option={option}
        height={Math.max(160, rows.length * 40 + 40)}
        onSelect={(click) => {
          const row = rows[click.dataIndex];
          if (row) void navigate(caseListHref({ overdueDepartment: row.department, division }));
        }}
      />
      <Table<Row> rowKey="department" size="small" columns={columns} dataSource={rows} pagination={false} />
    </ChartSection>
  );
}
