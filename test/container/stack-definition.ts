import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from './compose';
import { root } from './podman';
import type { Stack } from './stack';

export const composeFiles = [
  'docker-compose.yml',
  'docker-compose.replicas.yml',
  'docker-compose.events.yml',
];
export const services = ['postgres', 'nats', 'twitterapi', 'proxy', 'prometheus'];

/**
 * nginx 1.22 (Debian's) has no `resolve` on an upstream server (1.27.3): the stand-in's configuration
 * is ours without it, so nginx resolves the replicas once, at start, after they are healthy.
 */
export function standInNginxConfig(): string {
  const ours = readFileSync(join(root, 'nginx', 'nginx.conf'), 'utf8');
  const derived = ours.replace('server twitterapi:5000 resolve;', 'server twitterapi:5000;');
  if (derived === ours) throw new Error('nginx/nginx.conf no longer has `server twitterapi:5000 resolve;`');
  const path = join(tmpdir(), 'twitter-api-stand-in-nginx.conf');
  writeFileSync(path, derived);
  return path;
}

export function stackDefinition(variables: Record<string, string>): Stack {
  return {
    project: loadProject(composeFiles, variables),
    services,
    changes: {
      proxy: { mounts: { './nginx/nginx.conf': standInNginxConfig() } },
      // Prometheus 2 expands ${RUNBOOK_BASE_URL} in external labels behind a flag; 3 always does.
      prometheus: { extraArgs: ['--enable-feature=expand-external-labels'] },
    },
  };
}
