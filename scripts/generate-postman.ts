import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/observability/logger';
import { createService } from '../src/service';
import { BAD_TOKEN, postmanCollection, postmanItem, type SavedAnswer } from './postman-collection';
import { REQUESTS, type PostmanRequest } from './postman-requests';

const ADMIN = 'postman-example-admin-token';
const OUTPUT = join(__dirname, '..', 'postman-twitter-api.json');

/** Writes postman-twitter-api.json: every request with its tests, and the app's real answer on the sample as its example. */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'postman-'));
  const config = loadConfig({ DATABASE_PATH: join(dir, 'p.db'), ADMIN_TOKEN: ADMIN, TWEET_SOURCE: 'sample' });
  const app = await createService({ config, logs: createLogger({ level: 'error', secrets: [ADMIN] }) });
  await app.collector.run('first-start');
  const server = app.http.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const saved: Record<string, string> = { nextCursor: '' };
  const items = [];
  for (const request of REQUESTS) {
    const path = request.path.replace('{{nextCursor}}', encodeURIComponent(saved.nextCursor!));
    const res = await fetch(base + path, {
      method: request.method,
      headers: {
        ...headersOf(request),
        ...(request.body !== undefined && { 'Content-Type': 'application/json' }),
      },
      ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
    });
    const answer = await savedAnswer(res);
    if (request.name === 'Tweets, first page')
      saved.nextCursor = (JSON.parse(answer.body) as { next_cursor: string }).next_cursor;
    if (answer.code !== request.status)
      throw new Error(`${request.name}: expected ${request.status}, got ${answer.code}`);
    items.push(postmanItem(request, answer));
  }
  await new Promise((resolve) => server.close(resolve));
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(OUTPUT, `${JSON.stringify(postmanCollection(items), null, 2)}\n`);
  process.stdout.write(`wrote ${OUTPUT} with ${items.length} requests\n`);
}

function headersOf(request: PostmanRequest): Record<string, string> {
  if (request.auth === 'admin') return { Authorization: `Bearer ${ADMIN}` };
  if (request.auth === 'wrong') return { Authorization: `Bearer ${BAD_TOKEN}` };
  return {};
}

async function savedAnswer(res: Response): Promise<SavedAnswer> {
  const contentType = res.headers.get('content-type') ?? '';
  const text = await res.text();
  return {
    code: res.status,
    status: res.statusText,
    contentType,
    // Pretty JSON, but the OpenAPI description stays on one line.
    body:
      text && contentType.includes('json') && text.length < 10_000
        ? JSON.stringify(JSON.parse(text), null, 2)
        : text,
  };
}

void main();
