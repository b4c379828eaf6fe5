/** Examples of this resource's answers in the OpenAPI description (see src/resources/openapi/examples.ts). */
export const TWEETS_EXAMPLES = {
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
        country: 'DE',
        country_name: 'Germany',
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
        country: 'NG',
        country_name: 'Nigeria',
        rash: '#observability',
      },
    ],
    next_cursor: 'WyIyMDI2LTExLTIwVDExOjM3OjM3LjAwMFoiLCIyMTIzNzQyNTU1MzE2MTU5NzYzIiwiI29ic2VydmFiaWxpdHkiXQ',
  },
  search: {
    tweets: [
      {
        id: '2123742555316159763',
        tweet: 'La supervision, c’est un travail d’équipe 💪 #observability',
        author: 'Ana Yılmaz | Security',
        username: 'anaylmaz_439',
        followers: 1042,
        created: '2026-11-20T11:37:37.000Z',
        lang: 'fr',
        country: 'NG',
        country_name: 'Nigeria',
        rash: '#observability',
      },
    ],
    next_cursor: 'WyIyMDI2LTExLTIwVDExOjM3OjM3LjAwMFoiLCIyMTIzNzQyNTU1MzE2MTU5NzYzIiwiI29ic2VydmFiaWxpdHkiXQ',
  },
  authors: {
    authors: [
      { author: 'Jonas Okafor', username: 'jonasokafo_985', followers: 730031, tweets: 1 },
      { author: 'Kwame Mensah', username: 'kwamemensa_166', followers: 656299, tweets: 1 },
    ],
  },
  badLimit: {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'limit: must be an integer from 1 to 1000',
    instance: '66049923-e1df-405a-9769-6574585353b8',
  },
} as const;
