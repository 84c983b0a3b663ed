import { createRequire } from 'node:module';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { crawl as crawlPages, FROM_MAILS, pageRoutes } from '../../test/support/crawl.js';
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

let pages: ReturnType<typeof pageRoutes>;
const reached = new Map<string, Set<string>>();
const problems: string[] = [];
let checked = 0;

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
  const routes = await crawlPages(pages, browser, seeds, perRoute, (url, res) => check(label, url, res));
  for (const path of routes) (reached.get(path) ?? reached.set(path, new Set()).get(path)!).add(label);
}

const people: Record<string, { email: string; password: string }> = {};
/** A demo member: the block page is reached from a contact mail only. */
let someMember = '';

beforeAll(async () => {
  t = await startTestApp();
  pages = pageRoutes(t.app);
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
