import { z } from 'zod';
import { area, presentWhen, setting } from './setting';
import { integer, text } from './schemas';

export const observabilityArea = area({
  title: 'Logs',
  about:
    'Log lines go to the console, and to Logstash over TCP (JSON lines) when `LOGSTASH_HOST` is set. ' +
    'Secret values never appear in them.',
  fields: {
    logLevel: setting('LOG_LEVEL', z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']), {
      default: 'info',
      doc: 'the least severe level logged: `error`, `warn`, `info`, `http`, `verbose`, `debug` or `silly`',
    }),
    logFormat: setting('LOG_FORMAT', z.enum(['json', 'pretty']), {
      shown: '`json`, or `pretty` on a terminal',
      doc: 'console lines: `json` (one Elastic Common Schema object per line) or `pretty` (readable); Logstash always gets JSON',
    }),
    logstash: presentWhen('host', {
      host: setting('LOGSTASH_HOST', text, {
        doc: 'ship JSON log lines to Logstash over TCP when set',
      }),
      port: setting('LOGSTASH_PORT', integer(1, 65535), { default: 5000, doc: "Logstash's TCP port" }),
      queueLimit: setting('LOGSTASH_QUEUE_LIMIT', integer(1, 1000000), {
        default: 10000,
        doc: 'lines kept while Logstash is down; the oldest are dropped beyond it, and counted',
      }),
    }),
  },
});
