import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildTestApp } from '../helpers/app';

const root = join(__dirname, '..', '..');
const pipeline = readFileSync(join(root, 'logstash', 'pipeline', 'logstash.conf'), 'utf8');

describe('the log lines and the Logstash pipeline', () => {
  test('when the app logs, then every line has what the pipeline reads: an ISO 8601 UTC timestamp, a level and a message', async () => {
    const app = await buildTestApp();
    await app.api.get('/tweets').expect(200);
    await app.api.get('/nope').expect(404);
    await app.close();

    expect(pipeline).toMatch(/match\s*=>\s*\["timestamp",\s*"ISO8601"\]/);
    expect(app.logs.length).toBeGreaterThanOrEqual(2);
    for (const line of app.logs) {
      expect(line).toMatchObject({
        timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        level: expect.stringMatching(/^(error|warn|info|debug)$/),
        message: expect.any(String),
        service: 'twitter-api',
      });
    }
  });

  test('when the pipeline and the stack are read together, then port, codec and index pattern line up', () => {
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as { services: { twitterapi: { environment: Record<string, string> } } };
    const dataView = JSON.parse(readFileSync(join(root, 'kibana', 'setup', 'data-view.json'), 'utf8')) as { data_view: { title: string; timeFieldName: string } };
    const index = /index\s*=>\s*"([^"%]+)%\{\+YYYY\.MM\.dd\}"/.exec(pipeline)?.[1];

    expect(pipeline).toMatch(new RegExp(`tcp \\{\\s*port => ${compose.services.twitterapi.environment.LOGSTASH_PORT}\\s*codec => json_lines`));
    expect(index).toBe('twitter-api-logs-');
    expect(dataView.data_view).toMatchObject({ title: `${index}*`, timeFieldName: '@timestamp' });
    expect(pipeline).toMatch(/target => "@timestamp"/);
  });
});
