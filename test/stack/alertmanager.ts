import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findTool } from '../helpers/external-tool';
import { freePort } from '../helpers/ports';
import { until } from '../helpers/until';

export const root = join(__dirname, '..', '..');
export const renderScript = join(root, 'alertmanager', 'render-config.sh');
export const rulesFile = join(root, 'prometheus', 'rules', 'twitter-api.yml');

export const amtool = () => findTool('amtool');
/** Debian names the server prometheus-alertmanager; the project's image calls it alertmanager. */
export const alertmanagerBinary = () => findTool('alertmanager', ['alertmanager', 'prometheus-alertmanager']);

/** Runs render-config.sh as the container does, with only `env` (and PATH) in its environment. */
export function renderConfig(env: Record<string, string>, output: string) {
  return spawnSync('sh', [renderScript], {
    env: { PATH: process.env.PATH, ALERTMANAGER_CONFIG: output, ...env },
    encoding: 'utf8',
  });
}

export type Rule = { alert?: string; labels?: Record<string, string>; annotations?: Record<string, string> };

/** The alerting rules of the stack, as written. */
export function alertRules(): (Rule & { alert: string })[] {
  const file = parse(readFileSync(rulesFile, 'utf8')) as { groups: { rules: Rule[] }[] };
  return file.groups.flatMap((group) =>
    group.rules.filter((rule): rule is Rule & { alert: string } => rule.alert !== undefined),
  );
}

export interface RunningAlertmanager {
  url: string;
  stop(): Promise<void>;
}

/** A real Alertmanager on a free loopback port, clustering off, reading `config`. */
export async function startAlertmanager(
  binary: string,
  config: string,
  dataDir: string,
): Promise<RunningAlertmanager> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${config}`,
      `--storage.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--web.external-url=${url}`,
      '--cluster.listen-address=',
    ],
    { stdio: 'ignore' },
  );
  await until(async () => (await fetch(`${url}/-/ready`)).ok, 'Alertmanager to be ready');
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
