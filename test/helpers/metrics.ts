import type { TestApp } from './app';

/** The value of one series (`name{labels}` as exposed) on the app's registry; NaN when absent. */
export async function metricValue(app: TestApp, series: string): Promise<number> {
  const text = await app.metrics.registry.metrics();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}
