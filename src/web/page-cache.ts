import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isNotModified } from './conditional.js';
import { onSendSync } from './hooks.js';
import { listenForWrites } from './page-cache-listen.js';
import { type Entry, type PageCacheLimits, PageStore } from './page-store.js';

export type { PageCacheLimits };

/**
 * An in-memory cache of what anonymous visitors get from public pages, feeds and the public JSON
 * API: one core then answers most of them without a query or a render.
 *
 * - Key: the network, the language and the whole URL (path and query) — all an anonymous answer
 *   depends on. Only visitors with no session (`req.user` null) and no `Authorization` header are
 *   served from it or stored in it, so a signed-in visitor never gets someone else's page.
 * - Invalidation: a version counter, bumped by every write request (any method but GET, HEAD and
 *   OPTIONS) before its answer leaves.
 *   An answer is stored with the version its request started under, so a render that raced a write
 *   is never served. Writes of other processes (several `essaim serve` on one database, the CLI,
 *   plain SQL) arrive as PostgreSQL notifications after their commit (`listenForWrites`). Entries
 *   also live at most `LISTENING_TTL_MS` (the passing of time: an event starting, registration
 *   opening), and one second while the notifications cannot be heard — so seats left are never
 *   older than a second.
 * - Drafts are rendered only for their organisers, who are signed in: never stored.
 * - CSRF: pages are rendered with a placeholder in place of the token; each visitor gets their own
 *   token in it when served. Such a page's ETag also names the visitor's CSRF cookie, so a 304 only
 *   confirms a copy whose token is still theirs.
 * - ETag and 304 for every entry; feeds keep the ETag their handler gave them.
 *
 * Cache-Control of pages is set here only (`PAGE_CACHE_CONTROL`), so it is reconciled in one place.
 */

const DEFAULT_LIMITS: PageCacheLimits = { maxEntries: 2000, maxBytes: 32 * 1024 * 1024 };
/** Anonymous pages may be kept by the browser, revalidated with their ETag every time. */
export const PAGE_CACHE_CONTROL = 'private, no-cache';
const CSRF_COOKIE = '_csrf';
const KEPT_HEADERS = ['content-type', 'cache-control', 'vary', 'etag', 'last-modified', 'content-disposition'];

type Kind = 'page' | 'feed' | 'api';
/** The public GET routes whose anonymous answers are cached, by Fastify route pattern. */
const ROUTES = new Map<string, Kind>([
  ['/', 'page'],
  ['/chapters/:slug', 'page'],
  ['/events/:id', 'page'],
  ['/venues', 'page'],
  ['/venues/:slug', 'page'],
  // News: the lists (network, chapter, category, tag, author, search: the query is in the key) and
  // articles (`/news/*` is a page under other pages). Drafts, private and scheduled articles are
  // readable by signed-in editors only, whose answers are never stored.
  ['/news', 'page'],
  ['/chapters/:slug/news', 'page'],
  ['/news/category/*', 'page'],
  ['/news/tag/:slug', 'page'],
  ['/news/author/:slug', 'page'],
  ['/news/:slug', 'page'],
  ['/news/*', 'page'],
  ['/news.rss', 'feed'],
  ['/news.atom', 'feed'],
  ['/calendar.ics', 'feed'],
  ['/chapters/:slug/calendar.ics', 'feed'],
  ['/venues/:slug/calendar.ics', 'feed'],
  ['/events/:id.ics', 'feed'],
  ['/events.rss', 'feed'],
  ['/sitemap.xml', 'feed'],
  ['/api/v1/events', 'api'],
  ['/api/v1/events/:id', 'api'],
  ['/api/v1/chapters', 'api'],
  ['/api/v1/chapters/:slug', 'api'],
  ['/api/v1/venues', 'api'],
  ['/api/v1/venues/:slug', 'api'],
  ['/api/v1/articles', 'api'],
  ['/api/v1/articles/:id', 'api'],
]);

interface RequestState {
  key: string;
  version: number;
  /** The visitor's real CSRF token, made before the render (its cookie must be set by then). */
  csrf?: string;
  /** The visitor's conditional headers, kept aside while the handler renders the whole answer. */
  conditional?: Record<string, string | undefined>;
  /** Set when this request renders the answer others wait for. */
  flight?: { done: Promise<void>; finish: () => void };
}

/** Unguessable, so no content can forge it; rendered where the CSRF token goes. */
const PLACEHOLDER = `csrf-${randomBytes(24).toString('hex')}`;

/** Each app's store, for the test that checks the bounds (and for metrics, should they want it). */
const stores = new WeakMap<FastifyInstance, PageStore>();
/** What the page cache of `app` holds now; undefined when it is off. */
export function pageCacheSize(
  app: FastifyInstance,
): { entries: number; bytes: number; limits: PageCacheLimits } | undefined {
  const store = stores.get(app);
  return store && { entries: store.entries.size, bytes: store.bytes, limits: store.limits };
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('base64url').slice(0, 22);
}

/** The ETag of a page holding a CSRF token: its template and the visitor's CSRF cookie; none without one. */
function csrfEtag(req: FastifyRequest, entry: Pick<Entry, 'etag'>): string | undefined {
  const cookie = req.cookies[CSRF_COOKIE];
  return cookie ? `"${entry.etag.slice(1, -1)}.${hash(cookie).slice(0, 10)}"` : undefined;
}

function anonymousKey(req: FastifyRequest): string | undefined {
  if (req.method !== 'GET' || req.user || req.headers.authorization !== undefined) return undefined;
  if (!ROUTES.has(req.routeOptions.url ?? '')) return undefined;
  return `${req.network.id}|${req.locale}|${req.url}`;
}

/** A route's own hooks of one kind (none, one or a list), then `hook`. */
const after = (own: unknown, hook: unknown): unknown[] => [...(Array.isArray(own) ? own : own ? [own] : []), hook];

/** How long a request waits for the same answer being rendered by another before rendering it itself. */
const WAIT_MS = 2000;

export function registerPageCache(
  app: FastifyInstance,
  databaseUrl?: string,
  limits: Partial<PageCacheLimits> = {},
): void {
  const cache = new PageStore({ ...DEFAULT_LIMITS, ...limits });
  stores.set(app, cache);
  if (databaseUrl) listenForWrites(app, cache, databaseUrl);
  const states = new WeakMap<FastifyRequest, RequestState | 'hit'>();
  /** Answers being rendered, by key: concurrent misses wait for the first instead of all rendering it. */
  const rendering = new Map<string, { done: Promise<void>; finish: () => void }>();

  const finish = (req: FastifyRequest) => {
    const state = states.get(req);
    if (!state || state === 'hit') return;
    const flight = rendering.get(state.key);
    if (flight && flight === state.flight) {
      rendering.delete(state.key);
      flight.finish();
    }
  };

  const serve = (req: FastifyRequest, reply: FastifyReply, entry: Entry) => {
    states.set(req, 'hit');
    const withCsrf = entry.buffer === undefined;
    const etag = withCsrf ? csrfEtag(req, entry) : entry.etag;
    if (etag && isNotModified(req, etag, entry.lastModified)) {
      // What lets a cache update its copy (RFC 9110, 15.4.5), not the content's type or name.
      for (const [name, value] of entry.headers)
        if (name === 'cache-control' || name === 'vary') reply.header(name, value);
      return reply.header('etag', etag).code(304).send();
    }
    for (const [name, value] of entry.headers) reply.header(name, value);
    if (etag) reply.header('etag', etag);
    return reply.code(200).send(entry.buffer ?? entry.parts.join(reply.generateCsrf()));
  };

  // A hit is answered as soon as the visitor is known: only 200s are stored, so its URL already
  // passed validation, and no preHandler has anything left to decide; a 304 then costs about what
  // /healthz does (bench:pages). The hook is the cached routes' own, added after theirs so far —
  // the rate limit's — and after every application hook (the context's: network, language, user).
  const answerHit = (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const key = anonymousKey(req);
    if (key === undefined) return done();
    const now = Date.now();
    // Past its time and being rendered again by another request: the copy in hand meanwhile.
    const entry = cache.lookup(key, now) ?? (rendering.has(key) ? cache.stale(key, now) : undefined);
    if (entry) serve(req, reply, entry);
    else done();
  };
  // The misses' preparation, on the cached routes only too: no other request pays for it.
  app.addHook('onRoute', (route) => {
    if (!ROUTES.has(route.url ?? '')) return;
    route.onRequest = after(route.onRequest, answerHit) as typeof route.onRequest;
    route.preHandler = after(route.preHandler, prepareMiss) as typeof route.preHandler;
  });

  async function prepareMiss(req: FastifyRequest, reply: FastifyReply) {
    const key = anonymousKey(req);
    if (key === undefined) return;
    let entry = cache.lookup(key, Date.now());
    if (!entry) {
      const flight = rendering.get(key);
      if (flight) {
        await Promise.race([flight.done, new Promise((r) => setTimeout(r, WAIT_MS).unref())]);
        entry = cache.lookup(key, Date.now());
      }
    }
    if (entry) return serve(req, reply, entry);

    const state: RequestState = { key, version: cache.stamp() };
    // The handler renders the whole answer, to be kept; whether this visitor needs it is decided on the way out.
    const { 'if-none-match': ifNoneMatch, 'if-modified-since': ifModifiedSince } = req.headers;
    if (ifNoneMatch !== undefined || ifModifiedSince !== undefined) {
      state.conditional = { 'if-none-match': ifNoneMatch, 'if-modified-since': ifModifiedSince };
      delete req.headers['if-none-match'];
      delete req.headers['if-modified-since'];
    }
    if (!rendering.has(key)) {
      let done!: () => void;
      const promise = new Promise<void>((r) => (done = r));
      state.flight = { done: promise, finish: done };
      rendering.set(key, state.flight);
    }
    if (ROUTES.get(req.routeOptions.url!) === 'page') {
      state.csrf = reply.generateCsrf();
      reply.generateCsrf = () => PLACEHOLDER;
    }
    states.set(req, state);
  }

  app.addHook(
    'onSend',
    onSendSync((req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
        // A write changed (or may have changed) what visitors see: everything cached is out of date.
        cache.version++;
        return payload;
      }
      const state = states.get(req);
      if (!state || state === 'hit' || typeof payload !== 'string') return payload;
      const parts = state.csrf === undefined ? [payload] : payload.split(PLACEHOLDER);
      const live = parts.length > 1 ? parts.join(state.csrf) : payload;
      if (reply.statusCode !== 200) {
        finish(req);
        return live;
      }
      if (ROUTES.get(req.routeOptions.url!) === 'page') reply.header('cache-control', PAGE_CACHE_CONTROL);
      const given = reply.getHeader('etag');
      // Without a token to fill in, the body is kept encoded, so a hit is one buffer write.
      const buffer = parts.length > 1 ? undefined : Buffer.from(payload);
      const entry: Entry = {
        version: state.version,
        storedAt: Date.now(),
        headers: [],
        parts: buffer ? [] : parts,
        buffer,
        etag: typeof given === 'string' ? given : `"${hash(payload)}"`,
        lastModified: undefined,
        bytes: buffer ? buffer.length : payload.length * 2,
      };
      const modified = reply.getHeader('last-modified');
      if (typeof modified === 'string') entry.lastModified = new Date(modified);
      for (const name of KEPT_HEADERS) {
        const value = reply.getHeader(name);
        if (typeof value === 'string' && name !== 'etag') entry.headers.push([name, value]);
      }
      // The key (a whole URL, twice: the map's and the flight's) and the headers count too, at two
      // bytes a character, and a little for the objects: a flood of distinct short URLs is bounded.
      entry.bytes +=
        2 *
          (2 * state.key.length + entry.etag.length + entry.headers.reduce((n, [k, v]) => n + k.length + v.length, 0)) +
        256;
      cache.store(state.key, entry);
      finish(req);
      const etag = buffer ? entry.etag : csrfEtag(req, entry);
      if (etag) {
        reply.header('etag', etag);
        if (state.conditional) {
          Object.assign(req.headers, state.conditional);
          if (isNotModified(req, etag, entry.lastModified)) {
            reply.code(304);
            return null;
          }
        }
      }
      return buffer ?? live;
    }),
  );

  // Whatever happened to the request (an error page, an aborted connection), its waiters go on.
  app.addHook('onResponse', (req, _reply, done) => {
    finish(req);
    done();
  });
  app.addHook('onRequestAbort', (req, done) => {
    finish(req);
    done();
  });
}
