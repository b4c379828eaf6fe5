/**
 * One spelling per hashtag, for configuration (TAGS), queries (?tag=), storage and matching alike.
 *
 * - NFC first, so `#café` typed precomposed or decomposed (NFD) is one tag.
 * - Letters with their combining marks (`#हिन्दी`), digits and underscores, as X's own hashtags.
 * - Lower case with the locale-independent `toLowerCase()`: `toLocaleLowerCase()` would depend on the
 *   host's locale, and Turkish rules would turn `#ISTANBUL` into `#ıstanbul`. The one Turkish letter
 *   it gets wrong is the dotted capital İ, which it lowers to `i` plus a combining dot (U+0307); it is
 *   folded to a plain `i` instead, so `#İstanbul`, `#Istanbul` and `#istanbul` are one tag.
 */
const HASHTAG = /^#[\p{L}\p{N}_][\p{L}\p{M}\p{N}_]*$/u;
const ASCII_HASHTAG = /^#?[A-Za-z0-9_]{1,100}$/;
const MAX_TAG_LENGTH = 101;

/** NFC and the locale-independent lower case above, the dotted capital I folded to a plain `i`. */
export const foldCase = (text: string): string =>
  text
    .normalize('NFC')
    .replace(/\u0130/g, 'i')
    .toLowerCase()
    .normalize('NFC');

/** The stored spelling of a hashtag, with or without its `#`; undefined when it is not a hashtag. */
export function normaliseTag(given: string): string | undefined {
  const trimmed = given.trim();
  // The common case, and the emulator's per-post matching, skip Unicode normalisation.
  if (ASCII_HASHTAG.test(trimmed)) return `#${trimmed.replace(/^#/, '').toLowerCase()}`;
  if (trimmed.length > MAX_TAG_LENGTH * 4) return undefined;
  const folded = foldCase(trimmed);
  const tag = folded.startsWith('#') ? folded : `#${folded}`;
  return tag.length <= MAX_TAG_LENGTH && HASHTAG.test(tag) ? tag : undefined;
}
