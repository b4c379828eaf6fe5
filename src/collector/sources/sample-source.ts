import type { PostSource, SearchPage } from '../types';
import { searchCorpus, type Corpus } from './corpus';

/**
 * The bundled synthetic corpus, answered exactly as X's recent search would answer it, so the same
 * normaliser and collector code runs with or without X credentials.
 */
export function createSampleSource(corpus: Corpus): PostSource {
  return {
    name: 'sample',
    async *pages({ tag, sinceId, signal }): AsyncGenerator<SearchPage> {
      let nextToken: string | undefined;
      do {
        if (signal?.aborted) return;
        const page = searchCorpus(
          corpus,
          {
            query: `${tag} -is:retweet`,
            since_id: sinceId,
            max_results: 100,
            next_token: nextToken,
          },
          { now: corpus.referenceDate },
        );
        yield page;
        nextToken = page.meta.next_token;
      } while (nextToken);
    },
  };
}
