import { loadCorpus, type Corpus } from '../../src/x/corpus';
import { SAMPLE_FILE } from '../../data/sample/generate';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Faults } from '../../emulator/faults';

export const TOKEN = 'emulator-test-token';

let corpus: Corpus | undefined;
export const sample = (): Corpus => (corpus ??= loadCorpus(SAMPLE_FILE));

export const startOnSample = (
  faults: Faults = {},
  options: { consumerKey?: string; consumerSecret?: string } = {},
): Promise<Emulator> =>
  startEmulator({
    corpus: sample(),
    port: 0,
    bearerToken: options.consumerKey ? undefined : TOKEN,
    faults,
    ...options,
  });

export interface Answer {
  status: number;
  type: string;
  headers: Headers;
  text: string;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a response body the test inspects
}

/** One recent-search request, `#devops` 100 at a time unless told. */
export async function search(
  emulator: Emulator,
  query: Record<string, string> = {},
  init: { token?: string; signal?: AbortSignal } = {},
): Promise<Answer> {
  const params = new URLSearchParams({ query: '#devops -is:retweet', max_results: '100', ...query });
  const res = await fetch(`${emulator.url}/2/tweets/search/recent?${params.toString()}`, {
    headers: init.token === '' ? {} : { Authorization: `Bearer ${init.token ?? TOKEN}` },
    signal: init.signal,
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    headers: res.headers,
    text,
    json: () => JSON.parse(text),
  };
}
