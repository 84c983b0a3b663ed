// The page cache's store: answers with the version they were rendered at, bounded in entries and bytes.

/** How long an answer lives while this process hears other writers (below), and while it does not. */
export const LISTENING_TTL_MS = 5000;
const TTL_MS = 1000;
/** How long past its time an answer may be served while it is being rendered again (`stale`). */
const STALE_MS = 2000;
/** Bounds: entries, and bytes (bodies, keys and headers counted; `PAGE_CACHE_MB`, 32 by default). */
export interface PageCacheLimits {
  maxEntries: number;
  maxBytes: number;
}

export interface Entry {
  version: number;
  storedAt: number;
  headers: [string, string][];
  /** The body, cut where each visitor's CSRF token goes (one part when there is none). */
  parts: string[];
  /** The body encoded, when it holds no CSRF token. */
  buffer: Buffer | undefined;
  etag: string;
  lastModified: Date | undefined;
  bytes: number;
}

/** The answers of one app: a version (bumped by its write requests and by notifications) and a bounded map, oldest first out. */
export class PageStore {
  version = 0;
  readonly entries = new Map<string, Entry>();
  bytes = 0;

  constructor(readonly limits: PageCacheLimits) {}

  /** What an entry stored now must match to be served. */
  stamp(): number {
    return this.version;
  }

  /** True while the LISTEN connection is up: writes of other processes then arrive within milliseconds. */
  listening = false;

  private fresh(entry: Entry, now: number): boolean {
    return entry.version === this.stamp() && now - entry.storedAt <= (this.listening ? LISTENING_TTL_MS : TTL_MS);
  }

  lookup(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (!this.fresh(entry, now)) {
      // Out of date by a write: gone. Only older than its time while this process hears every
      // write: kept for `stale`, until the answer rendered again replaces it.
      if (entry.version !== this.stamp() || !this.listening) this.drop(key, entry);
      return undefined;
    }
    return entry;
  }

  /**
   * An answer past its time but not changed by any write since (this process hears them all:
   * `listening`), for a visitor who arrives while another request renders it again — instead of
   * waiting for that render. Writes still take effect at once; only the passing of time (an event
   * starting) reaches those visitors a render later. At most STALE_MS past its time.
   */
  stale(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry || !this.listening || entry.version !== this.stamp()) return undefined;
    return now - entry.storedAt <= LISTENING_TTL_MS + STALE_MS ? entry : undefined;
  }

  store(key: string, entry: Entry) {
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    if (entry.bytes > this.limits.maxBytes / 8) return;
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    // Oldest first (a stored answer goes to the end): expired answers at the front go whatever
    // the room left, so memory is given back after a burst of distinct URLs; then the oldest
    // until the entry and byte bounds hold.
    const now = Date.now();
    for (const [k, e] of this.entries) {
      if (this.fresh(e, now) && this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes)
        break;
      this.drop(k, e);
    }
  }

  private drop(key: string, entry: Entry) {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
