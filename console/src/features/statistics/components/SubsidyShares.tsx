// The subsidy paid and owed by funding share (自治区补助 / 地方承担): stacked bars in fen shown as ¥;
// a bar opens 个案 with the subsidy paid, or owed.
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatFen, formatFenInTable } from '../../../shared/format';
import { type Summary, caseListHref } from '../api/summary';
import { Chart } from './Chart';
import { ChartSection } from './ChartSection';
import { CountLink } from './CountLink';

type Amounts = Summary['subsidy']['paid'];
interface Row extends Amounts {
  state: 'paid' | 'owed';
  label: string;
}
const money = (v: unknown) => formatFen(Math.round(Number(v)));

export function SubsidyShares({ summary, division }: { summary: Summary; division?: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const title = t('statistics.subsidy');
  const rows: Row[] = (['paid', 'owed'] as const).map((state) => ({
    state,
    label: t(`statistics.${state}`),
    ...summary.subsidy[state],
  }));
  const key = JSON.stringify(rows);

  const option = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: 'item', valueFormatter: money },
      legend: { top: 0 },
      grid: { left: 8, right: 24, bottom: 8, top: 48, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.label) },
      yAxis: { type: 'value', axisLabel: { formatter: money } },
      series: [
        { id: 'regional', name: t('statistics.regionalShare'), key: 'regionalShareFen' as const },
        { id: 'local', name: t('statistics.localShare'), key: 'localShareFen' as const },
      ].map((s) => ({ id: s.id, name: s.name, type: 'bar', stack: 'fen', data: rows.map((r) => r[s.key]) })),
    }),
    [key, t],
  );
  const fen = (n: number) => formatFenInTable(n, i18n.language);
  const columns: ColumnsType<Row> = [
    { title: t('statistics.subsidyState'), key: 'state', render: (_, r) => r.label },
    {
      title: t('statistics.cases'),
      key: 'cases',
      render: (_, r) => <CountLink n={r.cases} filter={{ subsidy: r.state, division }} label={r.label} />,
    },
    { title: t('statistics.amount'), key: 'amount', align: 'right', render: (_, r) => fen(r.amountFen) },
    {
      title: t('statistics.regionalShare'),
      key: 'regional',
      align: 'right',
      render: (_, r) => fen(r.regionalShareFen),
    },
    { title: t('statistics.localShare'), key: 'local', align: 'right', render: (_, r) => fen(r.localShareFen) },
  ];

  return (
    <ChartSection title={title} empty={rows.every((r) => r.cases === 0)}>
      <Chart
        label={t('statistics.chartAlt', { title })}
        option={option}
        onSelect={(click) => {
          const row = rows[click.dataIndex];
          if (row) void navigate(caseListHref({ subsidy: row.state, division }));
        }}
      />
      <Table<Row> rowKey="state" size="small" columns={columns} dataSource={rows} pagination={false} />
    </ChartSection>
  );
}
