/** Real answers of the app on the bundled synthetic sample (lists shortened), shown in the OpenAPI description. */
export const EXAMPLES = {
  tweets: {
    tweets: [
      {
        id: '2123747800834376980',
        tweet: '🚀🚀🚀 #Observability',
        author: 'Maria Smith',
        username: 'mariasmith_304',
        followers: 7868,
        created: '2026-11-20T11:58:27.000Z',
        lang: 'und',
        country: 'Berlin',
        rash: '#observability',
      },
      {
        id: '2123742555316159763',
        tweet: 'La supervision, c’est un travail d’équipe 💪 #observability',
        author: 'Ana Yılmaz | Security',
        username: 'anaylmaz_439',
        followers: 1042,
        created: '2026-11-20T11:37:37.000Z',
        lang: 'fr',
        country: 'Lagos',
        rash: '#observability',
      },
    ],
    next_cursor: 'WyIyMDI2LTExLTIwVDExOjM3OjM3LjAwMFoiLCIyMTIzNzQyNTU1MzE2MTU5NzYzIiwiI29ic2VydmFiaWxpdHkiXQ',
  },
  authors: {
    authors: [
      {
        author: 'Jonas Okafor',
        username: 'jonasokafo_985',
        followers: 730031,
        tweets: 1,
      },
      {
        author: 'Kwame Mensah',
        username: 'kwamemensa_166',
        followers: 656299,
        tweets: 1,
      },
    ],
  },
  perHour: {
    tweets_per_hour: [
      {
        at_hour: '00:00',
        tweets: 33,
      },
      {
        at_hour: '01:00',
        tweets: 41,
      },
      {
        at_hour: '02:00',
        tweets: 30,
      },
      {
        at_hour: '03:00',
        tweets: 33,
      },
      {
        at_hour: '04:00',
        tweets: 33,
      },
      {
        at_hour: '05:00',
        tweets: 33,
      },
      {
        at_hour: '06:00',
        tweets: 52,
      },
      {
        at_hour: '07:00',
        tweets: 33,
      },
      {
        at_hour: '08:00',
        tweets: 36,
      },
      {
        at_hour: '09:00',
        tweets: 37,
      },
      {
        at_hour: '10:00',
        tweets: 34,
      },
      {
        at_hour: '11:00',
        tweets: 37,
      },
      {
        at_hour: '12:00',
        tweets: 27,
      },
      {
        at_hour: '13:00',
        tweets: 22,
      },
      {
        at_hour: '14:00',
        tweets: 34,
      },
      {
        at_hour: '15:00',
        tweets: 36,
      },
      {
        at_hour: '16:00',
        tweets: 38,
      },
      {
        at_hour: '17:00',
        tweets: 43,
      },
      {
        at_hour: '18:00',
        tweets: 31,
      },
      {
        at_hour: '19:00',
        tweets: 36,
      },
      {
        at_hour: '20:00',
        tweets: 35,
      },
      {
        at_hour: '21:00',
        tweets: 26,
      },
      {
        at_hour: '22:00',
        tweets: 36,
      },
      {
        at_hour: '23:00',
        tweets: 34,
      },
    ],
  },
  perTag: {
    tweets_per_tags: [
      [
        {
          rash: '#openbanking',
          lang: 'en',
          tweets: 44,
        },
        {
          rash: '#openbanking',
          lang: 'es',
          tweets: 13,
        },
        {
          rash: '#openbanking',
          lang: 'pt',
          tweets: 11,
        },
      ],
      [
        {
          rash: '#remediation',
          lang: 'en',
          tweets: 47,
        },
        {
          rash: '#remediation',
          lang: 'pt',
          tweets: 15,
        },
        {
          rash: '#remediation',
          lang: 'es',
          tweets: 8,
        },
      ],
    ],
  },
  perCountry: {
    tweets_per_country: [
      {
        country: null,
        tweets: 281,
      },
      {
        country: 'Madrid',
        tweets: 35,
      },
      {
        country: 'Cairo, Egypt',
        tweets: 29,
      },
      {
        country: 'Lisbon, Portugal',
        tweets: 29,
      },
    ],
  },
  restored: {
    message: 'database has been restored',
    collected: {
      '#openbanking': 0,
      '#remediation': 0,
    },
    summary: {
      run_id: 'd10de757-408d-4681-8ee1-85005ce330c2',
      trigger: 'request',
      source: 'sample',
      outcome: 'success',
      started_at: '2026-11-25T04:42:42.428Z',
      finished_at: '2026-11-25T04:42:42.437Z',
      duration_ms: 9,
      error: null,
      tags: [
        {
          tag: '#openbanking',
          status: 'ok',
          returned: 0,
          new_posts: 0,
          pages: 1,
          error: null,
        },
        {
          tag: '#remediation',
          status: 'ok',
          returned: 0,
          new_posts: 0,
          pages: 1,
          error: null,
        },
      ],
    },
  },
} as const;
