/**
 * A tag as one NATS subject token: `#devops` -> `devops`. Letters a-z, digits and `_` stay; any other
 * character (a letter of another script, a combining mark) becomes `-` and its UTF-8 bytes in hex, so
 * the token is ASCII, never holds `.`, `*`, `>` or spaces, and two tags never share a token.
 */
export function subjectToken(tag: string): string {
  const bare = tag.replace(/^#/, '');
  let token = '';
  for (const char of bare) {
    token += /^[a-z0-9_]$/.test(char) ? char : `-${Buffer.from(char, 'utf8').toString('hex')}`;
  }
  return token || '-';
}

export const postsSubject = (prefix: string, tag: string): string => `${prefix}.posts.${subjectToken(tag)}`;

export const runsSubject = (prefix: string): string => `${prefix}.runs`;

/** Every subject the stream takes. */
export const streamSubjects = (prefix: string): string[] => [`${prefix}.>`];
