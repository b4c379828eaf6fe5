/** mulberry32: a small, fast, seeded PRNG, so generated data is the same on every run and machine. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export function weighted<T>(random: () => number, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let left = random() * total;
  for (const [value, weight] of entries) if ((left -= weight) < 0) return value;
  return entries[0]![0];
}

/** A standard normal draw (Box-Muller), for log-normal, heavy-tailed follower counts. */
export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** X ids are snowflakes: milliseconds since X's epoch, shifted left 22 bits, plus a sequence. */
export const X_EPOCH_MS = 1288834974657n;
export const snowflake = (ms: number, sequence: number) =>
  ((BigInt(ms) - X_EPOCH_MS) << 22n) | BigInt(sequence & 0x3fffff);
export const snowflakeTimeMs = (id: bigint) => Number((id >> 22n) + X_EPOCH_MS);
