/** Examples of this resource's answers in the OpenAPI description (see src/resources/openapi/examples.ts). */
const PER_HOUR_UTC = [
  33, 41, 30, 33, 33, 33, 52, 33, 36, 37, 34, 37, 27, 22, 34, 36, 38, 43, 31, 36, 35, 26, 36, 34,
];

export const AGGREGATE_EXAMPLES = {
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
      { country: null, country_name: null, tweets: 324 },
      { country: 'PT', country_name: 'Portugal', tweets: 59 },
      { country: 'DE', country_name: 'Germany', tweets: 52 },
      { country: 'JP', country_name: 'Japan', tweets: 50 },
      { country: 'ES', country_name: 'Spain', tweets: 43 },
    ],
  },
  perLanguage: {
    tweets_per_language: [
      { lang: 'en', tweets: 367 },
      { lang: 'pt', tweets: 102 },
      { lang: 'es', tweets: 79 },
      { lang: 'fr', tweets: 63 },
    ],
  },
  perLanguageOfTag: {
    tweets_per_language: [
      { lang: 'en', tweets: 45 },
      { lang: 'pt', tweets: 12 },
      { lang: 'de', tweets: 9 },
    ],
  },
  overTime: {
    tweets_over_time: [
      { start: '2026-11-14T00:00:00+05:45', tweets: 0 },
      { start: '2026-11-15T00:00:00+05:45', tweets: 8 },
      { start: '2026-11-16T00:00:00+05:45', tweets: 152 },
      { start: '2026-11-17T00:00:00+05:45', tweets: 155 },
      { start: '2026-11-18T00:00:00+05:45', tweets: 178 },
      { start: '2026-11-19T00:00:00+05:45', tweets: 183 },
      { start: '2026-11-20T00:00:00+05:45', tweets: 154 },
    ],
  },
  tooManyBuckets: {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'from: the range holds more than 1000 hours; narrow it or use a longer interval',
    instance: 'e6832cc4-c94d-4a5e-8b64-39195b817fb7',
  },
  badZone: {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'tz: must be an IANA time zone such as UTC or America/Sao_Paulo',
    instance: 'e6832cc4-c94d-4a5e-8b64-39195b817fb7',
  },
} as const;
