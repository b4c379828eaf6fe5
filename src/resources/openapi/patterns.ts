/** `/flags` at the end of a pattern, unless its slash is escaped (an odd run of backslashes before it). */
const FLAGS = /(?<!\\)((?:\\\\)*)\/([a-z]+)$/;

/**
 * zod-to-openapi writes a regex's flags into its pattern (`^\p{L}+$/u`), which no JSON Schema
 * validator reads as meant: a pattern is a bare ECMA-262 source, matched with Unicode semantics.
 * So `u` is dropped (it is how validators match anyway); any other flag would change what matches,
 * so it is refused here rather than published wrong.
 */
export function barePattern(pattern: string): string {
  const match = FLAGS.exec(pattern);
  if (!match) return pattern;
  if (match[2] !== 'u') throw new Error(`pattern ${pattern}: flags other than u cannot be described`);
  return pattern.slice(0, match.index) + match[1];
}

/** The document with every schema pattern bare; examples are values, left as they are. */
export function withBarePatterns<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withBarePatterns) as T;
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'example' || key === 'examples') return [key, value];
      if (key === 'pattern' && typeof value === 'string') return [key, barePattern(value)];
      return [key, withBarePatterns(value)];
    }),
  ) as T;
}
