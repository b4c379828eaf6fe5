import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { ROOT, absoluteUrls, anchors, documentationFiles, fromRoot, linkTargets, read } from './markdown';

/** Absolute links may only point at the product itself, as a reader runs it. */
const PRODUCT_URL = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/;

interface Broken {
  file: string;
  target: string;
  reason: string;
}

/** What is wrong with one relative link of `file`, or null when it resolves. */
function checkRelative(file: string, target: string): string | null {
  const [path, anchor] = target.split('#') as [string, string | undefined];
  const resolved = path === '' ? join(ROOT, file) : resolve(ROOT, dirname(file), decodeURI(path));
  if (resolved !== ROOT && !resolved.startsWith(ROOT + sep)) return 'leaves the repository';
  if (!existsSync(resolved)) return `no file ${fromRoot(resolved)}`;
  if (anchor === undefined || statSync(resolved).isDirectory() || !resolved.endsWith('.md')) return null;
  return anchors(read(fromRoot(resolved))).has(anchor)
    ? null
    : `no heading #${anchor} in ${fromRoot(resolved)}`;
}

function brokenLinks(file: string): Broken[] {
  const text = read(file);
  const relativeLinks = linkTargets(text)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .flatMap((target) => {
      const reason = checkRelative(file, target);
      return reason ? [{ file, target, reason }] : [];
    });
  const foreign = [
    ...linkTargets(text).filter((target) => /^[a-z][a-z0-9+.-]*:/i.test(target)),
    ...absoluteUrls(text),
  ]
    .filter((url) => !PRODUCT_URL.test(url))
    .map((target) => ({
      file,
      target,
      reason: 'leaves the repository (only the product on localhost may be linked)',
    }));
  return [...relativeLinks, ...foreign];
}

describe('links in the README and docs/', () => {
  const files = documentationFiles();

  test('when the documentation is listed, then it holds the README and the pages under docs/', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/api.md', 'docs/runbooks/README.md']));
  });

  test('when every link is followed, then each reaches a file (and heading) in the repository or the product on localhost', () => {
    expect(files.flatMap(brokenLinks)).toEqual([]);
  });

  test('when a broken link, an escape from the repository or a foreign site is written, then the check names it', () => {
    const reasons = [
      'nowhere.md',
      '../../outside.md',
      'api.md#no-such-heading',
      'stack.md#where-alerts-go',
    ].map((target) => checkRelative('docs/live.md', target));

    expect(reasons).toEqual([
      'no file docs/nowhere.md',
      'leaves the repository',
      'no heading #no-such-heading in docs/api.md',
      null,
    ]);
    expect(
      ['http://localhost:5000/docs', 'http://127.0.0.1:9093', 'https://example.com/'].map((url) =>
        PRODUCT_URL.test(url),
      ),
    ).toEqual([true, true, false]);
  });
});
