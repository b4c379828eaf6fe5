/** Examples of this resource's answers in the OpenAPI description (see src/resources/openapi/examples.ts). */
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

export const DATABASE_EXAMPLES = {
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
  collectorTimedOut: {
    type: 'about:blank',
    title: 'Gateway Timeout',
    status: 504,
    detail: 'the collector replica did not finish within 600 s; it goes on',
    instance: '0b6f2a4c-3d1e-4c8f-9a7b-2e5d8c1f4a36',
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
