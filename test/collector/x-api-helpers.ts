import { join } from 'node:path';
import { loadCorpus, type Corpus } from '../../src/x/corpus';
import { createXApiSource } from '../../src/collector/sources/x-api';
import type { XPost } from '../../src/x/wire';
import { buildTestApp, type TestApp } from '../helpers/app';

export const BEARER = 'emulator-bearer-token-abc';
export const SAMPLE = join(__dirname, '../../data/sample/synthetic-recent-search.json');

let corpus: Corpus | undefined;
export const sampleCorpus = (): Corpus => (corpus ??= loadCorpus(SAMPLE));

/** Corpus posts whose hashtags include the tag, newest first: what recent search returns for it. */
export function postsOf(source: Corpus, tag: string): XPost[] {
  const name = tag.slice(1).toLowerCase();
  return source.posts.filter((post) =>
    post.entities?.hashtags?.some((hashtag) => hashtag.tag.toLowerCase() === name),
  );
}

/** The app with the real X API source pointed at the emulator, with short retry delays. */
export function buildAppOnEmulator(url: string, env: Record<string, string> = {}): Promise<TestApp> {
  return buildTestApp({
    env: {
      TWEET_SOURCE: 'x-api',
      TWITTER_BEARER_TOKEN: BEARER,
      TWITTER_API_BASE_URL: url,
      X_API_TIMEOUT_MS: '1000',
      ...env,
    },
    source: ({ config, logger, metrics }) =>
      createXApiSource({
        ...config.xApi,
        maxWaitSeconds: config.collect.maxWaitSeconds,
        logger,
        metrics,
        retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
      }),
  });
}

/** Post ids stored under each tag. */
export async function storedIdsByTag(app: TestApp): Promise<Map<string, string[]>> {
  const rows: { post_id: string; tag: string }[] = await app.dataSource.query(
    'SELECT post_id, tag FROM post_tags ORDER BY post_id DESC',
  );
  const byTag = new Map<string, string[]>();
  for (const row of rows) byTag.set(row.tag, [...(byTag.get(row.tag) ?? []), row.post_id]);
  return byTag;
}
