import express from 'express';
import supertest from 'supertest';
import { observeRequests, requestId } from '../../src/observability/http';
import { createLogger } from '../../src/observability/logger';
import { createMetrics } from '../../src/observability/metrics';
import { jsonLineCapture } from '../helpers/json-lines';

/** The request middleware alone on a logger at `level`, with its lines captured. */
function observedApp(level: string) {
  const { stream, lines } = jsonLineCapture();
  const { logger } = createLogger({ level, secrets: [], console: stream });
  // winston.Logger#write is where a line enters winston's format and transport streams.
  const written = jest.spyOn(logger, 'write');
  const http = express();
  http.use(requestId, observeRequests(createMetrics(), logger));
  http.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  http.get('/tweets', (_req, res) => void res.json({ data: [] }));
  return { api: supertest(http), lines, written };
}

describe('request lines below the log level', () => {
  test('when the level is info, then health checks never enter winston, and other requests are written', async () => {
    const { api, lines, written } = observedApp('info');

    await api.get('/healthz').expect(200);
    await api.get('/healthz').expect(200);
    await api.get('/tweets').expect(200);

    expect(written).toHaveBeenCalledTimes(1);
    expect(lines.map((line) => [line['log.level'], line.route])).toEqual([['info', '/tweets']]);
  });

  test('when the level is warn, then no successful request enters winston, and a 404 is written', async () => {
    const { api, lines, written } = observedApp('warn');

    await api.get('/tweets').expect(200);
    await api.get('/healthz').expect(200);
    await api.get('/nowhere').expect(404);

    expect(written).toHaveBeenCalledTimes(1);
    expect(lines.map((line) => [line['log.level'], line['http.response.status_code']])).toEqual([
      ['warn', 404],
    ]);
  });

  test('when the level is debug, then health checks are written at debug', async () => {
    const { api, lines } = observedApp('debug');

    await api.get('/healthz').expect(200);

    expect(lines.map((line) => [line['log.level'], line.route])).toEqual([['debug', '/healthz']]);
  });
});
