import type { DataSource } from 'typeorm';
import { normalisePage } from '../../src/x/normalise';
import type { SearchPage } from '../../src/x/wire';
import { storeBatch } from '../../src/repositories/post-writer';

/** Stores a page under a tag through the same path a collection uses. */
export function seed(dataSource: DataSource, tag: string, page: SearchPage) {
  return storeBatch(dataSource, tag, normalisePage(page));
}
