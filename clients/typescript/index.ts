import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, operations, paths } from './schema';
export type TwitterApiClient = Client<paths>;
/** Every error answer: RFC 9457 problem details. */
export type Problem = components['schemas']['Problem'];

/**
 * A client of every operation /openapi.json describes, its parameters, bodies and answers typed:
 * `data` is the 2xx body, `error` the problem+json of a 4xx or 5xx. With `adminToken`, every
 * request carries it as the bearer token the admin operations need.
 */
export function createTwitterApiClient(
  options: ClientOptions & { baseUrl: string; adminToken?: string },
): TwitterApiClient {
  const { adminToken, ...rest } = options;
  return createClient<paths>({
    ...rest,
    ...(adminToken !== undefined && { headers: { Authorization: `Bearer ${adminToken}` } }),
  });
}
