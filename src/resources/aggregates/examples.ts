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
      { country: null, tweets: 281 },
      { country: 'Madrid', tweets: 35 },
      { country: 'Cairo, Egypt', tweets: 29 },
      { country: 'Lisbon, Portugal', tweets: 29 },
      { country: '東京', tweets: 26 },
    ],
  },
  badZone: {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'tz: must be an IANA time zone such as UTC or America/Sao_Paulo',
    instance: 'e6832cc4-c94d-4a5e-8b64-39195b817fb7',
  },
} as const;
