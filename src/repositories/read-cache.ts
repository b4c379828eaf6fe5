import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Store } from './store';
import { coalesced } from './coalesced';
import { read } from './read';

/** A response body as sent, with its strong entity tag. */
export interface CachedBody {
  body: Buffer;
  etag: string;
}

export interface ReadCache {
  /** The JSON body of `compute()`'s answer, from the cache while no write has been committed since. */
  json(key: string, compute: () => Promise<unknown>): Promise<CachedBody>;
  /** bytes of the bodies and keys held */
  bytes(): number;
}

export interface ReadCacheOptions {
  maxBytes: number;
  observer?: { onSize?(bytes: number): void; onEvict?(): void };
}

interface Entry extends CachedBody {
  version: number;
}

// What an entry costs beyond its body and key: the entry object, its tag, the LRU's bookkeeping.
const ENTRY_OVERHEAD_BYTES = 200;

/**
 * Serialised answers computed from the database, bounded by the bytes they hold (least recently used
 * evicted first), not by their number: a page of 1,000 entries weighs a thousand times one of 1.
 * An answer is kept until the next committed write anywhere (another process, such as
 * `npm run collect`, included): every write transaction bumps `data_version`, and each read checks
 * it first, so a cached answer always equals a fresh one. Requests arriving together share one check
 * made after they arrived (on PostgreSQL a round trip each halved the cached answers' throughput).
 * Concurrent misses of one key compute once.
 */
export function createReadCache(store: Store, options: ReadCacheOptions): ReadCache {
  const { observer = {} } = options;
  const entries = new LRUCache<string, Entry>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry, key) => entry.body.length + key.length * 2 + ENTRY_OVERHEAD_BYTES,
    dispose: (_entry, _key, reason) => {
      if (reason === 'evict') observer.onEvict?.();
    },
  });
  const computing = new Map<string, Promise<Entry>>();
  const currentVersion = coalesced(() => dataVersion(store));

  const fill = async (key: string, version: number, compute: () => Promise<unknown>): Promise<Entry> => {
    const text = JSON.stringify(await compute());
    // Unpooled: a small Buffer.from() is a slice of a shared 8 KiB slab, which it would keep alive.
    const body = Buffer.allocUnsafeSlow(Buffer.byteLength(text, 'utf8'));
    body.write(text, 'utf8');
    const entry = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, version };
    entries.set(key, entry);
    observer.onSize?.(entries.calculatedSize);
    return entry;
  };

  return {
    async json(key, compute) {
      const version = await currentVersion();
      const hit = entries.get(key);
      if (hit?.version === version) return hit;
      const inFlight = `${version}\u0000${key}`;
      let pending = computing.get(inFlight);
      if (!pending) {
        pending = fill(key, version, compute).finally(() => computing.delete(inFlight));
        computing.set(inFlight, pending);
      }
      return pending;
    },
    bytes: () => entries.calculatedSize,
  };
}

async function dataVersion(store: Store): Promise<number> {
  const [row] = await read<{ version: number }>(store, 'SELECT version FROM data_version WHERE id = 1');
  return Number(row?.version);
}
