// One chart's card: its heading (h2), then the chart and its table, or "no data".
import { Card, Empty, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ChartSection({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card className="statistics-card">
      <Typography.Title level={2} className="statistics-heading">
        {title}
      </Typography.Title>
      {empty ? <Empty description={t('statistics.noData')} /> : children}
    </Card>
  );
}
