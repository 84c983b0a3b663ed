import { describe, expect, it } from 'vitest';
import { type Entry, LISTENING_TTL_MS, PageStore } from './page-store.js';

const entry = (store: PageStore, storedAt: number): Entry => ({
  version: store.stamp(),
  storedAt,
  headers: [],
  parts: [],
  buffer: Buffer.from('answer'),
  etag: '"e"',
  lastModified: undefined,
  bytes: 6,
});

describe('an answer past its time', () => {
  it('is not served as fresh, but may be served while it is rendered again when every write is heard', () => {
    const store = new PageStore({ maxEntries: 10, maxBytes: 1_000_000 });
    store.listening = true;
    const now = Date.now();
    store.store('k', entry(store, now));
    const later = now + LISTENING_TTL_MS + 500;
    expect(store.lookup('k', later)).toBeUndefined();
    expect(store.stale('k', later)?.etag).toBe('"e"');
    // Not for ever: two seconds past its time at most.
    expect(store.stale('k', now + LISTENING_TTL_MS + 2500)).toBeUndefined();
  });

  it('never after a write, and never while writes of other processes cannot be heard', () => {
    const store = new PageStore({ maxEntries: 10, maxBytes: 1_000_000 });
    store.listening = true;
    const now = Date.now();
    store.store('k', entry(store, now));
    store.version++;
    expect(store.lookup('k', now + 1)).toBeUndefined();
    expect(store.stale('k', now + 1)).toBeUndefined();

    const deaf = new PageStore({ maxEntries: 10, maxBytes: 1_000_000 });
    deaf.store('k', entry(deaf, now));
    expect(deaf.lookup('k', now + 1500)).toBeUndefined();
    expect(deaf.stale('k', now + 1500)).toBeUndefined();
  });
});
