import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { crawl, FROM_MAILS, pageRoutes, postForms, routeOf } from '../../test/support/crawl.js';
import { FormSession, signIn } from '../../test/support/forms.js';
import { registeredRoutes } from '../../test/support/routes.js';
import { englishCheck, visibleTexts } from '../../test/support/visible-text.js';
import { loadDemo } from '../demo/service.js';

// A French or a Dutch reader meets no English interface text: the demo network is crawled link by
// link as a visitor, a member, an organiser, a venue manager and an admin, every form met is sent
// back with mistakes (blank required fields, a malformed address, number and date) and its
// answer read too, with the error pages (403, 404, a refused form). Every text a person reads or
// hears is compared with the English catalogue (see test/support/visible-text.ts): content and
// proper names are not in it, and what both catalogues share is not counted.

let t: TestApp;
let pages: ReturnType<typeof pageRoutes>;
let formRoutes: ReturnType<typeof pageRoutes>;
const reached = new Set<string>();
const leaks: string[] = [];
let read = 0;
let refused = 0;
let adminToken: string;
const people: Record<string, { email: string; password: string; venue?: string }> = {};
/** A demo member's "block this sender" page: reached from a contact mail only. */
let blockPage = '';

beforeAll(async () => {
  t = await startTestApp();
  pages = pageRoutes(t.app);
  formRoutes = registeredRoutes(t.app)
    .filter(([method, path]) => method === 'POST' && !path.startsWith('/api/'))
    .map(([, path]) => ({
      path,
      test: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')}$`),
      weight: path.replace(/:[A-Za-z]+/g, '').length,
    }));
  await loadDemo(t.database.db, t.network, { dataDir: t.config.dataDir, baseUrl: t.config.baseUrl });
  const admin = await t.user('admin');
  const { rows } = await t.database.pool.query<{ slug: string }>(
    // The venue with the most events, so its manager's pages have events to open.
    `SELECT v.slug FROM venues v LEFT JOIN events e ON e.venue_id = v.id
      WHERE v.network_id = $1 GROUP BY v.slug ORDER BY count(e.id) DESC, v.slug LIMIT 1`,
    [t.network.id],
  );
  for (const role of ['member', 'organiser', 'manager']) {
    const u = await t.user('member');
    people[role] = { email: u.user.email, password: u.password };
  }
  people.admin = { email: admin.user.email, password: admin.password };
  adminToken = admin.token;
  const appoint = async (url: string, email: string) =>
    expect((await t.api('POST', url, { token: admin.token, body: { email } })).statusCode).toBeLessThan(300);
  await appoint('/api/v1/chapters/charleroi/organizers', people.organiser!.email);
  await appoint(`/api/v1/venues/${rows[0]!.slug}/managers`, people.manager!.email);
  people.manager!.venue = rows[0]!.slug;
  blockPage = `/members/${
    (
      await t.database.pool.query<{ id: string }>(
        `SELECT id FROM users WHERE network_id = $1 AND role = 'member' ORDER BY email LIMIT 1`,
        [t.network.id],
      )
    ).rows[0]!.id
  }/block`;
}, 600_000);
afterAll(() => t?.close());

const checks = { fr: englishCheck('fr'), nl: englishCheck('nl') };

function read_(locale: 'fr' | 'nl', label: string, url: string, res: LightMyRequestResponse) {
  if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) return;
  read++;
  for (const found of checks[locale].find(visibleTexts(res.body)))
    leaks.push(`${label} ${url} (${res.statusCode}) ${found}`);
}

/** The language switch is not followed: it would make the rest of the walk English. */
const staysInLanguage = (url: string) => !/[?&]lang=/.test(url);

/** Crawls as `browser`, then sends back one form of each kind met, with mistakes, and reads the answers. */
async function walk(locale: 'fr' | 'nl', label: string, browser: FormSession, seeds: string[]) {
  const forms = new Map<string, { page: string; action: string; fields: Record<string, string> }>();
  const visited = await crawl(
    pages,
    browser,
    seeds,
    1,
    (url, res) => {
      read_(locale, label, url, res);
      if (res.statusCode !== 200) return;
      for (const form of postForms(res.body)) {
        const route = routeOf(formRoutes, form.action)?.path;
        if (form.editable && route && !forms.has(route)) forms.set(route, { page: url, ...form });
      }
    },
    staysInLanguage,
  );
  for (const r of visited) reached.add(r);
  for (const { page, action, fields } of forms.values()) {
    let res = await browser.request('POST', action, fields);
    let at = `POST ${action} (from ${page})`;
    // A form that went through (its fields were all optional) shows its notice on the next page.
    if (res.statusCode === 303 && String(res.headers.location ?? '').startsWith('/')) {
      at = `${at} → ${res.headers.location}`;
      res = await browser.request('GET', String(res.headers.location));
    }
    if (res.statusCode === 400) refused++;
    read_(locale, label, at, res);
  }
}

describe('no English on French and Dutch pages', () => {
  it('the check finds the English interface on English pages (so it can fail)', async () => {
    const texts = visibleTexts((await new FormSession(t.app).get('/login')).body);
    expect(englishCheck('fr').find(texts).length).toBeGreaterThan(3);
    expect(englishCheck('nl').sentences).toBeGreaterThan(300);
    expect(englishCheck('nl').words).toBeGreaterThan(100);
  });

  for (const locale of ['fr', 'nl'] as const) {
    it(`as a visitor, in ${locale}, with the error pages and refused forms`, { timeout: 600_000 }, async () => {
      const visitor = new FormSession(t.app, { 'accept-language': locale });
      await walk(locale, `visitor/${locale}`, visitor, ['/', ...FROM_MAILS, '/login', '/signup']);
    });

    for (const role of ['member', 'organiser', 'manager', 'admin'] as const)
      it(`as ${role === 'member' || role === 'manager' ? 'a' : 'an'} ${role}, in ${locale}`, {
        timeout: 600_000,
      }, async () => {
        const who = people[role]!;
        const b = await signIn(t.app, who, { 'accept-language': locale });
        const seeds = [
          '/',
          '/me',
          '/members',
          '/admin',
          blockPage,
          ...(who.venue ? [`/venues/${who.venue}/manage`] : []),
        ];
        if (role === 'admin')
          seeds.push('/admin/accounts', '/admin/news/import/not-an-id', '/jury/no-such-call', '/jury/no-such-call/s/x');
        await walk(locale, `${role}/${locale}`, b, seeds);
      });
  }

  for (const locale of ['fr', 'nl'] as const)
    it(`answers every API change refused with an empty body in ${locale}`, { timeout: 600_000 }, async () => {
      let problems = 0;
      for (const [method, path] of registeredRoutes(t.app)) {
        if (!path.startsWith('/api/') || !['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
        // Made-up ids and names: a 404 or the schema's refusal of the body, both in the reader's language.
        const url = path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
        const res = await t.app.inject({
          method: method as 'POST',
          url,
          headers: { authorization: `Bearer ${adminToken}`, 'accept-language': locale },
          payload: {},
        });
        if (!String(res.headers['content-type']).startsWith('application/problem+json')) continue;
        problems++;
        const body = res.json() as { title: string; detail: string; errors?: { message: string }[] };
        const texts = [body.title, body.detail, ...(body.errors ?? []).map((e) => e.message)];
        for (const found of checks[locale].find(texts)) leaks.push(`API ${method} ${url} (${res.statusCode}) ${found}`);
      }
      expect(problems).toBeGreaterThan(80);
    });

  it('read every page route, and found no English', () => {
    expect(leaks).toEqual([]);
    expect(read).toBeGreaterThan(200);
    // Forms were sent back with mistakes, and refused: their error states were read too.
    expect(refused).toBeGreaterThan(40);
    expect(pages.map((p) => p.path).filter((p) => !reached.has(p))).toEqual([]);
  });
});
