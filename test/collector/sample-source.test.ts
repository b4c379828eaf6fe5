import { createSampleSource } from '../../src/collector/sources/sample-source';
import type { SearchPage } from '../../src/x/wire';
import { postsOf, sampleCorpus } from './x-api-helpers';

async function collect(pages: AsyncIterable<SearchPage>): Promise<SearchPage[]> {
  const all: SearchPage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe('the bundled sample source', () => {
  const source = createSampleSource(sampleCorpus());
  const devops = postsOf(sampleCorpus(), '#devops').map((post) => post.id);

  test('when a tag is asked for, then its posts come newest first in pages of 100 with their authors', async () => {
    const pages = await collect(source.pages({ tag: '#devops', budget: 1000 }));

    expect(pages.map((page) => page.meta.result_count)).toEqual([100, devops.length - 100]);
    expect(pages.flatMap((page) => page.data!.map((post) => post.id))).toEqual(devops);
    expect(pages[0]!.meta.next_token).toBeDefined();
    expect(pages[1]!.meta.next_token).toBeUndefined();
    expect(pages[0]!.includes!.users!.length).toBeGreaterThan(0);
  });

  test('when sinceId and untilId are given, then only the posts strictly between them come', async () => {
    const pages = await collect(
      source.pages({ tag: '#devops', sinceId: devops[40], untilId: devops[10], budget: 1000 }),
    );

    expect(pages.flatMap((page) => page.data!.map((post) => post.id))).toEqual(devops.slice(11, 40));
  });

  test('when nothing is newer than sinceId, then one empty page comes', async () => {
    const pages = await collect(source.pages({ tag: '#devops', sinceId: devops[0], budget: 1000 }));

    expect(pages).toEqual([{ meta: { result_count: 0 } }]);
  });
});
