/**
 * Examples shown in the OpenAPI description. The success bodies and the 400/401 problems are real
 * answers of the app on the bundled synthetic sample (default tags), with lists cut short;
 * test/contract/openapi-examples.test.ts proves each one is still a prefix of what the app answers.
 * Request ids (`instance`, `run_id`) and times differ on every call. The 502 is illustrative: the
 * sample never fails, so it is written from the message the collector gives for refused credentials;
 * so is the partly restored 200, from the message of a tag that kept getting 503.
 * The 429 is written from the limiter's message (test/api/admin-auth-limit.test.ts checks its form).
 */
import { AGGREGATE_EXAMPLES } from '../aggregates/examples';
import { DATABASE_EXAMPLES } from '../database/examples';
import { TWEETS_EXAMPLES } from '../tweets/examples';

/** The problems several resources answer, and every resource's examples gathered (for the examples test). */
export const EXAMPLES = {
  ...TWEETS_EXAMPLES,
  ...AGGREGATE_EXAMPLES,
  ...DATABASE_EXAMPLES,
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
} as const;
