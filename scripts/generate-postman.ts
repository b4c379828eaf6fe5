import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import winston from 'winston';
import { createApp } from '../src/app';
import { createSource } from '../src/collector/sources';
import { loadConfig } from '../src/config';
import { closeDatabase, openDatabase } from '../src/database';
import { createMetrics } from '../src/observability/metrics';
import { REQUESTS, type PostmanRequest } from './postman-requests';

const ADMIN = 'postman-example-admin-token';

/** Builds postman-twitter-api.json: every request with its checks, and a real answer of the app on the sample as its example. */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'postman-'));
  const config = loadConfig({ DATABASE_PATH: join(dir, 'p.db'), ADMIN_TOKEN: ADMIN, TWEET_SOURCE: 'sample' });
  const dataSource = await openDatabase(config.databasePath);
  const logger = winston.createLogger({ silent: true });
  const metrics = createMetrics();
  const app = createApp({ config, adminToken: ADMIN, dataSource, logger, metrics, source: createSource(config, { logger, metrics }) });
  await app.collector.run('cli');
  const server = app.http.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let cursor = '';
  const items = [];
  for (const request of REQUESTS) {
    const path = request.path.replace('{{nextCursor}}', cursor);
    const res = await fetch(base + path, { method: request.method, headers: headersOf(request, ADMIN) });
    const text = await res.text();
    if (request.name === 'Tweets, first page') cursor = JSON.parse(text).next_cursor;
    items.push(itemOf(request, res, text.length > 4000 ? `${text.slice(0, 4000)}...` : text));
  }
  server.close();
  await closeDatabase(dataSource);
  rmSync(dir, { recursive: true, force: true });
  const collection = {
    info: {
      name: 'twitter-api',
      description: 'Every endpoint of twitter-api and its notable errors, with tests. Set baseUrl and adminToken. Examples: the app on its bundled synthetic sample.',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    variable: [
      { key: 'baseUrl', value: 'http://localhost:5000' },
      { key: 'adminToken', value: 'change-me-to-a-long-random-string' },
      { key: 'nextCursor', value: '' },
    ],
    item: items,
  };
  writeFileSync('postman-twitter-api.json', `${JSON.stringify(collection, null, 2)}\n`);
  process.stdout.write(`wrote postman-twitter-api.json with ${items.length} requests\n`);
}

function headersOf(request: PostmanRequest, token: string): Record<string, string> {
  if (request.auth === 'admin') return { Authorization: `Bearer ${token}` };
  if (request.auth === 'wrong') return { Authorization: 'Bearer not-the-admin-token' };
  return {};
}

function itemOf(request: PostmanRequest, res: Response, body: string) {
  const [path, query] = request.path.split('?') as [string, string | undefined];
  const url = {
    raw: `{{baseUrl}}${request.path}`,
    host: ['{{baseUrl}}'],
    path: path.split('/').filter(Boolean),
    ...(query && { query: query.split('&').map((pair) => ({ key: pair.split('=')[0], value: pair.split('=').slice(1).join('=') })) }),
  };
  const header = request.auth
    ? [{ key: 'Authorization', value: request.auth === 'admin' ? 'Bearer {{adminToken}}' : 'Bearer not-the-admin-token' }]
    : [];
  const type = request.status >= 400 ? 'application/problem+json' : 'application/json';
  const exec = [
    `pm.test('status is ${request.status}', () => pm.response.to.have.status(${request.status}));`,
    `pm.test('content type is ${type}', () => pm.expect(pm.response.headers.get('Content-Type')).to.match(/^${type.replace('/', '\\/').replace('+', '\\+')}/));`,
    ...request.checks,
  ];
  return {
    name: request.name,
    event: [{ listen: 'test', script: { type: 'text/javascript', exec } }],
    request: { method: request.method, header, url },
    response: [
      {
        name: `${res.status} example (sample data)`,
        originalRequest: { method: request.method, header, url },
        status: res.statusText,
        code: res.status,
        header: [{ key: 'Content-Type', value: res.headers.get('content-type') }],
        body,
      },
    ],
  };
}

void main();
