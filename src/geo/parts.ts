import { CODES, NAMES, SUBDIVISION_CODES } from './gazetteer';
import { normalisePlace } from './normalise';
import type { Reading } from './readings';

const SEPARATORS = /\s*[,|/·•;()]\s*|\s+[-–—]\s+/u;
const NONE: Reading[] = [];

/** normalisePlace, with plain ASCII (most locations) spared the Unicode decomposition: the same keys. */
function keyOf(text: string): string {
  if (/[^\x20-\x7e]/.test(text)) return normalisePlace(text);
  return text
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A part written as a code counts only in capitals; subdivision codes only after another part. */
function codeReadings(raw: string, afterSeparator: boolean): Reading[] {
  if (raw.length > 4) return NONE;
  const country = CODES.get(raw) ?? NONE;
  const subdivision = afterSeparator ? (SUBDIVISION_CODES.get(raw) ?? NONE) : NONE;
  if (subdivision.length === 0) return country;
  return country.length === 0 ? subdivision : [...subdivision, ...country];
}

/** "Makati City", "Lagos State": a generic last word is dropped when the whole names nothing. */
const GENERIC = / (city|state|province|prefecture|region|oblast|county|district|metro|area)$/;

function nameReadings(key: string): Reading[] {
  const named = NAMES.get(key);
  if (named || !GENERIC.test(key)) return named ?? NONE;
  return NAMES.get(key.replace(GENERIC, '')) ?? NONE;
}

function readingsOf(raw: string, key: string, afterSeparator: boolean): Reading[] {
  const named = nameReadings(key);
  const coded = codeReadings(raw, afterSeparator);
  if (coded.length === 0) return named;
  return named.length === 0 ? coded : [...named, ...coded];
}

/**
 * "Austin TX", "São Paulo Brasil", "Based in Berlin": a part naming nothing is read as its last one
 * to three words (a name, or a code as written) after the words before them.
 */
function splitTail(raw: string, key: string): Reading[][] {
  const words = key.split(' ');
  const lastWritten = raw.slice(raw.search(/[^\s-]+$/u));
  for (let size = 1; size <= 3 && size < words.length; size += 1) {
    const tailKey = words.slice(-size).join(' ');
    const tail = size === 1 ? readingsOf(lastWritten, tailKey, true) : nameReadings(tailKey);
    if (tail.length > 0) return [nameReadings(words.slice(0, -size).join(' ')), tail];
  }
  return [];
}

/** The readings of each part of a location, in the order written. */
export function partsOf(text: string): Reading[][] {
  const parts: Reading[][] = [];
  let afterSeparator = false;
  for (const piece of text.split(SEPARATORS)) {
    const raw = piece.trim();
    if (!raw) continue;
    const key = keyOf(raw);
    const readings = readingsOf(raw, key, afterSeparator);
    afterSeparator = true;
    if (readings.length > 0) parts.push(readings);
    else if (key.includes(' ')) parts.push(...splitTail(raw, key));
  }
  return parts;
}
