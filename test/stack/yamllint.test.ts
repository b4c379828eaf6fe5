import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describeWithTool, findTool } from '../helpers/external-tool';

const yamllint = findTool('yamllint');
const root = join(__dirname, '..', '..');

describeWithTool(yamllint)('the stack YAML checked by yamllint', () => {
  test('when the compose files and the Logstash, Kibana, Prometheus and Grafana YAML are linted (relaxed), then there is no error', () => {
    const paths = [
      'docker-compose.yml',
      'docker-compose.replicas.yml',
      'docker-compose.events.yml',
      'logstash',
      'kibana',
      'prometheus',
      'grafana',
    ];
    const result = spawnSync(yamllint!, ['-d', 'relaxed', '-f', 'parsable', ...paths], {
      cwd: root,
      encoding: 'utf8',
    });

    expect(result.stdout.split('\n').filter((line) => line.includes('[error]'))).toEqual([]);
    expect(result.status).toBe(0);
  });
});
