import type { EntityManager } from 'typeorm';
import { chunk, insertRows } from './sql';

export const NO_COUNTRY = '';

/** Adds deltas to a counter table keyed by `keys`, creating rows as needed, in the caller's transaction. */
export async function addToCounters(
  manager: EntityManager,
  table: string,
  keys: string[],
  deltas: Map<string, { key: unknown[]; posts: number }>,
): Promise<void> {
  for (const rows of chunk([...deltas.values()], 150)) {
    await insertRows(
      manager,
      `INSERT INTO ${table} (${keys.join(', ')}, posts) VALUES $rows
       ON CONFLICT (${keys.join(', ')}) DO UPDATE SET posts = ${table}.posts + excluded.posts`,
      rows.map((row) => [...row.key, row.posts]),
    );
  }
}

export class CounterDeltas {
  readonly byQuarterHour = new Map<string, { key: unknown[]; posts: number }>();
  readonly byCountry = new Map<string, { key: unknown[]; posts: number }>();
  readonly byAuthor = new Map<string, { key: unknown[]; posts: number }>();
  readonly byTagLang = new Map<string, { key: unknown[]; posts: number }>();

  addPost(post: { createdAt: string; country: string | null; authorId: string }): void {
    bump(this.byQuarterHour, [quarterHourOf(post.createdAt)]);
    bump(this.byCountry, [post.country ?? NO_COUNTRY]);
    bump(this.byAuthor, [post.authorId]);
  }

  addLink(tag: string, lang: string): void {
    bump(this.byTagLang, [tag, lang]);
  }

  async apply(manager: EntityManager): Promise<void> {
    await addToCounters(manager, 'stats_posts_by_quarter_hour', ['bucket'], this.byQuarterHour);
    await addToCounters(manager, 'stats_posts_by_country', ['country'], this.byCountry);
    await addToCounters(manager, 'stats_posts_by_author', ['author_id'], this.byAuthor);
    await addToCounters(manager, 'stats_posts_by_tag_lang', ['tag', 'lang'], this.byTagLang);
  }
}

export const QUARTER_HOUR_SECONDS = 900;

export function quarterHourOf(isoUtc: string): number {
  return Math.floor(Date.parse(isoUtc) / 1000 / QUARTER_HOUR_SECONDS);
}

function bump(map: Map<string, { key: unknown[]; posts: number }>, key: unknown[]): void {
  const id = JSON.stringify(key);
  const entry = map.get(id);
  if (entry) entry.posts += 1;
  else map.set(id, { key, posts: 1 });
}
