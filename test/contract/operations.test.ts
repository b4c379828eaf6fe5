import { barePattern } from '../../src/resources/openapi/patterns';
import { schemaValidator, spec, specOperations } from '../helpers/spec';

const ADMIN = ['launchStream', 'stopStream', 'runCollection', 'deleteDatabase'];
/** what the client reads the input of: headers such as If-None-Match cannot be refused */
const takesInput = (operation: (typeof specOperations)[number]['operation']) =>
  operation.requestBody !== undefined || (operation.parameters ?? []).some((p) => p.in !== 'header');

describe('the operations of the OpenAPI description', () => {
  test('when listed, then each has its stable camelCase operationId, once', () => {
    const ids = specOperations.map(
      ({ method, path, operation }) => `${method} ${path} ${operation.operationId}`,
    );

    expect(ids).toEqual([
      'get /tweets getTweets',
      'get /tweets_per_hour getTweetsPerHour',
      'get /tweets_per_tag getTweetsPerTag',
      'get /tweets_per_country getTweetsPerCountry',
      'get /tweets_per_language getTweetsPerLanguage',
      'get /tweets_over_time getTweetsOverTime',
      'get / getLivePage',
      'get /insights getInsightsPage',
      'get /live/events getLiveEvents',
      'post /launch launchStream',
      'post /stop stopStream',
      'get /statistics getStreamStatistics',
      'get /healthz getLiveness',
      'get /readyz getReadiness',
      'get /metrics getMetrics',
      'get /openapi.json getOpenApiDocument',
      'get /docs getDocs',
      'get /database runCollection',
      'head /database headDatabase',
      'delete /database deleteDatabase',
    ]);
  });

  test('when their security is read, then the admin ones need the bearer token and every other says it needs none', () => {
    for (const { operation } of specOperations) {
      const expected = ADMIN.includes(operation.operationId) ? [{ adminToken: [] }] : [];
      expect({ id: operation.operationId, security: operation.security }).toEqual({
        id: operation.operationId,
        security: expected,
      });
    }
  });

  test('when an operation takes input or a token, then it documents the 4xx a client gets, as problem+json', () => {
    const documented = specOperations.map(({ operation }) => ({
      id: operation.operationId,
      statuses: Object.keys(operation.responses).filter((status) => status.startsWith('4')),
    }));
    const expected = specOperations.map(({ operation }) => ({
      id: operation.operationId,
      statuses: expect.arrayContaining([
        ...(takesInput(operation) ? ['400'] : []),
        ...(ADMIN.includes(operation.operationId) ? ['401', '429'] : []),
      ]) as unknown,
    }));

    expect(documented).toEqual(expected);
    for (const { operation } of specOperations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status.startsWith('4') && response.content)
          expect(Object.keys(response.content)).toEqual(['application/problem+json']);
      }
    }
  });
});

describe('the patterns of the OpenAPI description', () => {
  const launch = spec.components.schemas.LaunchRequest!;

  test('when a client validates a launch body against the document, then its own example and every kind of term pass', () => {
    const validate = schemaValidator(launch);
    const example = (launch as { properties: { track: { items: { example: string } } } }).properties.track
      .items.example;

    expect(validate({ track: [example] })).toBe(true);
    expect(validate({ track: ['bieber', '#devops', '#日本', '"site reliability"'] })).toBe(true);
    expect(validate({ track: ['two words'] })).toBe(false);
    expect(validate({ track: ['#dev-ops'] })).toBe(false);
  });

  test('when the document is read, then every pattern is a bare ECMA-262 source that compiles', () => {
    const patterns = [...JSON.stringify(spec).matchAll(/"pattern":("(?:[^"\\]|\\.)*")/g)].map(
      (match) => JSON.parse(match[1]!) as string,
    );

    expect(patterns.length).toBeGreaterThanOrEqual(10);
    for (const pattern of patterns) {
      expect(pattern).not.toMatch(/\/[a-z]+$/);
      expect(() => new RegExp(pattern, 'u')).not.toThrow();
    }
  });

  test.each([
    ['^a$/u', '^a$'],
    ['^[\\p{L}]+$/u', '^[\\p{L}]+$'],
    ['^a\\/u$', '^a\\/u$'],
    ['^a\\/u', '^a\\/u'],
    ['^a\\\\/u', '^a\\\\'],
    ['^\\d+$', '^\\d+$'],
  ])('when zod-to-openapi writes %s, then the document says %s', (written, bare) => {
    expect(barePattern(written)).toBe(bare);
  });

  test('when a pattern carries a flag that changes what matches, then the document is refused', () => {
    expect(() => barePattern('^a$/i')).toThrow('pattern ^a$/i: flags other than u cannot be described');
  });
});
