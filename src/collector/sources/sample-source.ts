import type { PostSource } from '../types';
import type { SearchPage, XPost } from '../../x/wire';
import { pageOf, type Corpus } from '../../x/corpus';
import { normaliseTag } from '../../tags';

const PAGE_SIZE = 100;

/**
 * The bundled synthetic corpus, answered in the shape of X's recent search (newest first, pages of
 * 100, between `sinceId` and `untilId`), so the same normaliser and collector code runs with or
 * without X credentials.
 */
export function createSampleSource(corpus: Corpus): PostSource {
  return {
    name: 'sample',
    // eslint-disable-next-line @typescript-eslint/require-await -- the PostSource port is async; the sample has nothing to wait for
    async *pages({ tag, sinceId, untilId, signal }): AsyncGenerator<SearchPage> {
      const found = postsOfTag(corpus, tag, sinceId, untilId);
      for (let start = 0; start === 0 || start < found.length; start += PAGE_SIZE) {
        if (signal?.aborted) return;
        const posts = found.slice(start, start + PAGE_SIZE);
        const more = start + PAGE_SIZE < found.length;
        yield pageOf(corpus, posts, more ? `page-${start / PAGE_SIZE + 2}` : undefined);
      }
    },
  };
}

function postsOfTag(corpus: Corpus, tag: string, sinceId?: string, untilId?: string): XPost[] {
  const name = normaliseTag(tag);
  const since = sinceId === undefined ? undefined : BigInt(sinceId);
  const until = untilId === undefined ? undefined : BigInt(untilId);
  return corpus.posts.filter((post) => {
    const id = BigInt(post.id);
    if ((since !== undefined && id <= since) || (until !== undefined && id >= until)) return false;
    return (post.entities?.hashtags ?? []).some((hashtag) => normaliseTag(hashtag.tag) === name);
  });
}
