import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** README.md and every Markdown file under docs/, as paths from the repository's root. */
export function documentationFiles(): string[] {
  const underDocs = readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.md'))
    .map((path) => join('docs', path));
  return ['README.md', ...underDocs.sort()];
}

export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** The text a reader sees as prose: fenced code blocks and inline code left out. */
export const prose = (markdown: string): string =>
  markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');

/** The target of every Markdown link and image, in document order. */
export const linkTargets = (markdown: string): string[] =>
  [...prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    (match) => match[1]!,
  );

/** Every http(s) URL in the prose, linked or bare. */
export const absoluteUrls = (markdown: string): string[] =>
  [...prose(markdown).matchAll(/https?:\/\/[^\s)>\]"'`]+/g)].map((match) =>
    match[0].replace(/[.,;:!?]+$/, ''),
  );

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export const slug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

/** The anchors a file's headings give, with GitHub's `-1`, `-2` suffixes for repeats. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const match of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(match[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

export const fromRoot = (path: string): string => relative(ROOT, path);
