/**
 * Examples shown in the OpenAPI description. The success bodies and the 400/401 problems are real
 * answers of the app on the bundled synthetic sample (default tags), with lists cut short;
 * test/contract/openapi-examples.test.ts proves each one is still a prefix of what the app answers.
 * Request ids (`instance`, `run_id`) and times differ on every call. The 502 is illustrative: the
 * sample never fails, so it is written from the message the collector gives for refused credentials;
 * so is the partly restored 200, from the message of a tag that kept getting 503.
 * The 429 is written from the limiter's message (test/api/admin-auth-limit.test.ts checks its form).
 */

const PER_HOUR_UTC = [
  33, 41, 30, 33, 33, 33, 52, 33, 36, 37, 34, 37, 27, 22, 34, 36, 38, 43, 31, 36, 35, 26, 36, 34,
];

const firstRun = {
  run_id: '3140d5d8-621a-4aaf-a60b-e6e67aff8525',
  trigger: 'request',
  source: 'sample',
  outcome: 'success',
  started_at: '2026-11-25T05:00:45.520Z',
  finished_at: '2026-11-25T05:00:45.606Z',
  duration_ms: 86,
  error: null,
  tags: [
    {
      tag: '#openbanking',
      status: 'ok',
      returned: 100,
      new_posts: 100,
      pages: 1,
      incomplete: false,
      error: null,
    },
    {
      tag: '#remediation',
      status: 'ok',
      returned: 100,
      new_posts: 96,
      pages: 1,
      incomplete: false,
      error: null,
    },
  ],
};

const refusedCredentials =
  'the X API rejected the credentials (401 Unauthorized): check TWITTER_BEARER_TOKEN, or TWITTER_CONSUMER_KEY and TWITTER_CONSUMER_SECRET';

export const EXAMPLES = {
  tweets: {
    tweets: [
      {
        id: '2123747800834376980',
        tweet: '🚀🚀🚀 #Observability',
        author: 'Maria Smith',
        username: 'mariasmith_304',
        followers: 7868,
        created: '2026-11-20T11:58:27.000Z',
        lang: 'und',
        country: 'Berlin',
        rash: '#observability',
      },
      {
        id: '2123742555316159763',
        tweet: 'La supervision, c’est un travail d’équipe 💪 #observability',
        author: 'Ana Yılmaz | Security',
        username: 'anaylmaz_439',
        followers: 1042,
        created: '2026-11-20T11:37:37.000Z',
        lang: 'fr',
        country: 'Lagos',
        rash: '#observability',
      },
    ],
    next_cursor: 'WyIyMDI2LTExLTIwVDExOjM3OjM3LjAwMFoiLCIyMTIzNzQyNTU1MzE2MTU5NzYzIiwiI29ic2VydmFiaWxpdHkiXQ',
  },
  authors: {
    authors: [
      { author: 'Jonas Okafor', username: 'jonasokafo_985', followers: 730031, tweets: 1 },
      { author: 'Kwame Mensah', username: 'kwamemensa_166', followers: 656299, tweets: 1 },
    ],
  },
  perHour: {
    tweets_per_hour: PER_HOUR_UTC.map((tweets, hour) => ({
      at_hour: `${String(hour).padStart(2, '0')}:00`,
      tweets,
    })),
  },
  perTag: {
    tweets_per_tags: [
      [
        { rash: '#openbanking', lang: 'en', tweets: 44 },
        { rash: '#openbanking', lang: 'es', tweets: 13 },
        { rash: '#openbanking', lang: 'pt', tweets: 11 },
      ],
      [
        { rash: '#remediation', lang: 'en', tweets: 47 },
        { rash: '#remediation', lang: 'pt', tweets: 15 },
        { rash: '#remediation', lang: 'es', tweets: 8 },
      ],
    ],
  },
  perCountry: {
    tweets_per_country: [
      { country: null, tweets: 281 },
      { country: 'Madrid', tweets: 35 },
      { country: 'Cairo, Egypt', tweets: 29 },
      { country: 'Lisbon, Portugal', tweets: 29 },
      { country: '東京', tweets: 26 },
    ],
  },
  restored: {
    message: 'database has been restored',
    failed_tags: [],
    collected: { '#openbanking': 100, '#remediation': 96 },
    summary: firstRun,
  },
  partlyRestored: {
    message: 'database has been partly restored; 1 of 2 tags did not complete: #remediation (failed)',
    failed_tags: ['#remediation'],
    collected: { '#openbanking': 100, '#remediation': 0 },
    summary: {
      ...firstRun,
      source: 'x-api',
      outcome: 'partial',
      tags: [
        firstRun.tags[0],
        {
          tag: '#remediation',
          status: 'failed',
          returned: 0,
          new_posts: 0,
          pages: 0,
          incomplete: false,
          error: 'the X API answered 503 Service Unavailable (page 1, attempt 4 of 4)',
        },
      ],
    },
  },
  dropped: { message: 'database has been dropped' },
  badLimit: {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'limit: must be an integer from 1 to 1000',
    instance: '66049923-e1df-405a-9769-6574585353b8',
  },
  badZone: {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'tz: must be an IANA time zone such as UTC or America/Sao_Paulo',
    instance: 'e6832cc4-c94d-4a5e-8b64-39195b817fb7',
  },
  unauthorized: {
    type: 'about:blank',
    title: 'Unauthorized',
    status: 401,
    detail: 'this endpoint requires Authorization: Bearer <ADMIN_TOKEN>',
    instance: '0b7c2f52-3a57-4f0e-9d4b-6a1f1f7d2c11',
  },
  tooManyFailedAuth: {
    type: 'about:blank',
    title: 'Too Many Requests',
    status: 429,
    detail: 'too many failed admin authentications from this client; retry in 742 s',
    instance: '9e1c4b7a-2d3f-4a8e-b5c6-0f1e2d3c4b5a',
  },
  databaseBusy: {
    type: 'about:blank',
    title: 'Service Unavailable',
    status: 503,
    detail: 'the database is busy with another writer (waited 10000 ms); try again shortly',
    instance: '5d0c6a1e-8f2b-4c3d-9e7a-1b2c3d4e5f60',
  },
  collectionFailed: {
    type: 'about:blank',
    title: 'Bad Gateway',
    status: 502,
    detail: refusedCredentials,
    instance: '5d0f3c1e-8a4b-4f5e-b0a2-7f9c6e3d2a10',
    summary: {
      ...firstRun,
      source: 'x-api',
      outcome: 'failed',
      duration_ms: 212,
      error: refusedCredentials,
      tags: [
        {
          tag: '#openbanking',
          status: 'failed',
          returned: 0,
          new_posts: 0,
          pages: 0,
          incomplete: false,
          error: refusedCredentials,
        },
      ],
    },
  },
} as const;
