import { RecentEvents, type LiveEvent } from '../../src/live/recent-events';

const event = (seq: number, tag = '#devops', lang = 'en', size = 10): LiveEvent => ({
  seq,
  tag,
  lang,
  frame: `id: ${seq}\n${'x'.repeat(size)}\n\n`,
});
const seqsOf = (text: string) => [...text.matchAll(/id: (\d+)/g)].map((match) => Number(match[1]));

/** Drains every chunk after `cursor`, as a client that always has room would. */
function drain(recent: RecentEvents, cursor: number, filter = {}): number[] {
  const seqs: number[] = [];
  for (let chunk = recent.chunkAfter(cursor, filter); chunk; chunk = recent.chunkAfter(cursor, filter)) {
    seqs.push(...seqsOf(chunk.text));
    expect(chunk.frames).toBe(seqsOf(chunk.text).length);
    cursor = chunk.last;
  }
  return seqs;
}

describe('the recent events', () => {
  test('when events are appended, then a client from any position receives exactly those after it, in order', () => {
    const recent = new RecentEvents(1000);
    recent.restartAt(10);
    recent.append(Array.from({ length: 150 }, (_, i) => event(11 + i)));
    recent.append([event(161), event(163)]);

    expect(recent.newest).toBe(163);
    expect(drain(recent, 10)).toEqual([...Array.from({ length: 151 }, (_, i) => 11 + i), 163]);
    expect(drain(recent, 100)).toEqual([...Array.from({ length: 61 }, (_, i) => 101 + i), 163]);
    expect(drain(recent, 163)).toEqual([]);
  });

  test('when clients start at a block and within it, then those at its start share one string', () => {
    const recent = new RecentEvents(1000);
    recent.append(Array.from({ length: 10 }, (_, i) => event(i + 1)));
    const first = recent.chunkAfter(0, {})!;
    expect(recent.chunkAfter(0, {})!.text).toBe(first.text);
    expect(seqsOf(recent.chunkAfter(4, {})!.text)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  test('when a filter is given, then only matching frames are sent, from a block start or within it', () => {
    const recent = new RecentEvents(1000);
    recent.append([event(1, '#sre'), event(2, '#devops', 'pt'), event(3, '#devops'), event(4, '#sre', 'pt')]);
    expect(drain(recent, 0, { tag: '#devops' })).toEqual([2, 3]);
    expect(drain(recent, 2, { tag: '#devops' })).toEqual([3]);
    expect(drain(recent, 0, { lang: 'pt' })).toEqual([2, 4]);
    expect(drain(recent, 0, { tag: '#sre', lang: 'pt' })).toEqual([4]);
    const none = recent.chunkAfter(0, { tag: '#none' })!;
    expect(none).toEqual({ text: '', frames: 0, last: 4 });
  });

  test('when more than the capacity is appended, then the oldest blocks go and covers says so', () => {
    const recent = new RecentEvents(100);
    for (let seq = 1; seq <= 1000; seq += 10) {
      recent.append(Array.from({ length: 10 }, (_, i) => event(seq + i)));
    }
    expect(recent.covers(899)).toBe(false);
    expect(recent.covers(900)).toBe(true);
    expect(drain(recent, 900)).toEqual(Array.from({ length: 100 }, (_, i) => 901 + i));
  });

  test('when frames are large, then a block ends with the frame that takes it past 32 KiB of text', () => {
    const recent = new RecentEvents(1000);
    recent.append(Array.from({ length: 20 }, (_, i) => event(i + 1, '#devops', 'en', 10_000)));
    expect(recent.chunkAfter(0, {})!.frames).toBe(4);
  });

  test('when the hub skips ahead, then nothing before is held', () => {
    const recent = new RecentEvents(1000);
    recent.append([event(1), event(2)]);
    recent.restartAt(50);
    expect(recent.newest).toBe(50);
    expect(recent.covers(2)).toBe(false);
    expect(recent.chunkAfter(50, {})).toBeUndefined();
  });
});
