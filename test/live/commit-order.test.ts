import { CommitOrder } from '../../src/live/commit-order';

describe('post events delivered in commit order', () => {
  test('when the sequence has no gap, then every event is deliverable at once', () => {
    expect(new CommitOrder(1000).deliverable(10, [11, 12, 13], 0)).toBe(3);
  });

  test('when a lower sequence number has not committed yet (PostgreSQL), then delivery stops before the gap until the grace period has passed', () => {
    const order = new CommitOrder(1000);

    expect(order.deliverable(10, [11, 13, 14], 0)).toBe(1);
    expect(order.deliverable(11, [13, 14], 999)).toBe(0);
    expect(order.deliverable(11, [12, 13, 14], 1200)).toBe(3);
  });

  test('when a gap lasts the grace period (a transaction rolled back), then delivery moves past it', () => {
    const order = new CommitOrder(1000);

    expect(order.deliverable(10, [12], 5000)).toBe(0);
    expect(order.deliverable(10, [12], 6000)).toBe(1);
    // A new gap waits its own grace period.
    expect(order.deliverable(12, [14], 6000)).toBe(0);
  });

  test('when there is no grace period (SQLite commits one writer at a time, in sequence order), then a gap is passed at once', () => {
    expect(new CommitOrder(0).deliverable(0, [501, 502], 0)).toBe(2);
  });
});
