// Cases by stage per league or banner: stacked bars, one stack per division, one colour per stage
// that has a case; a segment opens 个案 with that division and stage.
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useGlossary } from '../../../shared/glossary';
import { type Stage, type Summary, caseListHref } from '../api/summary';
import { Chart } from './Chart';
import { CountLink } from './CountLink';
import { ChartSection } from './ChartSection';

type Row = Summary['casesByDivision'][number];

export function StageByDivision({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const navigate = useNavigate();
  const rows = summary.casesByDivision;
  const stages = (Object.keys(summary.casesByStage) as Stage[]).filter((s) => rows.some((r) => r.stages[s] > 0));
  const title = t('statistics.byDivision');

  const option = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 48, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.name) },
      yAxis: { type: 'value', minInterval: 1 },
      series: stages.map((s) => ({
        id: s,
        name: word('stage', s),
        type: 'bar',
        stack: 'cases',
        data: rows.map((r) => r.stages[s]),
      })),
    }),
    [rows, stages.join(), word],
  );

  const columns: ColumnsType<Row> = [
    { title: t('cases.division'), key: 'division', render: (_, r) => r.name },
    ...stages.map((s) => ({
      title: word('stage', s),
      key: s,
      render: (_: unknown, r: Row) => (
        <CountLink
          n={r.stages[s]}
          filter={{ division: r.division, stage: s }}
          label={`${r.name} · ${word('stage', s)}`}
        />
      ),
    })),
    {
      title: t('statistics.total'),
      key: 'total',
      render: (_, r) => (
        <CountLink
          n={Object.values(r.stages).reduce((a, b) => a + b, 0)}
          filter={{ division: r.division }}
          label={`${r.name} · ${t('statistics.total')}`}
        />
      ),
    },
  ];

  return (
    <ChartSection title={title} empty={rows.length === 0}>
      <Chart
        label={t('statistics.chartAlt', { title })}
        option={option}
        onSelect={(click) => {
          const row = rows[click.dataIndex];
          if (row && click.seriesId)
            void navigate(caseListHref({ division: row.division, stage: click.seriesId as Stage }));
        }}
      />
      <Table<Row>
        rowKey="division"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </ChartSection>
  );
}
