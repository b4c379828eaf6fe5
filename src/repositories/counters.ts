import type { EntityManager } from 'typeorm';
import {
  AuthorPostCountEntity,
  counterEntities,
  CountryCountEntity,
  LangCountEntity,
  QuarterHourCountEntity,
  TagLangCountEntity,
  TagQuarterHourCountEntity,
} from '../models';
import { chunk, inKeyOrder, insertRows, query } from './sql';

export const NO_COUNTRY = '';

/** Adds deltas to a counter table keyed by `keys`, creating rows as needed, in the caller's transaction. */
export async function addToCounters(
  manager: EntityManager,
  table: string,
  keys: string[],
  deltas: Map<string, { key: unknown[]; posts: number }>,
): Promise<void> {
  for (const rows of chunk(inKeyOrder(deltas.entries()), 150)) {
    await insertRows(
      manager,
      `INSERT INTO ${table} (${keys.join(', ')}, posts) VALUES $rows
       ON CONFLICT (${keys.join(', ')}) DO UPDATE SET posts = ${table}.posts + excluded.posts`,
      rows.map((row) => [...row.key, row.posts]),
    );
  }
}

type Deltas = Map<string, { key: unknown[]; posts: number }>;

/** What one write adds to every counter table (see counterEntities in models/stats.ts). */
export class CounterDeltas {
  private readonly byEntity = new Map<unknown, Deltas>(counterEntities.map((entity) => [entity, new Map()]));
  private newAuthors = 0;

  /** Authors stored for the first time (stats_totals). */
  addAuthors(count: number): void {
    this.newAuthors += count;
  }

  addPost(post: { createdAt: string; country: string | null; authorId: string; lang: string }): void {
    this.bump(QuarterHourCountEntity, [quarterHourOf(post.createdAt)]);
    this.bump(LangCountEntity, [post.lang]);
    this.bump(CountryCountEntity, [post.country ?? NO_COUNTRY]);
    this.bump(AuthorPostCountEntity, [post.authorId]);
  }

  /** A post newly found under a tag, with the values stored for it (a known post keeps its own). */
  addLink(tag: string, post: { lang: string; createdAt: string }): void {
    this.bump(TagLangCountEntity, [tag, post.lang]);
    this.bump(TagQuarterHourCountEntity, [tag, quarterHourOf(post.createdAt)]);
  }

  /** Adds the deltas to every counter table; its key columns, in order, come from the entity. */
  async apply(manager: EntityManager): Promise<void> {
    for (const [entity, deltas] of this.byEntity) {
      if (deltas.size === 0) continue;
      const metadata = manager.connection.getMetadata(entity as (typeof counterEntities)[number]);
      const keys = metadata.primaryColumns.map((column) => column.databaseName);
      await addToCounters(manager, metadata.tableName, keys, deltas);
    }
    if (this.newAuthors > 0) await addToTotal(manager, 'authors', this.newAuthors);
  }

  private bump(entity: unknown, key: unknown[]): void {
    const deltas = this.byEntity.get(entity);
    if (!deltas) throw new Error('not a counter entity: declare it with counter() in models/stats.ts');
    const id = JSON.stringify(key);
    const entry = deltas.get(id);
    if (entry) entry.posts += 1;
    else deltas.set(id, { key, posts: 1 });
  }
}

async function addToTotal(manager: EntityManager, name: string, count: number): Promise<void> {
  await query(
    manager,
    `INSERT INTO stats_totals (name, total) VALUES (:name, :count)
     ON CONFLICT (name) DO UPDATE SET total = stats_totals.total + excluded.total`,
    { name, count },
  );
}

export const QUARTER_HOUR_SECONDS = 900;

export function quarterHourOf(isoUtc: string): number {
  return Math.floor(Date.parse(isoUtc) / 1000 / QUARTER_HOUR_SECONDS);
}
