import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describeWithTool, findTool } from '../helpers/external-tool';

const promtool = findTool('promtool');
const root = join(__dirname, '..', '..');
const run = (...args: string[]) => spawnSync(promtool!, args, { cwd: root, encoding: 'utf8' });
const yamlIn = (folder: string) =>
  readdirSync(join(root, folder))
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => `${folder}/${file}`);

describeWithTool(promtool)('Prometheus configuration checked by promtool', () => {
  test.each(['prometheus/prometheus.yml', 'prometheus/prometheus.scaled.yml'])(
    'when %s is checked, then it and its rule files are valid',
    (config) => {
      const result = run('check', 'config', config);

      expect(result.stdout + result.stderr).toMatch(/SUCCESS: 1 rule files found/);
      expect(result.stdout + result.stderr).toMatch(/SUCCESS: 34 rules found/);
      expect(result.status).toBe(0);
    },
  );

  test('when the rules are checked, then every rule is valid', () => {
    const result = run('check', 'rules', ...yamlIn('prometheus/rules'));

    expect(result.stdout + result.stderr).toMatch(/SUCCESS: 34 rules found/);
    expect(result.status).toBe(0);
  });

  test('when the rule unit tests run, then each alert fires and stays quiet where it should', () => {
    const result = run('test', 'rules', ...yamlIn('prometheus/tests'));

    expect(result.stdout + result.stderr).toMatch(/SUCCESS/);
    expect(result.status).toBe(0);
  });
});

describe('Prometheus rule unit tests', () => {
  test('when the alerts are listed, then each has a unit test where it fires and one where it stays quiet', () => {
    const read = (file: string) => parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
    const alerts = yamlIn('prometheus/rules').flatMap((file) =>
      (read(file) as { groups: { rules: { alert?: string }[] }[] }).groups.flatMap((group) =>
        group.rules.flatMap((rule) => (rule.alert ? [rule.alert] : [])),
      ),
    );
    const cases = yamlIn('prometheus/tests').flatMap((file) =>
      (
        read(file) as { tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[] }
      ).tests.flatMap((test) => test.alert_rule_test ?? []),
    );
    const coverage = alerts.map((alert) => {
      const own = cases.filter((testCase) => testCase.alertname === alert);
      return {
        alert,
        fires: own.some((testCase) => (testCase.exp_alerts ?? []).length > 0),
        quiet: own.some((testCase) => (testCase.exp_alerts ?? []).length === 0),
      };
    });

    expect(alerts.length).toBeGreaterThanOrEqual(8);
    expect(coverage.filter(({ fires, quiet }) => !fires || !quiet)).toEqual([]);
  });
});
