import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describeWithTool, findTool } from '../helpers/external-tool';

const promtool = findTool('promtool');
const root = join(__dirname, '..', '..');
const run = (...args: string[]) => spawnSync(promtool!, args, { cwd: root, encoding: 'utf8' });

describeWithTool(promtool)('Prometheus configuration checked by promtool', () => {
  test('when the config is checked, then it and its rule files are valid', () => {
    const result = run('check', 'config', 'prometheus/prometheus.yml');

    expect(result.stdout + result.stderr).toMatch(/SUCCESS: 1 rule files found/);
    expect(result.status).toBe(0);
  });

  test('when the rules are checked, then every rule is valid', () => {
    const result = run('check', 'rules', 'prometheus/rules/twitter-api.yml');

    expect(result.stdout + result.stderr).toMatch(/SUCCESS: 22 rules found/);
    expect(result.status).toBe(0);
  });

  test('when the rule unit tests run, then each alert fires and stays quiet where it should', () => {
    const result = run('test', 'rules', 'prometheus/tests/twitter-api.test.yml');

    expect(result.stdout + result.stderr).toMatch(/SUCCESS/);
    expect(result.status).toBe(0);
  });
});
