import { normalisePage } from '../../src/x/normalise';
import type { SearchPage } from '../../src/x/wire';
import { storeBatch } from '../../src/repositories/post-writer';
import type { Store } from '../../src/repositories/store';

/** Stores a page under a tag through the same path a collection uses. */
export function seed(store: Store, tag: string, page: SearchPage) {
  return storeBatch(store, tag, normalisePage(page));
}
