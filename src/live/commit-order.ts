/**
 * Sequence numbers and commit order. SQLite has one writer at a time, so its sequence numbers commit in
 * order: a gap is permanent (rows deleted), never filled later. PostgreSQL hands out sequence numbers
 * when rows are inserted, not when they commit: a reader of `seq > last` may see 12 before 11 commits,
 * and moving past 11 would lose it for good. So a gap holds delivery back until it has lasted
 * `graceMs` (a transaction in flight commits well within it; one rolled back leaves a gap for ever).
 */
export class CommitOrder {
  private gap: { seq: number; since: number } | undefined;

  constructor(private readonly graceMs: number) {}

  /** How many of `seqs` (ascending, all after `cursor`) may be delivered now, in order. */
  deliverable(cursor: number, seqs: readonly number[], now: number): number {
    let expected = cursor + 1;
    for (let index = 0; index < seqs.length; index++) {
      const seq = seqs[index]!;
      if (seq !== expected && !this.gapExpired(expected, now)) return index;
      expected = seq + 1;
    }
    return seqs.length;
  }

  private gapExpired(missing: number, now: number): boolean {
    if (this.graceMs <= 0) return true;
    if (this.gap?.seq !== missing) this.gap = { seq: missing, since: now };
    if (now - this.gap.since < this.graceMs) return false;
    this.gap = undefined;
    return true;
  }
}
