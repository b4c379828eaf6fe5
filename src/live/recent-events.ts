/** A post event as live delivery writes it: its frame rendered once, with what filters look at. */
export interface LiveEvent {
  seq: number;
  tag: string;
  lang: string;
  frame: string;
}

/**
 * The newest events the hub has delivered, in memory: a client a little behind (a burst it is still
 * draining, a resume from a recent id) catches up from here without a query. It holds every event
 * after `from` up to the newest, and at most `capacity` of them.
 */
export class RecentEvents {
  private events: LiveEvent[] = [];
  private start = 0;
  from = 0;

  constructor(private readonly capacity: number) {}

  get newest(): number {
    return this.events.length > this.start ? this.events[this.events.length - 1]!.seq : this.from;
  }

  /** Events the hub delivered after all those held, in order. */
  append(events: readonly LiveEvent[]): void {
    for (const event of events) this.events.push(event);
    const excess = this.events.length - this.start - this.capacity;
    if (excess > 0) {
      this.start += excess;
      this.from = this.events[this.start - 1]!.seq;
    }
    // Drop the dead head now and then rather than shifting at every append.
    if (this.start > this.capacity) {
      this.events = this.events.slice(this.start);
      this.start = 0;
    }
  }

  /** The hub moved to `seq` without reading the events in between: nothing before it is held. */
  restartAt(seq: number): void {
    this.events = [];
    this.start = 0;
    this.from = seq;
  }

  /** Whether every event after `cursor` that the hub delivered is held here. */
  covers(cursor: number): boolean {
    return cursor >= this.from;
  }

  /** Up to `limit` events after `cursor`, oldest first (`covers(cursor)` must hold). */
  after(cursor: number, limit: number): LiveEvent[] {
    let low = this.start;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.events[middle]!.seq <= cursor) low = middle + 1;
      else high = middle;
    }
    return this.events.slice(low, low + limit);
  }
}
