import uPlot from 'uplot';

/** Okabe and Ito's palette: told apart with any kind of colour blindness. */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#999999',
];
const HEIGHT = 200;
const SVG = 'http://www.w3.org/2000/svg';

/** A uPlot chart that follows its container's width and is drawn anew for each answer. */
function responsivePlot(container: HTMLElement, build: (width: number) => uPlot) {
  let plot: uPlot | undefined;
  const width = () => Math.max(240, container.clientWidth);
  new ResizeObserver(() => plot?.setSize({ width: width(), height: HEIGHT })).observe(container);
  return (draw: boolean) => {
    plot?.destroy();
    plot = draw ? build(width()) : undefined;
  };
}

/** Posts per bucket over time, the time axis in the chosen zone. */
export function createTimeChart(container: HTMLElement) {
  let data: uPlot.AlignedData = [[], []];
  let zone = 'UTC';
  let label = 'posts';
  const redraw = responsivePlot(
    container,
    (width) =>
      new uPlot(
        {
          width,
          height: HEIGHT,
          legend: { show: false },
          tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), zone),
          scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
          series: [{}, { label, stroke: PALETTE[0], fill: 'rgba(0, 114, 178, 0.15)', width: 2 }],
          axes: [{ stroke: '#888' }, { stroke: '#888', size: 48 }],
        },
        data,
        container,
      ),
  );
  return (starts: string[], counts: number[], timeZone: string, seriesLabel: string) => {
    data = [starts.map((start) => Date.parse(start) / 1000), counts];
    zone = timeZone;
    label = seriesLabel;
    redraw(starts.length > 0);
  };
}

/** Posts per hour of day as bars, 00 to 23. */
export function createHourChart(container: HTMLElement) {
  let data: uPlot.AlignedData = [[], []];
  const redraw = responsivePlot(
    container,
    (width) =>
      new uPlot(
        {
          width,
          height: HEIGHT,
          legend: { show: false },
          scales: {
            x: { time: false, range: [-0.5, 23.5] },
            y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
          },
          series: [
            {},
            {
              label: 'posts',
              fill: PALETTE[0],
              stroke: PALETTE[0],
              paths: uPlot.paths.bars!({ size: [0.7, 40] }),
              points: { show: false },
            },
          ],
          axes: [
            { stroke: '#888', values: (_u, hours) => hours.map((hour) => String(hour).padStart(2, '0')) },
            { stroke: '#888', size: 48 },
          ],
        },
        data,
        container,
      ),
  );
  return (counts: number[]) => {
    data = [counts.map((_count, hour) => hour), counts];
    redraw(counts.some((count) => count > 0));
  };
}

export interface Segment {
  group: string;
  part: string;
  value: number;
}

/**
 * Horizontal stacked bars as SVG: one bar per group (a tag), one segment per part (a language),
 * scaled to the largest group. Colours by part, the same across bars, with a legend.
 */
export function drawStackedBars(container: HTMLElement, legend: HTMLElement, segments: Segment[]): void {
  const groups = [...new Set(segments.map((segment) => segment.group))];
  const parts = [...new Set(segments.map((segment) => segment.part))];
  const colour = (part: string) => PALETTE[parts.indexOf(part) % PALETTE.length]!;
  const totals = groups.map((group) =>
    segments.filter((segment) => segment.group === group).reduce((sum, segment) => sum + segment.value, 0),
  );
  const largest = Math.max(1, ...totals);
  const bar = (group: string) => {
    const row = document.createElement('div');
    row.className = 'bar-row';
    const label = document.createElement('span');
    label.className = 'bar-label';
    label.textContent = group;
    const svg = svgElement('svg', { viewBox: '0 0 100 10', preserveAspectRatio: 'none' });
    svg.setAttribute('aria-hidden', 'true');
    let x = 0;
    for (const segment of segments.filter((item) => item.group === group)) {
      const width = (segment.value / largest) * 100;
      const attributes = { x: x.toFixed(3), y: '0', width: width.toFixed(3), height: '10' };
      svg.append(
        svgElement('rect', { ...attributes, fill: colour(segment.part), 'data-part': segment.part }),
      );
      x += width;
    }
    row.append(label, svg);
    return row;
  };
  container.replaceChildren(...groups.map(bar));
  legend.replaceChildren(
    ...parts.map((part) => {
      const item = document.createElement('li');
      const swatch = svgElement('svg', { viewBox: '0 0 10 10', width: '12', height: '12' });
      swatch.append(svgElement('rect', { width: '10', height: '10', fill: colour(part) }));
      item.append(swatch, part);
      return item;
    }),
  );
}

export function svgElement(name: string, attributes: Record<string, string>): SVGElement {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}
