// 统计分析, loaded when first opened; its charts' library (ECharts) loads only with its charts.
import type { RouteObject } from 'react-router';

export const statisticsRoutes: RouteObject[] = [
  {
    path: 'statistics',
    lazy: async () => ({ Component: (await import('./components/StatisticsPage')).StatisticsPage }),
  },
];
