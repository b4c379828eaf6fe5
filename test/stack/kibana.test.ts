import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const setup = join(__dirname, '..', '..', 'kibana', 'setup');
type SavedObject = {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  references: { name: string; type: string; id: string }[];
};
const objects = readFileSync(join(setup, 'saved-objects.ndjson'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as SavedObject);
const dataView = (
  JSON.parse(readFileSync(join(setup, 'data-view.json'), 'utf8')) as { data_view: { id: string } }
).data_view;

describe('the Kibana objects kibana-setup imports', () => {
  test('when the saved objects are read, then every reference points at the data view or a saved search in the same file', () => {
    // Ids are unique per type: the dashboard and the data view may share one.
    const known = new Set([
      `index-pattern:${dataView.id}`,
      ...objects.map((object) => `${object.type}:${object.id}`),
    ]);
    const dangling = objects.flatMap((object) =>
      object.references
        .map((reference) => `${reference.type}:${reference.id}`)
        .filter((key) => !known.has(key))
        .map((key) => `${object.id} -> ${key}`),
    );

    expect(dangling).toEqual([]);
    expect(objects.filter((object) => object.type === 'dashboard')).toHaveLength(1);
  });

  test("when the app's logs are opened, then the all-logs search shows the ECS level, action, route, response status, request_id and message, newest first", () => {
    const allLogs = objects.find((object) => object.id === 'twitter-api-all-logs');

    expect(allLogs?.attributes).toMatchObject({
      columns: ['log.level', 'event.action', 'route', 'http.response.status_code', 'request_id', 'message'],
      sort: [['@timestamp', 'desc']],
    });
  });

  test('when the dashboard is read, then each of its panels is a saved search it references', () => {
    const dashboard = objects.find((object) => object.type === 'dashboard')!;
    const panels = JSON.parse(dashboard.attributes.panelsJSON as string) as {
      panelRefName: string;
      type: string;
    }[];
    const searches = objects.filter((object) => object.type === 'search').map((object) => object.id);

    expect(
      panels.map(
        (panel) => dashboard.references.find((reference) => reference.name === panel.panelRefName)?.id,
      ),
    ).toEqual(searches);
  });

  test('when the searches are read, then every column and every field their queries name is mapped in the index template', () => {
    type Mapping = { properties?: Record<string, Mapping> };
    const template = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'logstash', 'templates', 'twitter-api-logs.json'), 'utf8'),
    ) as { template: { mappings: Mapping } };
    const mapped = (path: string) =>
      path
        .split('.')
        .reduce<Mapping | undefined>(
          (mapping, part) => mapping?.properties?.[part],
          template.template.mappings,
        ) !== undefined;
    const searches = objects.filter((object) => object.type === 'search');
    const fields = searches.flatMap((search) => {
      const source = JSON.parse(
        (search.attributes.kibanaSavedObjectMeta as { searchSourceJSON: string }).searchSourceJSON,
      ) as { query: { query: string } };
      const queried = [...source.query.query.matchAll(/([\w.@]+) :/g)].map((match) => match[1]!);
      return [...(search.attributes.columns as string[]), ...queried];
    });

    expect(fields.filter((field) => !mapped(field))).toEqual([]);
    expect(fields).toEqual(expect.arrayContaining(['log.level', 'event.action', 'service.name']));
  });

  test("when Kibana's Logs views are set up, then their sources keep Kibana's defaults and add the data view's indices", () => {
    const settings = JSON.parse(readFileSync(join(setup, 'log-sources.json'), 'utf8')) as {
      changes: Record<string, string[]>;
    };
    const title = (
      JSON.parse(readFileSync(join(setup, 'data-view.json'), 'utf8')) as { data_view: { title: string } }
    ).data_view.title;

    expect(settings.changes['observability:logSources']).toEqual(['logs-*-*', 'logs-*', 'filebeat-*', title]);
    expect(readFileSync(join(setup, 'setup.sh'), 'utf8')).toContain(
      'post /api/kibana/settings /setup/log-sources.json',
    );
  });
});
