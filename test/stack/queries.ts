import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');

export interface PanelQuery {
  dashboard: string;
  panel: string;
  expr: string;
}

/** Every query of every dashboard panel. */
export function dashboardQueries(): PanelQuery[] {
  const folder = join(root, 'grafana', 'dashboards');
  return readdirSync(folder).flatMap((file) => {
    const dashboard = JSON.parse(readFileSync(join(folder, file), 'utf8')) as {
      title: string;
      panels: { title: string; targets: { expr: string }[] }[];
    };
    return dashboard.panels.flatMap((panel) =>
      panel.targets.map((target) => ({ dashboard: dashboard.title, panel: panel.title, expr: target.expr })),
    );
  });
}

/** Every rule expression, and the names recording rules define. */
export function ruleExpressions(): { exprs: string[]; recorded: Set<string> } {
  const rules = parse(readFileSync(join(root, 'prometheus', 'rules', 'twitter-api.yml'), 'utf8')) as {
    groups: { rules: { record?: string; expr: string }[] }[];
  };
  const all = rules.groups.flatMap((group) => group.rules);
  return {
    exprs: all.map((rule) => rule.expr),
    recorded: new Set(all.flatMap((rule) => (rule.record ? [rule.record] : []))),
  };
}

/** Grafana's variables replaced the way Grafana would for one job and every route and tag. */
export function substitute(expr: string, job: string): string {
  return expr
    .replaceAll('$__rate_interval', '10s')
    .replaceAll('$__interval', '5s')
    .replaceAll('$__range', '1m')
    .replaceAll('$job', job)
    .replaceAll('$instance', '.*')
    .replaceAll('$route', '.*')
    .replaceAll('$tag', '.*');
}

const FUNCTIONS_AND_KEYWORDS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'count',
  'by',
  'without',
  'rate',
  'increase',
  'irate',
  'histogram_quantile',
  'time',
  'vector',
  'and',
  'or',
  'unless',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'abs',
  'clamp_min',
  'clamp_max',
  'le',
  'Inf',
]);

/** Metric names an expression reads, with the label names it filters, groups or matches on for each. */
export function metricsIn(expr: string): { metric: string; labels: string[] }[] {
  const found: { metric: string; labels: string[] }[] = [];
  const labelLists = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g;
  const groupLabels = [...expr.matchAll(labelLists)].flatMap((match) =>
    match[1]!
      .split(',')
      .map((label) => label.trim())
      .filter(Boolean),
  );
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\[[^\]]*\]/g, '')
    .replace(labelLists, '');
  for (const match of stripped.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(\s*\{([^}]*)\})?/g)) {
    const name = match[1]!;
    if (FUNCTIONS_AND_KEYWORDS.has(name) || /^\d/.test(name) || /^[smhdwy]$/.test(name)) continue;
    const after = stripped.slice(match.index + match[0].length).trimStart();
    if (after.startsWith('(')) continue;
    const filters = match[3]
      ? [...match[3].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!=|!~|=)/g)].map((m) => m[1]!)
      : [];
    found.push({ metric: name, labels: [...filters, ...groupLabels] });
  }
  return found;
}

/**
 * Series of the NATS exporter (job `nats`, docker-compose.events.yml), named `gnatsd_<endpoint>_<field>` after
 * the NATS monitoring endpoint they are read from: test/stack/nats.test.ts checks them against a real server.
 */
export const isNatsExporterMetric = (metric: string) => /^(gnatsd|jetstream)_/.test(metric);

/**
 * App metrics that dashboards and rules already use but that work merged beside this one exports (the names
 * were agreed beforehand): the collector lease, the events outbox. Each may be missing from /metrics only while
 * it is listed; dashboards.test.ts fails once the app exports one that is still listed, so the list empties
 * itself as the exporters land.
 */
export const AWAITED_APP_METRICS = new Set<string>([]);

/** Series of a Prometheus text exposition: metric name (histogram suffixes included) to the label names seen on it. */
export function exposedMetrics(text: string): Map<string, Set<string>> {
  const metrics = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})? /.exec(line);
    if (!match) continue;
    const labels = metrics.get(match[1]!) ?? new Set<string>();
    for (const label of (match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="/g)) labels.add(label[1]!);
    metrics.set(match[1]!, labels);
  }
  return metrics;
}
