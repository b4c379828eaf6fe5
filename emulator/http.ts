import type http from 'node:http';

/** Writes a JSON answer; X's error objects (with title and type) go out as problem+json, as X sends them. */
export function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const problem =
    status >= 400 && typeof body === 'object' && body !== null && 'title' in body && 'type' in body;
  res.writeHead(status, {
    'content-type': `application/${problem ? 'problem+json' : 'json'}; charset=utf-8`,
    ...headers,
  });
  res.end(JSON.stringify(body));
}

export const NOT_FOUND = (path: string) => ({
  title: 'Not Found Error',
  detail: `Sorry, that page does not exist: ${path}`,
  type: 'about:blank',
  status: 404,
});

export const PARTIAL_ERROR = {
  value: '1',
  detail: 'Could not find user with id: [1].',
  title: 'Not Found Error',
  resource_type: 'user',
  parameter: 'id',
  resource_id: '1',
  type: 'https://api.twitter.com/2/problems/resource-not-found',
};

export const BAD_FAULTS = {
  title: 'Invalid Request',
  detail: 'the body must be a JSON object of faults',
  type: 'about:blank',
  status: 400,
};

export const BAD_CREDENTIALS = {
  errors: [{ code: 99, message: 'Unable to verify your credentials', label: 'authenticity_token_error' }],
};
