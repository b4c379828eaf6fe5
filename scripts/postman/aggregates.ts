import { problem, type PostmanRequest } from './request';

/** The requests of the collection that exercise this resource, in the order they run. */
export const POSTMAN_REQUESTS: PostmanRequest[] = [
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
    name: 'Tweets per language',
    method: 'GET',
    path: '/tweets_per_language',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('most first, each language once', () => { const n = body.tweets_per_language.map((l) => l.tweets); pm.expect([...n].sort((a, b) => b - a)).to.eql(n); pm.expect(new Set(body.tweets_per_language.map((l) => l.lang)).size).to.eql(n.length); });",
      "pm.test('every post once: the same total as per hour', () => pm.expect(body.tweets_per_language.reduce((s, l) => s + l.tweets, 0)).to.eql(Number(pm.collectionVariables.get('postsUtc'))));",
    ],
  },
  {
    name: 'Tweets per language of one tag',
    method: 'GET',
    path: '/tweets_per_language?tag=devops',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('fewer than all posts', () => { const total = body.tweets_per_language.reduce((s, l) => s + l.tweets, 0); pm.expect(total).to.be.above(0); pm.expect(total).to.be.below(Number(pm.collectionVariables.get('postsUtc'))); });",
    ],
  },
  {
    name: 'Tweets over time, days in Kathmandu',
    method: 'GET',
    path: '/tweets_over_time?interval=day&from=2026-11-14&to=2026-11-21&tz=Asia/Kathmandu',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('seven local days, zero-filled', () => pm.expect(body.tweets_over_time.map((b) => b.start)).to.eql([14, 15, 16, 17, 18, 19, 20].map((d) => `2026-11-${d}T00:00:00+05:45`)));",
      "pm.test('every sample post once', () => pm.expect(body.tweets_over_time.reduce((s, b) => s + b.tweets, 0)).to.eql(Number(pm.collectionVariables.get('postsUtc'))));",
    ],
  },
  {
    name: 'Tweets per language of one tag, in English, since a date',
    method: 'GET',
    path: '/tweets_per_language?tag=devops&lang=en&from=2026-11-18&tz=Europe/Lisbon',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('English alone', () => pm.expect(body.tweets_per_language.map((l) => l.lang)).to.eql(['en']));",
      "pm.collectionVariables.set('devopsEnglishSince', body.tweets_per_language[0].tweets);",
    ],
  },
  {
    name: 'Tweets per hour under the same filters',
    method: 'GET',
    path: '/tweets_per_hour?tag=devops&lang=en&from=2026-11-18&tz=Europe/Lisbon',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('the same posts as per language', () => pm.expect(body.tweets_per_hour.reduce((s, h) => s + h.tweets, 0)).to.eql(Number(pm.collectionVariables.get('devopsEnglishSince'))));",
    ],
  },
  {
    name: 'Tweets per country under the same filters',
    method: 'GET',
    path: '/tweets_per_country?tag=devops&lang=en&from=2026-11-18&tz=Europe/Lisbon',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('the same posts as per language', () => pm.expect(body.tweets_per_country.reduce((s, c) => s + c.tweets, 0)).to.eql(Number(pm.collectionVariables.get('devopsEnglishSince'))));",
    ],
  },
  {
    name: 'Tweets per tag under the same filters',
    method: 'GET',
    path: '/tweets_per_tag?tag=devops&lang=en&from=2026-11-18&tz=Europe/Lisbon',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('one array, one entry: #devops in English', () => pm.expect(body.tweets_per_tags).to.eql([[{ rash: '#devops', lang: 'en', tweets: Number(pm.collectionVariables.get('devopsEnglishSince')) }]]));",
    ],
  },
  {
    name: 'Error: from not before to',
    method: 'GET',
    path: '/tweets_per_country?from=2026-11-20&to=2026-11-19',
    status: 400,
    checks: [
      ...problem,
      "pm.test('names it', () => pm.expect(body.detail).to.eql('from: must be before to'));",
    ],
  },
  {
    name: 'Error: too many buckets',
    method: 'GET',
    path: '/tweets_over_time?interval=hour&from=2020-01-01&to=2026-01-01',
    status: 400,
    checks: [
      ...problem,
      "pm.test('names the limit', () => pm.expect(body.detail).to.match(/more than 1000 hours/));",
    ],
  },
  {
    name: 'Error: unknown time zone',
    method: 'GET',
    path: '/tweets_per_hour?tz=Mars/Olympus',
    status: 400,
    checks: [...problem, "pm.test('names the parameter', () => pm.expect(body.detail).to.match(/^tz:/));"],
  },
];
