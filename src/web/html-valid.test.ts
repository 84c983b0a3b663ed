import { createRequire } from 'node:module';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession, signIn } from '../../test/support/forms.js';
import { loadDemo } from '../demo/service.js';
import { escapeTextGt, pageTitle } from './page.js';

// Every page is valid HTML (html-validate, the repository's .htmlvalidate.cjs): the demo network
// is crawled link by link as a visitor, a member, an organiser, a venue manager and an admin, in
// the three languages, with the error pages of bad addresses and refused forms; every page route
// the app registers must be reached, so a new page is checked the day it is added.

let t: TestApp;
const validator = new HtmlValidate(createRequire(import.meta.url)('../../.htmlvalidate.cjs') as ConfigData);
const LANGS = ['fr', 'nl', 'en'] as const;

/** [method, path] of every registered route, from Fastify's own table (as malformed-ids.test.ts reads it). */
function registeredRoutes(): [string, string][] {
  const labels: string[] = [];
  const routes: [string, string][] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!m) continue;
    labels.length = m[1]!.length / 4;
    labels.push(m[2]!);
    for (const method of m[3]?.split(', ') ?? []) routes.push([method, labels.join('')]);
  }
  return routes;
}

/** Routes that answer no HTML page: files, feeds, data, health checks. */
const NOT_PAGES =
  /^\/(api\/|assets\/|media\/|healthz|readyz|robots\.txt|sitemap\.xml)|\.(ics|csv|rss|atom|xml|json)$|\.:format$|\/files\/|\/receipts\/|\/export$|^\/news\*$|^\/sessions\/:file$|\/picture\/:upload\/:file$|\.webp$/;

/** Pages reached only from a mail or a file: opened with a made-up token, they show their error page. */
const FROM_MAILS = [
  '/verify/not-a-token',
  '/login/link/not-a-token',
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
let pages: Pattern[];
const reached = new Map<string, Set<string>>();
const problems: string[] = [];
let checked = 0;

function patternOf(url: string): Pattern | undefined {
  const path = url.split('?')[0]!;
  // The most specific route wins, as in Fastify: static characters before parameters.
  return pages.filter((p) => p.test.test(path)).sort((a, b) => b.weight - a.weight)[0];
}

function linksIn(html: string): string[] {
  return [...html.matchAll(/<a [^>]*href="(\/[^"/][^"]*|\/)"/g)]
    .map((m) => m[1]!.replaceAll('&amp;', '&').split('#')[0]!)
    .filter((u) => u && !NOT_PAGES.test(u.split('?')[0]!));
}

async function check(
  label: string,
  url: string,
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
) {
  if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) return;
  checked++;
  // Forms are checked by the server, which answers in the page's language: the browser's own
  // bubbles would speak the browser's (a French page saying "Please fill out this field.").
  for (const tag of res.body.match(/<form\b[^>]*>/g) ?? [])
    if (/method="post"/.test(tag) && !/\bnovalidate\b/.test(tag))
      problems.push(`${label} ${url} (${res.statusCode}) a form left to the browser's validation: ${tag}`);
  const report = await validator.validateString(res.body);
  for (const r of report.results)
    for (const m of r.messages)
      problems.push(`${label} ${url} (${res.statusCode}) ${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
}

/** Follows links from the seeds, at most `perRoute` addresses per route, and validates every HTML answer. */
async function crawl(label: string, browser: FormSession, seeds: string[], perRoute: number) {
  const queue = [...seeds];
  const seen = new Set<string>();
  const count = new Map<string, number>();
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const route = patternOf(url);
    const key = route?.path ?? url;
    if ((count.get(key) ?? 0) >= perRoute) continue;
    count.set(key, (count.get(key) ?? 0) + 1);
    const res = await browser.request('GET', url);
    if (route) (reached.get(route.path) ?? reached.set(route.path, new Set()).get(route.path)!).add(label);
    if (res.statusCode >= 300 && res.statusCode < 400) {
      const to = String(res.headers.location ?? '');
      if (to.startsWith('/')) queue.unshift(to);
      continue;
    }
    await check(label, url, res);
    if (res.statusCode === 200) queue.push(...linksIn(res.body));
  }
}

const people: Record<string, { email: string; password: string }> = {};
/** A demo member: the block page is reached from a contact mail only. */
let someMember = '';

beforeAll(async () => {
  t = await startTestApp();
  pages = registeredRoutes()
    .filter(([method, path]) => method === 'GET' && !NOT_PAGES.test(path))
    .map(([, path]) => ({
      path,
      test: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')}$`),
      weight: path.replace(/:[A-Za-z]+/g, '').length,
    }));
  await loadDemo(t.database.db, t.network, { dataDir: t.config.dataDir, baseUrl: t.config.baseUrl });
  const admin = await t.user('admin');
  const { rows } = await t.database.pool.query<{ slug: string }>(
    'SELECT slug FROM venues WHERE network_id = $1 ORDER BY slug LIMIT 1',
    [t.network.id],
  );
  for (const role of ['member', 'organiser', 'manager']) {
    const u = await t.user('member');
    people[role] = { email: u.user.email, password: u.password };
  }
  people.admin = { email: admin.user.email, password: admin.password };
  someMember = (
    await t.database.pool.query<{ id: string }>(
      `SELECT id FROM users WHERE network_id = $1 AND role = 'member' ORDER BY email LIMIT 1`,
      [t.network.id],
    )
  ).rows[0]!.id;
  const appoint = async (url: string, email: string) =>
    expect((await t.api('POST', url, { token: admin.token, body: { email } })).statusCode).toBeLessThan(300);
  await appoint('/api/v1/chapters/charleroi/organizers', people.organiser!.email);
  await appoint(`/api/v1/venues/${rows[0]!.slug}/managers`, people.manager!.email);
  people.manager = { ...people.manager!, venue: rows[0]!.slug } as { email: string; password: string };
}, 600_000);
afterAll(() => t?.close());

describe('what every page goes through', () => {
  it("escapes '>' in text, never in tags, scripts or comments", () => {
    expect(escapeTextGt('<p title="a > b">Bearer &lt;token> ok</p><!-- x>y --><script>{"a":"b>c"}</script>')).toBe(
      '<p title="a > b">Bearer &lt;token&gt; ok</p><!-- x>y --><script>{"a":"b>c"}</script>',
    );
  });

  it('keeps a window title within 70 characters, the page first', () => {
    expect(pageTitle('Door', 'Essaim')).toBe('Door · Essaim');
    const long = 'Une soirée consacrée aux architectures distribuées résilientes et au reste';
    expect(pageTitle(long.slice(0, 60), 'Réseau des communautés IT de Wallonie')).toBe(long.slice(0, 60));
    expect(pageTitle(long, 'Essaim').length).toBeLessThanOrEqual(70);
    expect(pageTitle(long, 'Essaim').endsWith('…')).toBe(true);
  });
});

describe('html-validate on every page', () => {
  for (const lang of LANGS) {
    it(`as a visitor, in ${lang}, with the error pages`, { timeout: 600_000 }, async () => {
      const visitor = new FormSession(t.app, { 'accept-language': lang });
      await crawl(`visitor/${lang}`, visitor, ['/', ...FROM_MAILS, '/login', '/signup'], lang === 'en' ? 2 : 1);
      // Refused forms show their errors on the page.
      const signup = await visitor.submit('/signup', '/signup', { name: '', email: 'not-an-address', password: 'x' });
      await check(`visitor/${lang}`, 'POST /signup', signup);
      const login = await visitor.submit('/login', '/login', { email: 'nobody@example.org', password: 'wrong' });
      await check(`visitor/${lang}`, 'POST /login', login);
    });

    for (const role of ['member', 'organiser', 'manager', 'admin'] as const) {
      it(`as ${role === 'admin' ? 'an' : 'a'} ${role}, in ${lang}`, { timeout: 600_000 }, async () => {
        const who = people[role]!;
        const b = await signIn(t.app, who, { 'accept-language': lang });
        const venue = (who as { venue?: string }).venue;
        const seeds = [
          '/',
          '/me',
          '/members',
          '/admin',
          `/members/${someMember}/block`,
          ...(venue ? [`/venues/${venue}/manage`] : []),
        ];
        // The old address of the members' list, and pages of things the demo has none of (their 404 page).
        if (role === 'admin')
          seeds.push('/admin/accounts', '/admin/news/import/not-an-id', '/jury/no-such-call', '/jury/no-such-call/s/x');
        await crawl(`${role}/${lang}`, b, seeds, role === 'admin' && lang === 'en' ? 2 : 1);
      });
    }
  }

  it('reached every page route, and found no error', () => {
    expect(problems.slice(0, 80)).toEqual([]);
    expect(checked).toBeGreaterThan(200);
    const missed = pages.map((p) => p.path).filter((p) => !reached.has(p));
    expect(missed).toEqual([]);
  });
});
