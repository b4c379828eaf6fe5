import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithTool, findTool } from '../helpers/external-tool';
import { freePort } from '../helpers/ports';
import { until } from '../helpers/until';
import { loadCompose, mergeCompose } from './compose-files';
import { dashboardQueries, isNatsExporterMetric, metricsIn, ruleExpressions } from './queries';

const natsServer = findTool('nats-server', ['nats-server', '/usr/sbin/nats-server']);
const stack = mergeCompose(loadCompose('docker-compose.yml'), loadCompose('docker-compose.events.yml'));
const nats = stack.services.nats!;

/** `{ a: { b: 1 } }` as `{ a_b: 1 }`: how the exporter names a nested field of a monitoring endpoint. */
function flatten(value: unknown, prefix = ''): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { [prefix]: value };
  return Object.entries(value).reduce(
    (all, [key, inner]) => ({ ...all, ...flatten(inner, prefix ? `${prefix}_${key}` : key) }),
    {},
  );
}

describeWithTool(natsServer)(
  'NATS started with the stack command, as the exporter and the healthcheck read it',
  () => {
    let server: ChildProcess;
    let dir: string;
    let monitor: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'twitter-api-nats-'));
      const [clientPort, monitorPort] = [await freePort(), await freePort()];
      // The compose command with the container's paths and ports swapped for this machine's.
      const args = nats.command!.map((arg) =>
        arg === '/data' ? dir : arg === '8222' ? String(monitorPort) : arg,
      );
      server = spawn(natsServer!, [...args, '-a', '127.0.0.1', '-p', String(clientPort)], {
        stdio: 'ignore',
      });
      monitor = `http://127.0.0.1:${monitorPort}`;
      await until(async () => (await fetch(`${monitor}/varz`)).ok, 'the NATS monitoring port', 10_000);
    }, 20_000);

    afterAll(async () => {
      if (server && server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('when the container healthcheck URL is fetched, then JetStream is enabled and the check passes', async () => {
      const healthcheck = nats.healthcheck!.test.at(-1)!;
      const res = await fetch(healthcheck.replace('http://127.0.0.1:8222', monitor));
      const varz = (await (await fetch(`${monitor}/varz`)).json()) as {
        jetstream: { config: { store_dir: string } };
      };

      expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { status: 'ok' } });
      expect(varz.jetstream.config.store_dir).toBe(join(dir, 'jetstream'));
    });

    test('when a rule or panel reads a gnatsd_varz_ series, then /varz has that numeric field for the exporter to copy', async () => {
      const { exprs } = ruleExpressions();
      const used = [...dashboardQueries().map((query) => query.expr), ...exprs]
        .flatMap(metricsIn)
        .map(({ metric }) => metric)
        .filter(isNatsExporterMetric);
      const varz = flatten(await (await fetch(`${monitor}/varz`)).json());

      expect(used.length).toBeGreaterThan(0);
      // Every exporter series used is read from /varz, the endpoint this test maps field by field.
      expect(used.filter((metric) => !metric.startsWith('gnatsd_varz_'))).toEqual([]);
      for (const metric of new Set(used)) {
        const field = metric.slice('gnatsd_varz_'.length);
        expect({ metric, type: typeof varz[field] }).toEqual({ metric, type: 'number' });
      }
    });
  },
);
