/** The requests of the Postman collection, with the checks each runs (Postman test scripts). */
export interface PostmanRequest {
  name: string;
  method: 'GET' | 'DELETE' | 'POST' | 'HEAD';
  path: string;
  auth?: 'admin' | 'wrong';
  status: number;
  /** the content type expected; default application/json, or application/problem+json from 400 */
  type?: string;
  /** shown in Postman under the request */
  description?: string;
  /** a JSON request body */
  body?: unknown;
  /** JavaScript run by Postman/newman after the response, besides the status and content-type checks */
  checks: string[];
}

const problem = [
  'const body = pm.response.json();',
  "pm.test('is a problem with the request id', () => { pm.expect(body).to.include.keys('type', 'title', 'status', 'detail', 'instance'); pm.expect(body.instance).to.eql(pm.response.headers.get('X-Request-Id')); });",
];

const bearerChallenge = [
  "pm.test('asks for the bearer token', () => pm.expect(pm.response.headers.get('WWW-Authenticate')).to.match(/^Bearer /));",
];

export const REQUESTS: PostmanRequest[] = [
  {
    name: 'Tweets, first page',
    method: 'GET',
    path: '/tweets?limit=5',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('five entries with the original keys', () => { pm.expect(body.tweets).to.have.length(5); body.tweets.forEach((t) => pm.expect(t).to.have.all.keys('id', 'tweet', 'author', 'username', 'followers', 'created', 'lang', 'country', 'rash')); });",
      "pm.test('newest first', () => { const c = body.tweets.map((t) => t.created); pm.expect([...c].sort().reverse()).to.eql(c); });",
      "pm.collectionVariables.set('nextCursor', body.next_cursor);",
      "pm.collectionVariables.set('lastOfFirstPage', body.tweets[4].id + body.tweets[4].rash);",
    ],
  },
  {
    name: 'Tweets, next page by cursor',
    method: 'GET',
    path: '/tweets?limit=5&cursor={{nextCursor}}',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('continues after the first page', () => { pm.expect(body.tweets).to.have.length(5); pm.expect(body.tweets.map((t) => t.id + t.rash)).to.not.include(pm.collectionVariables.get('lastOfFirstPage')); });",
    ],
  },
  {
    name: 'Tweets of one tag and language',
    method: 'GET',
    path: '/tweets?tag=devops&lang=en&limit=20',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('only #devops in en', () => { pm.expect(body.tweets.length).to.be.above(0); body.tweets.forEach((t) => { pm.expect(t.rash).to.eql('#devops'); pm.expect(t.lang).to.eql('en'); }); });",
    ],
  },
  {
    name: 'Top authors by followers',
    method: 'GET',
    path: '/tweets?order_by_followers_desc=5',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('five distinct authors, most followers first', () => { pm.expect(body.authors).to.have.length(5); const f = body.authors.map((a) => a.followers); pm.expect([...f].sort((a, b) => b - a)).to.eql(f); pm.expect(new Set(body.authors.map((a) => a.username)).size).to.eql(5); body.authors.forEach((a) => pm.expect(a).to.have.all.keys('author', 'username', 'followers', 'tweets')); });",
    ],
  },
  {
    name: 'Tweets per hour (UTC)',
    method: 'GET',
    path: '/tweets_per_hour',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('24 hours, zero-filled', () => { pm.expect(body.tweets_per_hour.map((h) => h.at_hour)).to.eql([...Array(24).keys()].map((h) => String(h).padStart(2, '0') + ':00')); });",
      "pm.collectionVariables.set('postsUtc', body.tweets_per_hour.reduce((s, h) => s + h.tweets, 0));",
    ],
  },
  {
    name: 'Tweets per hour in São Paulo',
    method: 'GET',
    path: '/tweets_per_hour?tz=America/Sao_Paulo',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('the same posts, in local hours', () => { pm.expect(body.tweets_per_hour).to.have.length(24); pm.expect(body.tweets_per_hour.reduce((s, h) => s + h.tweets, 0)).to.eql(Number(pm.collectionVariables.get('postsUtc'))); });",
    ],
  },
  {
    name: 'Tweets per tag and language',
    method: 'GET',
    path: '/tweets_per_tag',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('one array per tag, each entry of one tag', () => { pm.expect(body.tweets_per_tags.length).to.be.at.least(10); body.tweets_per_tags.forEach((list) => { pm.expect(new Set(list.map((e) => e.rash)).size).to.be.at.most(1); list.forEach((e) => pm.expect(e).to.have.all.keys('rash', 'lang', 'tweets')); }); });",
    ],
  },
  {
    name: 'Tweets per country',
    method: 'GET',
    path: '/tweets_per_country',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('most first, with null for no country', () => { const n = body.tweets_per_country.map((c) => c.tweets); pm.expect([...n].sort((a, b) => b - a)).to.eql(n); pm.expect(body.tweets_per_country.some((c) => c.country === null)).to.be.true; });",
    ],
  },
  {
    name: 'Run a collection',
    method: 'GET',
    path: '/database',
    auth: 'admin',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('restored, with the summary', () => { pm.expect(body.message).to.eql('database has been restored'); pm.expect(body.failed_tags).to.eql([]); pm.expect(body.summary.tags.length).to.eql(Object.keys(body.collected).length); pm.expect(body.summary.outcome).to.eql('success'); });",
    ],
  },
  {
    name: 'Health',
    method: 'GET',
    path: '/healthz',
    status: 200,
    checks: ["pm.test('ok', () => pm.expect(pm.response.json()).to.eql({ status: 'ok' }));"],
  },
  {
    name: 'Readiness',
    method: 'GET',
    path: '/readyz',
    status: 200,
    checks: [
      "pm.test('ready, the database answering', () => pm.expect(pm.response.json()).to.eql({ status: 'ready', checks: { database: 'ok' } }));",
    ],
  },
  {
    name: 'Metrics',
    method: 'GET',
    path: '/metrics',
    status: 200,
    type: 'text/plain',
    checks: [
      'pm.test(\'Prometheus text with the request and collection metrics\', () => { const text = pm.response.text(); pm.expect(text).to.match(/^# HELP http_requests_total /m); pm.expect(text).to.match(/^twitterapi_collected_posts_total\\{tag="#devops"\\} [1-9]/m); });',
    ],
  },
  {
    name: 'OpenAPI description',
    method: 'GET',
    path: '/openapi.json',
    status: 200,
    checks: [
      "pm.test('OpenAPI 3.1 with every endpoint', () => { const d = pm.response.json(); pm.expect(d.openapi).to.eql('3.1.0'); pm.expect(d.paths).to.have.all.keys('/tweets', '/tweets_per_hour', '/tweets_per_tag', '/tweets_per_country', '/database', '/launch', '/stop', '/statistics', '/healthz', '/readyz', '/metrics', '/openapi.json', '/docs'); });",
    ],
  },
  {
    name: 'Swagger UI',
    method: 'GET',
    path: '/docs',
    status: 200,
    type: 'text/html',
    description: 'Redirects to /docs/, the page; Postman follows the redirect.',
    checks: [
      `pm.test('the Swagger UI page, its scripts served by the app', () => { const page = pm.response.text(); pm.expect(page).to.include('<div id="swagger-ui">'); pm.expect(page).to.include('src="./swagger-ui-bundle.js"'); pm.expect(page).to.not.match(/src="https?:/); });`,
    ],
  },
  {
    name: 'Error: limit out of range',
    method: 'GET',
    path: '/tweets?limit=0',
    status: 400,
    checks: [
      ...problem,
      "pm.test('names the parameter', () => pm.expect(body.detail).to.eql('limit: must be an integer from 1 to 1000'));",
    ],
  },
  {
    name: 'Error: unknown query parameter',
    method: 'GET',
    path: '/tweets?limit=5&sort=asc',
    status: 400,
    checks: [
      ...problem,
      "pm.test('names it', () => pm.expect(body.detail).to.eql('unknown query parameter(s): sort'));",
    ],
  },
  {
    name: 'Error: order_by_followers_desc with another parameter',
    method: 'GET',
    path: '/tweets?order_by_followers_desc=5&limit=5',
    status: 400,
    checks: [
      ...problem,
      "pm.test('says it stands alone', () => pm.expect(body.detail).to.eql('order_by_followers_desc: cannot be combined with other parameters'));",
    ],
  },
  {
    name: 'Error: order_by_followers_desc not a number',
    method: 'GET',
    path: '/tweets?order_by_followers_desc=ten',
    status: 400,
    checks: [
      ...problem,
      "pm.test('names the parameter', () => pm.expect(body.detail).to.match(/^order_by_followers_desc:/));",
    ],
  },
  {
    name: 'Error: unknown time zone',
    method: 'GET',
    path: '/tweets_per_hour?tz=Mars/Olympus',
    status: 400,
    checks: [...problem, "pm.test('names the parameter', () => pm.expect(body.detail).to.match(/^tz:/));"],
  },
  {
    name: 'Error: collection without the admin token',
    method: 'GET',
    path: '/database',
    status: 401,
    checks: [...problem, ...bearerChallenge],
  },
  {
    name: 'Error: drop with a wrong token',
    method: 'DELETE',
    path: '/database',
    auth: 'wrong',
    status: 401,
    checks: [...problem, ...bearerChallenge],
  },
  { name: 'Error: unknown path', method: 'GET', path: '/no/such/thing', status: 404, checks: [...problem] },
  {
    name: 'Error: wrong method',
    method: 'POST',
    path: '/tweets',
    status: 405,
    checks: [
      ...problem,
      "pm.test('says what is allowed', () => pm.expect(pm.response.headers.get('Allow')).to.eql('GET, HEAD'));",
    ],
  },
  {
    name: 'Error: HEAD does not run a collection',
    method: 'HEAD',
    path: '/database',
    auth: 'admin',
    status: 405,
    checks: [
      "pm.test('says what is allowed', () => pm.expect(pm.response.headers.get('Allow')).to.eql('GET, DELETE'));",
    ],
  },
  {
    name: 'Launch a stream run',
    method: 'POST',
    path: '/launch',
    auth: 'admin',
    body: { track: ['#devops', 'sre'] },
    status: 200,
    description:
      'Follows the X filtered stream (or, without X credentials, the sample replayed live) for these terms.',
    checks: [
      'const body = pm.response.json();',
      "pm.test('started, with its terms', () => { pm.expect(body.process_started).to.eql(true); pm.expect(body.track).to.eql(['#devops', 'sre']); });",
    ],
  },
  {
    name: 'Stream statistics',
    method: 'GET',
    path: '/statistics',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('the running run is current', () => { pm.expect(body.current.track).to.eql(['#devops', 'sre']); pm.expect(body.runs[0].id).to.eql(body.current.id); pm.expect(body.amount).to.be.at.least(body.current.amount); });",
    ],
  },
  {
    name: 'Stop the stream run',
    method: 'POST',
    path: '/stop',
    auth: 'admin',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('stopped, every post counted once', () => { pm.expect(body.process_stopped).to.eql(true); pm.expect(body.run.end_reason).to.eql('stopped'); pm.expect(body.run.stored + body.run.duplicates).to.eql(body.run.amount); });",
    ],
  },
  {
    name: 'Error: stop with no stream run',
    method: 'POST',
    path: '/stop',
    auth: 'admin',
    status: 409,
    checks: [...problem],
  },
  {
    name: 'Error: launch with no terms',
    method: 'POST',
    path: '/launch',
    auth: 'admin',
    body: { track: [] },
    status: 400,
    checks: [...problem, "pm.test('names the field', () => pm.expect(body.detail).to.match(/^track:/));"],
  },
  {
    name: 'Drop the database',
    method: 'DELETE',
    path: '/database',
    auth: 'admin',
    status: 200,
    checks: [
      "pm.test('dropped', () => pm.expect(pm.response.json()).to.eql({ message: 'database has been dropped' }));",
    ],
  },
  {
    name: 'Restore it',
    method: 'GET',
    path: '/database',
    auth: 'admin',
    status: 200,
    checks: [
      "pm.test('collected again', () => pm.expect(Object.values(pm.response.json().collected).reduce((a, b) => a + b, 0)).to.be.above(0));",
    ],
  },
];
