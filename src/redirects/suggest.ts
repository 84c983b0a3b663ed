import { eventPath } from '../web/event-path.js';
import type { Db } from '../db/connection.js';
import { listPublicEvents } from '../events/service.js';
import type { Network } from '../networks/service.js';
import { articlePath, articleSlugsStartingWith, listArticles } from '../news/service.js';

/**
 * What a 404 page offers instead: articles and events found from the words of the missing
 * address. A truncated old slug that starts several articles' slugs (oldAddressTarget redirects
 * only when it starts exactly one) lists them all; otherwise the address's words are searched
 * as the news search does (accents and small typos forgiven), then upcoming events by title.
 */

export interface Suggestion {
  title: string;
  url: string;
}

const MAX = 6;
/** Words of this site's own routes and of WordPress's, which say nothing about what was sought. */
const ROUTE_WORDS = new Set([
  'news',
  'events',
  'event',
  'category',
  'author',
  'page',
  'feed',
  'chapters',
  'index',
  'html',
]);

export function addressWords(path: string): string[] {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // keep the raw path
  }
  const words = decoded
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && !/^\d+$/.test(w) && !ROUTE_WORDS.has(w));
  return [...new Set(words)].slice(0, 6);
}

export async function suggestionsFor(db: Db, network: Network, url: string): Promise<Suggestion[]> {
  const path = url.split('?')[0] ?? '/';
  // Files (a robot's /wp-login.php, a missing /favicon.png) and absurd addresses get no search.
  if (path.length > 300 || /\.[a-z0-9]{2,5}$/i.test(path)) return [];
  const found = new Map<string, string>();
  const segments = path.split('/').filter((s) => s && !/^\d+$/.test(s));
  const slug = (segments.at(-1) ?? '').toLowerCase();
  if (/^[a-z0-9-]{4,80}$/.test(slug))
    for (const a of await articleSlugsStartingWith(db, network.id, slug, MAX))
      if (a.status === 'published') found.set(articlePath(a), a.title);
  const words = addressWords(path);
  if (!words.length) return list(found);
  const search = async (q: string) => {
    const { rows } = await listArticles(db, network, null, { q }, { limit: MAX, offset: 0 });
    for (const a of rows) if (found.size < MAX) found.set(articlePath(a), a.title);
    return rows.length;
  };
  // Every word first; when that finds nothing, the longest words one by one.
  if (found.size < MAX && !(await search(words.join(' '))) && words.length > 1)
    for (const w of [...words].sort((a, b) => b.length - a.length).slice(0, 3)) await search(w);
  for (const w of [...words].sort((a, b) => b.length - a.length).slice(0, 2)) {
    if (w.length < 4) continue;
    const events = await listPublicEvents(db, network, { from: new Date(), text: w, limit: 3, offset: 0 });
    for (const e of events) found.set(eventPath(e), e.title);
  }
  return list(found);
}

const list = (found: Map<string, string>): Suggestion[] =>
  [...found].slice(0, MAX + 2).map(([url, title]) => ({ url, title }));
