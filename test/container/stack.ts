import { isAbsolute, join } from 'node:path';
import { until } from '../helpers/until';
import type { HealthCheck, Project, Service } from './compose';
import { podman, podmanOk, root, runtimeOptions } from './podman';

/**
 * The one place that maps a compose project to podman commands: a user network whose DNS (the dnsname
 * plugin) resolves each service's name to its containers, named volumes prefixed with the project's
 * name, and containers started in the order of `depends_on`, each condition awaited.
 */

export interface StandInChanges {
  /** A bind mount's source (as the compose file names it) replaced by another file. */
  mounts?: Record<string, string>;
  /** Arguments after the service's command. */
  extraArgs?: string[];
}

export interface Stack {
  project: Project;
  /** The services run; a dependency on any other service is not awaited. */
  services: string[];
  changes: Record<string, StandInChanges>;
}

const network = (stack: Stack) => `${stack.project.name}_default`;

export function containersOf(stack: Stack, service: string): string[] {
  const count = stack.project.services[service]!.deploy?.replicas ?? 1;
  return Array.from({ length: count }, (_, index) => `${stack.project.name}-${service}-${index + 1}`);
}

function volumeArgs(stack: Stack, service: Service, changes: StandInChanges): string[] {
  return service.volumes.flatMap((volume) => {
    const [source, ...rest] = volume.split(':');
    const replaced = changes.mounts?.[source!] ?? source!;
    const isPath = replaced.startsWith('.') || isAbsolute(replaced);
    const resolved = isPath
      ? isAbsolute(replaced)
        ? replaced
        : join(root, replaced)
      : `${stack.project.name}_${replaced}`;
    return ['--volume', [resolved, ...rest].join(':')];
  });
}

function healthArgs(check: HealthCheck | undefined): string[] {
  if (!check) return [];
  const [kind, ...test] = check.test;
  return [
    '--health-cmd',
    kind === 'CMD-SHELL' ? test[0]! : JSON.stringify(test),
    ...(check.interval ? ['--health-interval', check.interval] : []),
    ...(check.timeout ? ['--health-timeout', check.timeout] : []),
    ...(check.retries ? ['--health-retries', String(check.retries)] : []),
    ...(check.start_period ? ['--health-start-period', check.start_period] : []),
  ];
}

function runArgs(stack: Stack, name: string, container: string): string[] {
  const service = stack.project.services[name]!;
  const changes = stack.changes[name] ?? {};
  return [
    'run',
    '--detach',
    ...runtimeOptions,
    '--name',
    container,
    '--hostname',
    container,
    '--network',
    network(stack),
    '--network-alias',
    name,
    ...(service.restart ? ['--restart', service.restart] : []),
    ...Object.entries(service.environment).flatMap(([key, value]) => ['--env', `${key}=${value}`]),
    ...service.ports.flatMap((port) => ['--publish', port]),
    ...volumeArgs(stack, service, changes),
    ...healthArgs(service.healthcheck),
    ...(service.entrypoint ? ['--entrypoint', JSON.stringify(service.entrypoint)] : []),
    service.image!,
    ...(service.command ?? []),
    ...(changes.extraArgs ?? []),
  ];
}

/** The services in an order where each comes after what it depends on. */
export function startOrder(stack: Stack): string[] {
  const ordered: string[] = [];
  const visit = (name: string) => {
    if (ordered.includes(name) || !stack.services.includes(name)) return;
    Object.keys(stack.project.services[name]!.depends_on).forEach(visit);
    ordered.push(name);
  };
  stack.services.forEach(visit);
  return ordered;
}

export async function healthy(container: string): Promise<boolean> {
  return (await podman('healthcheck', 'run', container)).code === 0;
}

async function awaitDependencies(stack: Stack, name: string): Promise<void> {
  for (const [dependency, { condition }] of Object.entries(stack.project.services[name]!.depends_on)) {
    if (!stack.services.includes(dependency) || condition !== 'service_healthy') continue;
    for (const container of containersOf(stack, dependency))
      await until(() => healthy(container), `${container} to be healthy`, 120_000);
  }
}

/** Creates the network and volumes and runs every service's containers. */
export async function up(stack: Stack): Promise<void> {
  await podmanOk('network', 'create', network(stack));
  if ((await podmanOk('network', 'inspect', network(stack), '--format', '{{.DNSEnabled}}')) !== 'true')
    throw new Error(
      'the podman network has no DNS between containers: install the dnsname CNI plugin ' +
        '(Debian: golang-github-containernetworking-plugin-dnsname)',
    );
  for (const volume of stack.project.volumes)
    await podmanOk('volume', 'create', `${stack.project.name}_${volume}`);
  for (const name of startOrder(stack)) {
    await awaitDependencies(stack, name);
    for (const container of containersOf(stack, name)) await podmanOk(...runArgs(stack, name, container));
  }
}

const allContainers = (stack: Stack) => startOrder(stack).flatMap((name) => containersOf(stack, name));

/** Stops every container, dependents first, keeping them and their volumes. */
export async function stop(stack: Stack): Promise<void> {
  for (const container of allContainers(stack).reverse()) await podmanOk('stop', container);
}

/** Starts the stopped containers again in the order of `depends_on`. */
export async function start(stack: Stack): Promise<void> {
  for (const name of startOrder(stack)) {
    await awaitDependencies(stack, name);
    for (const container of containersOf(stack, name)) await podmanOk('start', container);
  }
}

/** Removes the containers, the network and the volumes, whatever exists of them. */
export async function down(stack: Stack): Promise<void> {
  for (const container of allContainers(stack).reverse())
    await podman('rm', '--force', '--time', '0', container);
  await podman('network', 'rm', '--force', network(stack));
  for (const volume of stack.project.volumes)
    await podman('volume', 'rm', '--force', `${stack.project.name}_${volume}`);
}
