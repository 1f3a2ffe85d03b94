// One chart's card: its heading (h2), then the chart and its table, or antd's "no data" (暂无数据).
import { Card, Empty, Typography } from 'antd';
import type { ReactNode } from 'react';

export function ChartSection({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  return (
    <Card className="statistics-card">
      <Typography.Title level={2} className="statistics-heading">
        {title}
      </Typography.Title>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : children}
    </Card>
  );
}
