import { LRUCache } from 'lru-cache';

/** Addresses remembered at once: an address forgotten early only gets a full allowance back. */
const ADDRESSES = 10_000;

/**
 * Resumes (a `Last-Event-ID`) per client address: each may read older events, so an address gets
 * `perMinute` of them, refilled evenly, and waits beyond that.
 */
export class ResumeLimit {
  private readonly buckets = new LRUCache<string, { tokens: number; at: number }>({ max: ADDRESSES });

  constructor(private readonly perMinute: number) {}

  /** 0 when `address` may resume now (and it is counted), otherwise the seconds to wait. */
  take(address: string, now: number): number {
    const refillPerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(address) ?? { tokens: this.perMinute, at: now };
    const tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * refillPerMs);
    if (tokens < 1) {
      this.buckets.set(address, { tokens, at: now });
      return Math.ceil((1 - tokens) / refillPerMs / 1000);
    }
    this.buckets.set(address, { tokens: tokens - 1, at: now });
    return 0;
  }
}
