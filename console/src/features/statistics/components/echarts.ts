// The one module that loads ECharts: its core with only the charts and components these pages
// draw, registered once. Imported dynamically (Chart.tsx), so it is a chunk of its own that only
// 统计分析 loads.
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type { EChartsCoreOption as ChartOption, ECElementEvent as ChartClick } from 'echarts/core';
