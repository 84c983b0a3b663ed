import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { FormSession } from './forms.js';
import { registeredRoutes } from './routes.js';

/** Routes that answer no HTML page: files, feeds, data, health checks. */
export const NOT_PAGES =
  /^\/(api\/|assets\/|media\/|healthz|readyz|robots\.txt|sitemap\.xml|favicon\.ico)|\.(ics|csv|rss|atom|xml|json)$|\.:format$|\/files\/|\/receipts\/|\/export$|^\/news\*$|^\/sessions\/:file$|\/picture\/:upload\/:file$|\.webp$/;

/** Pages reached only from a mail or a file: opened with a made-up token, they show their error page. */
export const FROM_MAILS = [
  '/verify/not-a-token',
  '/login/link/not-a-token',
  '/login/reset/not-a-token',
  '/unsubscribe/not-a-token',
  '/invitations/opt-out/not-a-token',
  '/jury/invite/not-a-token',
  '/decisions/confirm/not-a-token',
  '/s/not-a-secret',
  '/s/not-a-secret/preview',
  '/s/not-a-secret/appeal',
  '/r/not-a-secret',
  '/r/not-a-secret/cancel',
  '/events/not-an-id',
  '/chapters/no-such-chapter',
  '/no-such-page',
];

type Pattern = { path: string; test: RegExp; weight: number };

/** The page routes of an app (GET, answering HTML), as patterns an address is matched against. */
export function pageRoutes(app: FastifyInstance): Pattern[] {
  return registeredRoutes(app)
    .filter(([method, path]) => method === 'GET' && !NOT_PAGES.test(path))
    .map(([, path]) => ({
      path,
      test: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')}$`),
      weight: path.replace(/:[A-Za-z]+/g, '').length,
    }));
}

/** The route an address falls on: the most specific wins, as in Fastify (static characters before parameters). */
export function routeOf(pages: Pattern[], url: string): Pattern | undefined {
  const path = url.split('?')[0]!;
  return pages.filter((p) => p.test.test(path)).sort((a, b) => b.weight - a.weight)[0];
}

export function linksIn(html: string): string[] {
  return [...html.matchAll(/<a [^>]*href="(\/[^"/][^"]*|\/)"/g)]
    .map((m) => m[1]!.replaceAll('&amp;', '&').split('#')[0]!)
    .filter((u) => u && !NOT_PAGES.test(u.split('?')[0]!));
}

/**
 * Follows links from the seeds as `browser`, at most `perRoute` addresses per route, and hands
 * every answer to `visit`; returns the routes reached.
 */
export async function crawl(
  pages: Pattern[],
  browser: FormSession,
  seeds: string[],
  perRoute: number,
  visit: (url: string, res: LightMyRequestResponse) => Promise<void> | void,
  follow: (url: string) => boolean = () => true,
): Promise<Set<string>> {
  const queue = [...seeds];
  const seen = new Set<string>();
  const count = new Map<string, number>();
  const reached = new Set<string>();
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const route = routeOf(pages, url);
    const key = route?.path ?? url;
    if ((count.get(key) ?? 0) >= perRoute) continue;
    count.set(key, (count.get(key) ?? 0) + 1);
    const res = await browser.request('GET', url);
    if (route) reached.add(route.path);
    if (res.statusCode >= 300 && res.statusCode < 400) {
      const to = String(res.headers.location ?? '');
      if (to.startsWith('/')) queue.unshift(to);
      continue;
    }
    await visit(url, res);
    if (res.statusCode === 200) queue.push(...linksIn(res.body).filter(follow));
  }
  return reached;
}

export interface PostForm {
  action: string;
  /** The form's fields filled with mistakes: required text left blank, addresses, numbers and dates malformed. */
  fields: Record<string, string>;
  /** Whether the form has a field a person fills in (not only hidden fields and a button). */
  editable: boolean;
}

const MISTAKES: Record<string, string> = {
  email: 'not-an-address',
  url: 'not a web address',
  number: '-1',
  date: '2027-02-31',
  time: '25:61',
  'datetime-local': 'soon',
  tel: 'x',
};

/** The POST forms of a page with their fields filled with mistakes. */
export function postForms(html: string): PostForm[] {
  const forms: PostForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, attrs, inner] = m as unknown as [string, string, string];
    if (!/method="post"/i.test(attrs) || /enctype="multipart/i.test(attrs)) continue;
    const action = /action="([^"]+)"/.exec(attrs)?.[1]?.replaceAll('&amp;', '&');
    if (!action?.startsWith('/')) continue;
    const fields: Record<string, string> = {};
    let editable = false;
    for (const input of inner.matchAll(/<(input|textarea|select)\b([^>]*)>/g)) {
      const [, tag, a] = input as unknown as [string, string, string];
      const name = /\sname="([^"]+)"/.exec(a)?.[1];
      if (!name) continue;
      const type = tag === 'input' ? (/\stype="([^"]+)"/.exec(a)?.[1] ?? 'text') : tag;
      if (type === 'hidden') fields[name] = (/\svalue="([^"]*)"/.exec(a)?.[1] ?? '').replaceAll('&amp;', '&');
      else if (type === 'checkbox' || type === 'radio' || type === 'submit' || type === 'file') continue;
      else {
        editable = true;
        fields[name] = type === 'select' ? 'no-such-choice' : (MISTAKES[type] ?? '');
      }
    }
    forms.push({ action, fields, editable });
  }
  return forms;
}
