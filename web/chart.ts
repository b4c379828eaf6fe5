import uPlot from 'uplot';

const SECONDS = 60;

/** Posts per second over the last minute, one point per `stats` event. */
export function createRateChart(container: HTMLElement) {
  const times: number[] = [];
  const rates: number[] = [];
  const plot = new uPlot(
    {
      width: Math.max(200, container.clientWidth),
      height: 160,
      legend: { show: false },
      scales: { y: { range: (_u, _min, max) => [0, Math.max(5, max)] } },
      series: [{}, { label: 'posts/s', stroke: '#0969da', fill: 'rgba(9, 105, 218, 0.15)', width: 2 }],
      axes: [{ stroke: '#888' }, { stroke: '#888', size: 40 }],
    },
    [times, rates],
    container,
  );
  new ResizeObserver(() =>
    plot.setSize({ width: Math.max(200, container.clientWidth), height: 160 }),
  ).observe(container);
  return {
    push(timeIso: string, perSecond: number) {
      times.push(Date.parse(timeIso) / 1000);
      rates.push(perSecond);
      if (times.length > SECONDS) {
        times.shift();
        rates.shift();
      }
      plot.setData([times, rates]);
    },
    /** points drawn so far (the end-to-end test reads it) */
    get points() {
      return times.length;
    },
  };
}
