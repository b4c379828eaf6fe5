import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AREAS, ConfigError, DEFAULT_TAGS, loadConfig, secretsOf } from '../src/config';
import { settingsOf } from '../src/config/setting';

describe('configuration', () => {
  test('when nothing is set, then the documented defaults apply and the sample source is used', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      port: 5000,
      databasePath: 'data/twitter.db',
      tags: [...DEFAULT_TAGS],
      tweetsPerTag: 100,
      adminToken: undefined,
      logLevel: 'info',
      source: 'sample',
      xApi: { baseUrl: 'https://api.x.com', timeoutMs: 30000 },
      collect: { maxWaitSeconds: 60, intervalMinutes: 0, concurrency: 3 },
      logstash: undefined,
      trustProxy: ['loopback'],
      http: {
        headersTimeoutMs: 10000,
        requestTimeoutMs: 30000,
        keepAliveTimeoutMs: 5000,
        maxConnections: 1000,
      },
    });
    expect(Object.isFrozen(config) && Object.isFrozen(config.tags)).toBe(true);
  });

  test('when LOG_FORMAT is json or pretty, then it is kept; when empty or unset, it is left to the terminal check; anything else is refused', () => {
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: '' }).logFormat).toBeUndefined();
    expect(loadConfig({}).logFormat).toBeUndefined();
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  test('when X credentials are set, then the X API is the default source', () => {
    expect(loadConfig({ TWITTER_BEARER_TOKEN: 'b' }).source).toBe('x-api');
    expect(loadConfig({ TWITTER_CONSUMER_KEY: 'k', TWITTER_CONSUMER_SECRET: 's' }).source).toBe('x-api');
    expect(loadConfig({ TWITTER_BEARER_TOKEN: 'b', TWEET_SOURCE: 'sample' }).source).toBe('sample');
  });

  test('when variables are set but empty, as .env.example and docker-compose.yml leave them, then the defaults apply', () => {
    const config = loadConfig({
      TWEET_SOURCE: '',
      TAGS: '',
      TWITTER_BEARER_TOKEN: '',
      LOGSTASH_HOST: ' ',
      PORT: '',
    });

    expect(config).toMatchObject({
      source: 'sample',
      tags: [...DEFAULT_TAGS],
      port: 5000,
      logstash: undefined,
    });
  });

  test('when .env.example is used as it is, then it is a valid configuration', () => {
    const example = Object.fromEntries(
      readFileSync(join(__dirname, '..', '.env.example'), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z0-9_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );

    expect(loadConfig(example)).toMatchObject({
      port: 5000,
      source: 'sample',
      tags: [...DEFAULT_TAGS],
      adminToken: undefined,
    });
    expect(loadConfig(example).collect.intervalMinutes).toBe(0);
  });

  test.each([
    ['false', false],
    ['1', 1],
    [' 10.0.0.0/8 , loopback,2001:db8::/32 ', ['10.0.0.0/8', 'loopback', '2001:db8::/32']],
  ])('when TRUST_PROXY=%j, then Express gets %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  test.each(['true', 'proxy.example', '10.0.0.0/99', ','])(
    'when TRUST_PROXY=%j, then one line says what is allowed',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(
        new ConfigError(
          `Invalid TRUST_PROXY=${JSON.stringify(value)}: expected false, a number of proxies in front, or comma-separated addresses, CIDR ranges and loopback, linklocal, uniquelocal`,
        ),
      );
    },
  );

  test('when TAGS is given loosely, then tags are lowercased, prefixed with # and deduplicated', () => {
    expect(loadConfig({ TAGS: ' DevOps, #sre,devops ,, ' }).tags).toEqual(['#devops', '#sre']);
  });

  test('when TAGS holds letters with combining marks, a dotted capital I or decomposed letters, then each has one spelling', () => {
    expect(loadConfig({ TAGS: '#हिन्दी, İstanbul,#ISTANBUL, Cafe\u0301,#CAFÉ' }).tags).toEqual([
      '#हिन्दी',
      '#istanbul',
      '#café',
    ]);
  });

  test.each(['#\u0301accent', '#dev-ops', '#', '#' + 'a'.repeat(101)])(
    'when TAGS=%j, then one line says what a hashtag is',
    (tags) => {
      expect(() => loadConfig({ TAGS: tags })).toThrow(
        new ConfigError(
          `Invalid TAGS=${JSON.stringify(tags)}: expected comma-separated hashtags such as #devops,#sre`,
        ),
      );
    },
  );

  test('when COLLECTION_REQUEST_WAIT_MS is set, then a replica waits that long for the collector; below a second is refused', () => {
    expect(loadConfig({}).leader.requestWaitMs).toBe(600_000);
    expect(loadConfig({ COLLECTION_REQUEST_WAIT_MS: '90000' }).leader.requestWaitMs).toBe(90_000);
    expect(() => loadConfig({ COLLECTION_REQUEST_WAIT_MS: '999' })).toThrow(
      new ConfigError('Invalid COLLECTION_REQUEST_WAIT_MS="999": expected an integer from 1000 to 86400000'),
    );
  });

  test('when HTTP_HEADERS_TIMEOUT_MS exceeds HTTP_REQUEST_TIMEOUT_MS, then one line says so', () => {
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toThrow(
      new ConfigError(
        'Invalid HTTP_HEADERS_TIMEOUT_MS="20000": expected at most HTTP_REQUEST_TIMEOUT_MS (10000)',
      ),
    );
  });

  test('when LIVE_MAX_CLIENTS would leave other requests less than a quarter of HTTP_MAX_CONNECTIONS, then one line says so', () => {
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS: '100', LIVE_MAX_CLIENTS: '76' })).toThrow(
      new ConfigError(
        'Invalid LIVE_MAX_CLIENTS="76": expected at most three quarters of HTTP_MAX_CONNECTIONS (75), so other requests always find a connection',
      ),
    );
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS: '100' })).toThrow(
      new ConfigError(
        'Invalid LIVE_MAX_CLIENTS="500": expected at most three quarters of HTTP_MAX_CONNECTIONS (75), so other requests always find a connection',
      ),
    );
    expect(loadConfig({ HTTP_MAX_CONNECTIONS: '100', LIVE_MAX_CLIENTS: '75' }).live.maxClients).toBe(75);
  });

  test.each([
    ['PORT', 'abc', 'Invalid PORT="abc": expected an integer from 0 to 65535'],
    ['TWEETS_PER_TAG', '0', 'Invalid TWEETS_PER_TAG="0": expected an integer from 1 to 10000'],
    ['ADMIN_TOKEN', 'short', 'Invalid ADMIN_TOKEN=(hidden): expected at least 16 characters'],
    [
      'TAGS',
      '#ok,not a tag',
      'Invalid TAGS="#ok,not a tag": expected comma-separated hashtags such as #devops,#sre',
    ],
    [
      'TWEET_SOURCE',
      'x-api',
      'Invalid TWEET_SOURCE="x-api": expected TWITTER_BEARER_TOKEN, or TWITTER_CONSUMER_KEY and TWITTER_CONSUMER_SECRET',
    ],
    [
      'TWITTER_CONSUMER_KEY',
      'k',
      'Invalid TWITTER_CONSUMER_KEY/TWITTER_CONSUMER_SECRET: expected both or neither',
    ],
  ])('when %s=%s, then one line names the variable and what is allowed', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new ConfigError(message));
  });

  test('when secrets are configured, then secretsOf lists every one for log redaction', () => {
    const config = loadConfig({
      ADMIN_TOKEN: 'a'.repeat(20),
      TWITTER_BEARER_TOKEN: 'bearer-x',
      TWITTER_CONSUMER_KEY: 'key-x',
      TWITTER_CONSUMER_SECRET: 'secret-x',
    });

    expect(secretsOf(config).sort()).toEqual(['a'.repeat(20), 'bearer-x', 'key-x', 'secret-x'].sort());
  });

  test('when DATABASE_URL and NATS_URL carry credentials, then secretsOf lists their passwords and tokens, not the URLs', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://twitter:p%40ss@db.example:5432/twitter',
      NATS_URL: 'nats://app:nats-pass@a.example:4222,nats://token-x@b.example:4222,nats://c.example:4222',
    });

    expect(secretsOf(config)).toEqual(['p@ss', 'nats-pass', 'token-x']);
  });

  test('when a secret variable is invalid, then the error line hides its value', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db/twitter' })).toThrow(
      new ConfigError('Invalid DATABASE_URL=(hidden): expected a postgres:// or postgresql:// URL'),
    );
  });

  test('when .env.example is read, then it documents every variable the app reads', () => {
    const example = readFileSync(join(__dirname, '..', '.env.example'), 'utf8');

    expect(VARIABLES).toHaveLength(64);
    for (const variable of VARIABLES) expect(example).toMatch(new RegExp(`^${variable}=`, 'm'));
  });

  test('when the settings are listed, then each variable is declared once', () => {
    expect(new Set(VARIABLES).size).toBe(VARIABLES.length);
  });
});

const VARIABLES = AREAS.flatMap((area) => settingsOf(area.fields)).map((setting) => setting.env);
