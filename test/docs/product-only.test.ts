import { documentationFiles, read } from './markdown';

/** Words about the people and the process that made the product, which its documentation leaves out. */
const PROCESS_WORDS = /\b(sessions?|engineers?|reviewers?|reviewed|issues? #?\d+)\b/gi;

describe('the README and docs/ speak of the product alone', () => {
  test('when every page is read, then none mentions sessions, engineers, reviewers or issue numbers', () => {
    const mentions = documentationFiles().flatMap((file) =>
      [...read(file).matchAll(PROCESS_WORDS)].map((match) => `${file}: ${match[0]}`),
    );

    expect(mentions).toEqual([]);
  });

  test('when a sentence names one, then it is found', () => {
    const found = 'Measured in session 6 by another engineer (issue 17).'.match(PROCESS_WORDS);

    expect(found).toEqual(['session', 'engineer', 'issue 17']);
  });
});
