import {
  AWAITED_APP_METRICS,
  dashboardQueries,
  exposedMetrics,
  isNatsExporterMetric,
  metricsIn,
  ruleExpressions,
} from './queries';
import { startApp } from './start-app';

// Labels Prometheus adds to every scraped series.
const TARGET_LABELS = new Set(['job', 'instance']);

describe('dashboards and rules against what the app exports', () => {
  let exposed: Map<string, Set<string>>;
  beforeAll(async () => {
    // The X API source against the emulator, so the X API metrics have series and labels.
    const app = await startApp({ source: 'emulator' });
    try {
      exposed = exposedMetrics(await app.metrics());
    } finally {
      await app.stop();
    }
  }, 30_000);

  test('when the dashboards are read, then there are the four of them with queries', () => {
    const dashboards = new Set(dashboardQueries().map((query) => query.dashboard));

    expect([...dashboards].sort()).toEqual([
      'twitter-api: API',
      'twitter-api: Collector',
      'twitter-api: Runtime',
      'twitter-api: Stream',
    ]);
  });

  test('when a dashboard panel or a rule names a metric, then the app exports it with every label used', () => {
    const { exprs, recorded } = ruleExpressions();
    const used = [...dashboardQueries().map((query) => query.expr), ...exprs].flatMap(metricsIn);
    const problems: string[] = [];
    for (const { metric, labels } of used) {
      if (recorded.has(metric) || metric === 'up' || isNatsExporterMetric(metric)) continue;
      const series = exposed.get(metric);
      if (!series) {
        if (!AWAITED_APP_METRICS.has(metric)) problems.push(`${metric} is not exported`);
        continue;
      }
      for (const label of labels) {
        if (!TARGET_LABELS.has(label) && !series.has(label)) problems.push(`${metric} has no label ${label}`);
      }
    }

    expect(used.length).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });

  test('when a metric is listed as awaited, then a panel or rule uses it and the app does not export it yet (else delete it from the list)', () => {
    const { exprs } = ruleExpressions();
    const used = new Set(
      [...dashboardQueries().map((query) => query.expr), ...exprs]
        .flatMap(metricsIn)
        .map(({ metric }) => metric),
    );

    expect([...AWAITED_APP_METRICS].filter((metric) => exposed.has(metric))).toEqual([]);
    expect([...AWAITED_APP_METRICS].filter((metric) => !used.has(metric))).toEqual([]);
  });

  test('when a counter is graphed, then it is through rate or increase, never raw', () => {
    const raw = dashboardQueries().filter(({ expr }) =>
      metricsIn(expr).some(
        ({ metric }) =>
          /_total$|_bucket$|_sum$|_count$/.test(metric) &&
          !/(rate|increase)\([^()]*$/.test(expr.slice(0, expr.indexOf(metric))),
      ),
    );

    expect(raw.map(({ panel }) => panel)).toEqual([]);
  });
});
