import type { ClientFilter } from './client';

/** A post event as live delivery writes it: its frame rendered once, with what filters look at. */
export interface LiveEvent {
  seq: number;
  tag: string;
  lang: string;
  frame: string;
}

/** What one write sends a client: frames after its position, and the position it reaches. */
export interface Chunk {
  text: string;
  frames: number;
  last: number;
}

/** A block's frames stop growing at whichever of these comes first. */
const BLOCK_EVENTS = 64;
const BLOCK_CHARS = 32 * 1024;

/**
 * Consecutive events whose frames are joined once: every client with the same filter is written the
 * same string (or a slice of it, which shares its memory), however far apart their positions are.
 */
class Block {
  readonly text: string;
  private readonly offsets: number[] = [];
  private readonly filtered = new Map<string, Chunk>();

  constructor(readonly events: readonly LiveEvent[]) {
    let offset = 0;
    for (const event of events) {
      this.offsets.push(offset);
      offset += event.frame.length;
    }
    this.text = events.map((event) => event.frame).join('');
  }

  get last(): number {
    return this.events[this.events.length - 1]!.seq;
  }

  /** The frames after `cursor` that `filter` lets through. */
  after(cursor: number, filter: ClientFilter): Chunk {
    const from = this.indexAfter(cursor);
    if (filter.tag === undefined && filter.lang === undefined) {
      const text = from === 0 ? this.text : this.text.slice(this.offsets[from]);
      return { text, frames: this.events.length - from, last: this.last };
    }
    if (from > 0) return this.filter(from, filter);
    const key = `${filter.tag ?? ''}\u0000${filter.lang ?? ''}`;
    let chunk = this.filtered.get(key);
    if (!chunk) this.filtered.set(key, (chunk = this.filter(0, filter)));
    return chunk;
  }

  private indexAfter(cursor: number): number {
    return firstAfter(this.events, cursor, (event) => event.seq);
  }

  private filter(from: number, filter: ClientFilter): Chunk {
    const frames = this.events
      .slice(from)
      .filter(
        (event) =>
          (filter.tag === undefined || filter.tag === event.tag) &&
          (filter.lang === undefined || filter.lang === event.lang),
      )
      .map((event) => event.frame);
    return { text: frames.join(''), frames: frames.length, last: this.last };
  }
}

/**
 * The newest events the hub has delivered, in memory: a client a little behind (a burst it is still
 * draining, a resume from a recent id) catches up from here without a query. It holds every event
 * after `from` up to the newest, about `capacity` of them.
 */
export class RecentEvents {
  private blocks: Block[] = [];
  private held = 0;
  from = 0;

  constructor(private readonly capacity: number) {}

  get newest(): number {
    return this.blocks.length > 0 ? this.blocks[this.blocks.length - 1]!.last : this.from;
  }

  /** Events the hub delivered after all those held, in order. */
  append(events: readonly LiveEvent[]): void {
    let start = 0;
    while (start < events.length) {
      let end = start;
      let chars = 0;
      while (end < events.length && end - start < BLOCK_EVENTS && (end === start || chars < BLOCK_CHARS)) {
        chars += events[end]!.frame.length;
        end++;
      }
      this.blocks.push(new Block(events.slice(start, end)));
      this.held += end - start;
      start = end;
    }
    while (this.blocks.length > 1 && this.held - this.blocks[0]!.events.length >= this.capacity) {
      const dropped = this.blocks.shift()!;
      this.held -= dropped.events.length;
      this.from = dropped.last;
    }
  }

  /** The hub moved to `seq` without reading the events in between: nothing before it is held. */
  restartAt(seq: number): void {
    this.blocks = [];
    this.held = 0;
    this.from = seq;
  }

  /** Whether every event after `cursor` that the hub delivered is held here. */
  covers(cursor: number): boolean {
    return cursor >= this.from;
  }

  /** The next chunk after `cursor` for `filter` (`covers(cursor)` must hold), or none when caught up. */
  chunkAfter(cursor: number, filter: ClientFilter): Chunk | undefined {
    return this.blocks[firstAfter(this.blocks, cursor, (block) => block.last)]?.after(cursor, filter);
  }
}

/** The index of the first item whose sequence is after `cursor`, in items ordered by sequence. */
function firstAfter<T>(items: readonly T[], cursor: number, seqOf: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (seqOf(items[middle]!) <= cursor) low = middle + 1;
    else high = middle;
  }
  return low;
}
