import type { XPost } from '../x/wire';
import { foldCase } from '../tags';

/** X's rule length limit (512 for most access levels), less the ` -is:retweet` the app adds. */
export const MAX_TERM_LENGTH = 500;
export const MAX_TERMS = 25;
/** A word as in a hashtag: a letter, digit or underscore, then these or combining marks (`हिन्दी`). */
const WORD = '[\\p{L}\\p{N}_][\\p{L}\\p{M}\\p{N}_]*';
/** a word, a #hashtag, or a "quoted phrase" of words */
export const TERM_PATTERN = new RegExp(`^(#?${WORD}|"${WORD}( ${WORD})*")$`, 'u');

/**
 * Tracked terms as stored and used for tags, spelt as the collector spells tags: trimmed, NFC, lower
 * case independent of the host's locale (`#İstanbul` is `#istanbul`), each once.
 */
export function normaliseTerms(terms: readonly string[]): string[] {
  return [...new Set(terms.map((term) => foldCase(term.trim())))];
}

/** The filtered-stream rule of a term: the term itself, retweets left out as the collector does. */
export const ruleValueOf = (term: string): string => `${term} -is:retweet`;

/** The term of a rule value this app wrote, or undefined. */
export function termOfRuleValue(value: string): string | undefined {
  const match = /^(.+) -is:retweet$/.exec(value);
  return match && TERM_PATTERN.test(match[1]!) ? match[1] : undefined;
}

/** Whether a post matches a term as X matches a rule: a hashtag among its hashtags, words in its text. */
export function postMatchesTerm(post: XPost, term: string): boolean {
  const lower = term.toLowerCase();
  if (lower.startsWith('#')) {
    const name = lower.slice(1);
    return (post.entities?.hashtags ?? []).some((hashtag) => hashtag.tag.toLowerCase() === name);
  }
  const words = lower.replace(/^"|"$/g, '');
  const text = ` ${post.text.toLowerCase().replace(/[^\p{L}\p{N}_#@]+/gu, ' ')} `;
  return text.includes(` ${words} `) || text.includes(` #${words} `);
}
