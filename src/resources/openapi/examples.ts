/**
 * An example in the OpenAPI description. One with a `request` is a real answer of the app to that GET
 * on the bundled synthetic sample (default tags), lists cut short: test/contract/openapi-examples.test.ts
 * replays every one, and the Postman collection gets a request for it when its operation has none
 * written (scripts/postman-requests.ts). Request ids (`instance`, `run_id`) and times differ on every call.
 * The others illustrate answers the sample cannot give (the 502s, the busy database), written from the
 * messages the app gives.
 */
export interface Example<T = unknown> {
  value: T;
  request?: string;
}

export const answerTo = <T>(request: string, value: T): Example<T> => ({ request, value });
export const exampleOf = <T>(value: T): Example<T> => ({ value });

/** A 4xx or 5xx problem as src/errors.ts writes it. */
export const problemOf = (status: number, title: string, detail: string, instance: string) => ({
  type: 'about:blank',
  title,
  status,
  detail,
  instance,
});

/** The problems several resources answer. The 429 is written from the limiter's message (test/api/admin-auth-limit.test.ts checks its form). */
export const SHARED_EXAMPLES = {
  unauthorized: answerTo(
    '/database',
    problemOf(
      401,
      'Unauthorized',
      'this endpoint requires Authorization: Bearer <ADMIN_TOKEN>',
      '0b7c2f52-3a57-4f0e-9d4b-6a1f1f7d2c11',
    ),
  ),
  tooManyFailedAuth: exampleOf(
    problemOf(
      429,
      'Too Many Requests',
      'too many failed admin authentications from this client; retry in 742 s',
      '9e1c4b7a-2d3f-4a8e-b5c6-0f1e2d3c4b5a',
    ),
  ),
  databaseBusy: exampleOf(
    problemOf(
      503,
      'Service Unavailable',
      'the database is busy with another writer (waited 10000 ms); try again shortly',
      '5d0c6a1e-8f2b-4c3d-9e7a-1b2c3d4e5f60',
    ),
  ),
};
