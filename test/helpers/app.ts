import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import type { DataSource } from 'typeorm';
import type winston from 'winston';
import type { Collector } from '../../src/collector/collector';
import type { PostSource } from '../../src/collector/types';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/observability/logger';
import type { AppMetrics } from '../../src/observability/metrics';
import type { Store } from '../../src/repositories/store';
import { createService, type Service, type SourceFactory } from '../../src/service';
import { withTestDatabase } from './database';
import { pagesSource } from './sources';
import { expectMatchesSpec } from './spec';
import { jsonLineCapture } from './json-lines';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export type { SourceFactory };

export interface TestApp {
  http: Service['http'];
  collector: Collector;
  api: supertest.Agent;
  config: Readonly<Config>;
  dataSource: DataSource;
  store: Store;
  metrics: AppMetrics;
  /** every JSON log line the app wrote */
  logs: Record<string, unknown>[];
  /** what main.ts does next: listen (set PORT '0'), start the events relay, collect an empty database */
  start: Service['start'];
  close(): Promise<void>;
}

/**
 * The service from the composition root on a fresh database (SQLite, or PostgreSQL in the second pass), with its logs captured; `env` overrides
 * configuration. It does not listen: supertest drives its HTTP app directly.
 */
export async function buildTestApp(
  options: { env?: Record<string, string>; source?: PostSource | SourceFactory } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'twitter-api-test-'));
  const config = loadConfig(
    await withTestDatabase({
      DATABASE_PATH: join(dir, 'test.db'),
      ADMIN_TOKEN,
      TWEET_SOURCE: 'sample',
      ...options.env,
    }),
  );
  const { logs: lines, ...logs } = captureLogs();
  const service = await createService({ config, logs, source: options.source ?? pagesSource({}) });
  return {
    http: service.http,
    collector: service.collector,
    api: specCheckedAgent(service.http),
    config,
    dataSource: service.dataSource,
    store: service.store,
    metrics: service.metrics,
    logs: lines,
    start: () => service.start(),
    async close() {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A supertest agent whose every response is also checked against the OpenAPI description, so each
 * component test proves the spec true for what it exercised.
 */
function specCheckedAgent(http: Service['http']): supertest.Agent {
  const agent = supertest.agent(http);
  for (const method of ['get', 'post', 'put', 'patch', 'delete', 'head'] as const) {
    const original = agent[method].bind(agent);
    (agent as unknown as Record<string, unknown>)[method] = (url: string) =>
      original(url).expect(expectMatchesSpec);
  }
  return agent;
}

/** The real logger, writing its JSON lines to memory instead of stdout. */
export function captureLogs(): ReturnType<typeof createLogger> & { logs: Record<string, unknown>[] } {
  const { stream, lines: logs } = jsonLineCapture();
  return { ...createLogger({ level: 'debug', secrets: [ADMIN_TOKEN], console: stream }), logs };
}

export function captureLogger(): { logger: winston.Logger; logs: Record<string, unknown>[] } {
  const { logger, logs } = captureLogs();
  return { logger, logs };
}
