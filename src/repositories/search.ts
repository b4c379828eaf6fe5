import type { EntityManager } from 'typeorm';
import { dialectOf } from '../database';
import { read, type Readable } from './read';
import { chunk, insertRows } from './sql';

/**
 * Full-text search over post texts. On SQLite, `posts_fts` is a contentless FTS5 table (migration
 * 1795985284000-search-index): posts is WITHOUT ROWID with a text key, so an external-content table
 * has no integer rowid to point at; the index's rowid is the numeric post id instead (X ids fit in 63
 * bits), and the text stays in posts only. Posts are never updated or deleted one by one, so the index
 * is kept in sync by adding each new post in its write transaction and emptying it with the rest.
 * PostgreSQL: a GIN index on post_search_vector(text) (migration 1795986252800-search-index), the
 * 'simple' configuration over the unaccented text (1795996584546-search-text-fast-path: translate()
 * only for texts with accented letters), maintained by PostgreSQL with the posts table.
 */
const isSqlite = (manager: EntityManager) => dialectOf(manager.connection) === 'sqlite';

/** Adds new posts' texts to the index, in the caller's write transaction. */
export async function indexPostTexts(
  manager: EntityManager,
  posts: { id: string; text: string }[],
): Promise<void> {
  if (!isSqlite(manager)) return; // PostgreSQL indexes the posts table's own column.
  for (const part of chunk(posts, 200)) {
    await insertRows(
      manager,
      'INSERT INTO posts_fts (rowid, text) SELECT CAST(column1 AS INTEGER), column2 FROM (VALUES $rows)',
      part.map((post) => [post.id, post.text]),
    );
  }
}

/** Empties the index (DELETE /database), in the caller's write transaction. */
export async function emptySearchIndex(manager: EntityManager): Promise<void> {
  if (isSqlite(manager)) await manager.query("INSERT INTO posts_fts (posts_fts) VALUES ('delete-all')");
}

export const MAX_SEARCH_TERMS = 16;
const MAX_TERM_LENGTH = 64;

/**
 * The words of a user's query, each to be matched as a quoted literal: `"`, `*`, `NEAR`, `OR`, `(` are
 * never operators, only text (and punctuation is dropped, as the index's tokenizer drops it). Empty when
 * the query has no word.
 */
export function searchTerms(q: string): string[] {
  const words = q.normalize('NFKC').match(/[\p{L}\p{N}\p{M}_]+/gu) ?? [];
  return [...new Set(words.map((word) => word.slice(0, MAX_TERM_LENGTH)))].slice(0, MAX_SEARCH_TERMS);
}

/** Up to this many matching posts, a page is read from the matches and sorted; past it, in page order. */
export const FEW_MATCHES = 5000;

/**
 * How a page query finds the posts with the terms: links read `from` the matches, or a `where` on
 * `pt`/`p`, with the parameters either uses.
 */
export interface TextMatch {
  from?: string;
  where?: string;
  parameters: Record<string, unknown>;
}

/**
 * The one place search SQL is written, per dialect, for a page query over `pt` (post_tags) and `p`
 * (posts): the posts whose text has every term (`"a" "b"` in FTS5, `'a' & 'b'` in to_tsquery).
 * Neither planner can tell a rare word from a common one well enough (SQLite has no statistics on the
 * index; PostgreSQL guesses 0.5% of the posts for a word its sample missed, and then reads the links
 * newest first, checking each, through all of them when one post has the word: 15 s at 1M). So this
 * asks the index first (at most FEW_MATCHES + 1 posts). A rare word drives the query from its
 * matches, which sorts a few thousand rows at most; a common one is checked link by link while the
 * links are read newest first, which finds a page after a few hundred.
 */
export async function matchCondition(store: Readable, terms: string[]): Promise<TextMatch> {
  return dialectOf(store.reader) === 'sqlite' ? sqliteMatch(store, terms) : postgresMatch(store, terms);
}

/** CROSS JOIN fixes the order in SQLite, even with a tag the links' index would otherwise be scanned for. */
async function sqliteMatch(store: Readable, terms: string[]): Promise<TextMatch> {
  const match = terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(' ');
  const matches = await read(store, 'SELECT rowid FROM posts_fts WHERE posts_fts MATCH :match LIMIT :limit', {
    match,
    limit: FEW_MATCHES + 1,
  });
  if (matches.length <= FEW_MATCHES)
    return {
      from: `(SELECT CAST(rowid AS TEXT) AS id FROM posts_fts WHERE posts_fts MATCH :match) m
             CROSS JOIN post_tags pt ON pt.post_id = m.id`,
      parameters: { match },
    };
  return {
    where:
      'EXISTS (SELECT 1 FROM posts_fts WHERE posts_fts MATCH :match AND rowid = CAST(pt.post_id AS INTEGER))',
    parameters: { match },
  };
}

const POSTGRES_MATCH =
  "post_search_vector(p.text) @@ to_tsquery('simple'::regconfig, post_search_text(:match))";

/**
 * The few matches are passed back as a list of ids, which the planner counts exactly (a subquery
 * would be planned with the same guess). A post stored between the two statements is in the next
 * answer, as it would be had it come a moment later.
 */
async function postgresMatch(store: Readable, terms: string[]): Promise<TextMatch> {
  const match = terms.map((term) => `'${term.replace(/'/g, "''")}'`).join(' & ');
  const matches = await read<{ id: string }>(
    store,
    `SELECT p.id FROM posts p WHERE ${POSTGRES_MATCH} LIMIT :limit`,
    { match, limit: FEW_MATCHES + 1 },
  );
  if (matches.length <= FEW_MATCHES)
    return {
      where: 'pt.post_id = ANY(CAST(:ids AS varchar[]))',
      parameters: { ids: matches.map((row) => row.id) },
    };
  return { where: POSTGRES_MATCH, parameters: { match } };
}
