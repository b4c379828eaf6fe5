import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import type { DataSource } from 'typeorm';
import type winston from 'winston';
import { createApp, type App } from '../../src/app';
import type { PostSource } from '../../src/collector/types';
import { loadConfig, type Config } from '../../src/config';
import { closeDatabase, openDatabase } from '../../src/database';
import { createLogger } from '../../src/observability/logger';
import { createMetrics, type AppMetrics } from '../../src/observability/metrics';
import { pagesSource } from './sources';
import { expectMatchesSpec } from './spec';
import { jsonLineCapture } from './json-lines';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp extends App {
  api: supertest.Agent;
  config: Readonly<Config>;
  dataSource: DataSource;
  metrics: AppMetrics;
  /** every JSON log line the app wrote */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** The real app on a fresh SQLite file, with its logs captured; `env` overrides configuration. */
export type SourceFactory = (deps: {
  config: Readonly<Config>;
  logger: winston.Logger;
  metrics: AppMetrics;
}) => PostSource;

export async function buildTestApp(
  options: { env?: Record<string, string>; source?: PostSource | SourceFactory } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'twitter-api-test-'));
  const config = loadConfig({
    DATABASE_PATH: join(dir, 'test.db'),
    ADMIN_TOKEN,
    TWEET_SOURCE: 'sample',
    ...options.env,
  });
  const dataSource = await openDatabase(config.databasePath, { busyRetryMs: config.databaseBusyRetryMs });
  const metrics = createMetrics({ collectIntervalMinutes: config.collect.intervalMinutes });
  const { logger, logs } = captureLogger();
  const app = createApp({
    config,
    adminToken: ADMIN_TOKEN,
    dataSource,
    logger,
    metrics,
    source:
      typeof options.source === 'function'
        ? options.source({ config, logger, metrics })
        : (options.source ?? pagesSource({})),
  });
  return {
    ...app,
    api: specCheckedAgent(app.http),
    config,
    dataSource,
    metrics,
    logs,
    async close() {
      await app.collector.stop();
      await closeDatabase(dataSource);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A supertest agent whose every response is also checked against the OpenAPI description, so each
 * component test proves the spec true for what it exercised.
 */
function specCheckedAgent(http: App['http']): supertest.Agent {
  const agent = supertest.agent(http);
  for (const method of ['get', 'post', 'put', 'patch', 'delete', 'head'] as const) {
    const original = agent[method].bind(agent);
    (agent as unknown as Record<string, unknown>)[method] = (url: string) =>
      original(url).expect(expectMatchesSpec);
  }
  return agent;
}

/** The real logger, writing its JSON lines to memory instead of stdout. */
export function captureLogger(): { logger: winston.Logger; logs: Record<string, unknown>[] } {
  const { stream, lines: logs } = jsonLineCapture();
  const { logger } = createLogger({ level: 'debug', secrets: [ADMIN_TOKEN], console: stream });
  return { logger, logs };
}
