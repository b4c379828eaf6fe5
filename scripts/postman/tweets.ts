import { problem, type PostmanRequest } from './request';

/** The requests of the collection that exercise this resource, in the order they run. */
export const POSTMAN_REQUESTS: PostmanRequest[] = [
  {
    name: 'Tweets, first page',
    method: 'GET',
    path: '/tweets?limit=5',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('five entries with the original keys', () => { pm.expect(body.tweets).to.have.length(5); body.tweets.forEach((t) => pm.expect(t).to.have.all.keys('id', 'tweet', 'author', 'username', 'followers', 'created', 'lang', 'country', 'country_name', 'rash')); });",
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
    name: 'Search: posts with a word, in one language',
    method: 'GET',
    path: '/tweets?q=supervision&lang=fr&limit=20',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('every entry has the word, in fr, newest first', () => { pm.expect(body.tweets.length).to.be.above(0); body.tweets.forEach((t) => { pm.expect(t.tweet.toLowerCase()).to.include('supervision'); pm.expect(t.lang).to.eql('fr'); }); const c = body.tweets.map((t) => t.created); pm.expect([...c].sort().reverse()).to.eql(c); });",
    ],
  },
  {
    name: 'Search: quotes and operators are plain words',
    method: 'GET',
    path: '/tweets?q=%22supervision%22%20OR%20NEAR(*',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('no post has all of supervision, OR and NEAR', () => pm.expect(body.tweets).to.eql([]));",
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
    name: 'Error: order_by_followers_desc with limit',
    method: 'GET',
    path: '/tweets?order_by_followers_desc=5&limit=5',
    status: 400,
    checks: [
      ...problem,
      "pm.test('says it takes no paging', () => pm.expect(body.detail).to.eql('order_by_followers_desc: cannot be combined with limit, cursor or q'));",
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
    name: 'Error: wrong method',
    method: 'POST',
    path: '/tweets',
    status: 405,
    checks: [
      ...problem,
      "pm.test('says what is allowed', () => pm.expect(pm.response.headers.get('Allow')).to.eql('GET, HEAD'));",
    ],
  },
];
