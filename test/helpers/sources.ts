import type { PostSource } from '../../src/collector/types';
import type { SearchPage } from '../../src/x/wire';

/**
 * A source that answers each tag with fixed pages, for tests of the read API and run control that
 * are not about the X API (those run against the emulator).
 */
export function pagesSource(
  pagesByTag: Record<string, SearchPage[]>,
  options: { delayMs?: number } = {},
): PostSource {
  return {
    name: 'sample',
    async *pages({ tag, signal }) {
      for (const page of pagesByTag[tag] ?? []) {
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        if (signal?.aborted) return;
        yield page;
      }
    },
  };
}
