// The pathway split: a pie of the cases by pathway (and those with none approved yet); a slice
// opens 个案 with that pathway.
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useGlossary } from '../../../shared/glossary';
import { type PathwayCount, type Summary, caseListHref } from '../api/summary';
import { Chart } from './Chart';
import { ChartSection } from './ChartSection';
import { CountLink } from './CountLink';

interface Row {
  pathway: PathwayCount;
  label: string;
  n: number;
}

export function PathwaySplit({ summary, division }: { summary: Summary; division?: string }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const navigate = useNavigate();
  const title = t('statistics.byPathway');
  const rows: Row[] = (Object.keys(summary.casesByPathway) as PathwayCount[]).map((p) => ({
    pathway: p,
    label: p === 'none' ? t('statistics.pathwayNone') : word('pathway', p),
    n: summary.casesByPathway[p],
  }));
  const key = rows.map((r) => `${r.label}${r.n}`).join();

  const option = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { top: 0 },
      series: [
        {
          id: 'pathway',
          type: 'pie',
          radius: ['35%', '65%'],
          top: 40,
          data: rows.map((r) => ({ name: r.label, value: r.n })),
        },
      ],
    }),
    [key],
  );
  const columns: ColumnsType<Row> = [
    { title: t('cases.pathway'), key: 'pathway', render: (_, r) => r.label },
    {
      title: t('statistics.cases'),
      key: 'n',
      render: (_, r) => <CountLink n={r.n} filter={{ pathway: r.pathway, division }} label={r.label} />,
    },
  ];

  return (
    <ChartSection title={title} empty={rows.every((r) => r.n === 0)}>
      <Chart
        label={t('statistics.chartAlt', { title })}
        option={option}
        onSelect={(click) => {
          const row = rows[click.dataIndex];
          if (row) void navigate(caseListHref({ pathway: row.pathway, division }));
        }}
      />
      <Table<Row> rowKey="pathway" size="small" columns={columns} dataSource={rows} pagination={false} />
    </ChartSection>
  );
}
