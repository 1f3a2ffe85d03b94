// A chart drawn by ECharts on a canvas, its library imported when the first chart mounts. The
// canvas is an image to assistive technology (role img, named by `label`); each chart's numbers
// and links are also in the table beside it. A click on an element calls `onSelect` with it.
import { useEffect, useRef } from 'react';
import type { ChartClick, ChartOption } from './echarts';

interface Props {
  label: string;
  option: ChartOption;
  onSelect: (click: ChartClick) => void;
  height?: number;
}

/** The instance is also on the element as `echartsInstance`, so a browser test can find where an element is drawn. */
export type ChartElement = HTMLDivElement & { echartsInstance?: unknown };

export function Chart({ label, option, onSelect, height = 320 }: Props) {
  const ref = useRef<ChartElement>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void import('./echarts').then(({ echarts }) => {
      const el = ref.current;
      if (disposed || !el) return;
      const chart = echarts.init(el, undefined, { renderer: 'canvas' });
      chart.setOption(option);
      chart.on('click', (click) => select.current(click));
      el.echartsInstance = chart;
      const resize = () => chart.resize();
      window.addEventListener('resize', resize);
      dispose = () => {
        window.removeEventListener('resize', resize);
        delete el.echartsInstance;
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} className="statistics-chart" style={{ height }} />;
}
