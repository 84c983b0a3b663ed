import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, FormSession, signIn } from '../../test/support/forms.js';
import { catalogues } from './i18n.js';

// Every feature's messages, registered when the application module is loaded (src/catalogues.ts).
const { en, fr, nl } = catalogues;

let t: TestApp;
let admin: { token: string; email: string; password: string };

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * A browser's cookie jar, just enough for these tests. Each browser has an address of its own,
 * as different visitors would: sign-in stays limited to 10 a minute per address even in tests.
 */

/** A browser without a language preference unless given one. */
const browser = (headers: Record<string, string> = {}) => new FormSession(t.app, headers);
const signedIn = (
  who: { email: string; password: string } = admin,
  headers: Record<string, string> = { 'accept-language': 'en' },
) => signIn(t.app, who, headers);

beforeAll(async () => {
  t = await startTestApp();
  const a = await t.user('admin');
  admin = { token: a.token, email: a.user.email, password: a.password };
  const api = async (method: InjectOptions['method'], url: string, body: unknown) => {
    const res = await t.api(method, url, { token: admin.token, body });
    expect(res.statusCode, res.body).toBeLessThan(300);
  };
  await api('POST', '/api/v1/chapters', { name: 'Charleroi', city: 'Charleroi', status: 'active' });
  await api('POST', '/api/v1/chapters', { name: 'Arlon', city: 'Arlon', status: 'active' });
  await api('POST', '/api/v1/chapters', { name: 'Mons', city: 'Mons', status: 'planned' });
  await api('POST', '/api/v1/venues', { name: 'Quai 10', city: 'Charleroi' });
  await api('POST', '/api/v1/venues', { name: 'Ancien Bar', city: 'Charleroi' });
  await api('POST', '/api/v1/chapters/charleroi/partnerships', { venue: 'quai-10', status: 'active' });
  await api('POST', '/api/v1/chapters/arlon/partnerships', { venue: 'ancien-bar', status: 'ended' });
});
afterAll(() => t.close());

describe('language', () => {
  it('speaks Dutch to a browser that prefers Dutch', async () => {
    const res = await t.app.inject({ url: '/', headers: { 'accept-language': 'nl-BE,nl;q=0.9' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="nl">');
    expect(res.body).toContain(`<h1>${escapeHtml(nl['home.title'].replace('{network}', 'Test network'))}</h1>`);
    expect(res.body).toContain(`<h2>${escapeHtml(nl['home.active'])}</h2>`);
    expect(res.body).toContain(`<h2>${escapeHtml(nl['home.planned'])}</h2>`);
    expect(res.body).not.toContain(escapeHtml(fr['home.active']));
  });

  it('speaks French to a browser that prefers French, and when nothing is stated', async () => {
    for (const headers of [{ 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.5' }, {}]) {
      const res = await t.app.inject({ url: '/', headers });
      expect(res.body).toContain('<html lang="fr">');
      expect(res.body).toContain(`<h1>${escapeHtml(fr['home.title'].replace('{network}', 'Test network'))}</h1>`);
      expect(res.body).toContain(`<h2>${escapeHtml(fr['home.active'])}</h2>`);
    }
  });

  it('lets ?lang= override the browser and remembers the choice in a cookie', async () => {
    const b = browser({ 'accept-language': 'nl-BE,nl;q=0.9' });
    const first = await b.get('/?lang=en');
    expect(first.body).toContain('<html lang="en">');
    expect(first.body).toContain(`<h2>${escapeHtml(en['home.active'])}</h2>`);
    const langCookie = first.cookies.find((c) => c.name === 'essaim_lang');
    expect(langCookie).toMatchObject({ value: 'en', path: '/', httpOnly: true });
    expect(first.headers.vary).toContain('Accept-Language');

    const next = await b.get('/');
    expect(next.body).toContain('<html lang="en">');
    expect(next.body).toContain(`<h2>${escapeHtml(en['home.active'])}</h2>`);
    // A stranger with the same browser language still gets Dutch.
    expect((await t.app.inject({ url: '/', headers: { 'accept-language': 'nl-BE,nl;q=0.9' } })).body).toContain(
      '<html lang="nl">',
    );
  });

  it('ignores an unknown ?lang= and sets no cookie for it', async () => {
    const res = await t.app.inject({ url: '/?lang=de', headers: { 'accept-language': 'nl' } });
    expect(res.body).toContain('<html lang="nl">');
    expect(res.cookies.find((c) => c.name === 'essaim_lang')).toBeUndefined();
  });
});

describe('home page', () => {
  it('shows active chapters with their current host venues only', async () => {
    const res = await t.app.inject({ url: '/', headers: { 'accept-language': 'en' } });
    const card = (slug: string) => {
      const m = new RegExp(`<li class="card" id="chapter-${slug}">([\\s\\S]*?)</li>`).exec(res.body);
      expect(m, `card of ${slug}`).not.toBeNull();
      return m![1]!;
    };
    expect(card('charleroi')).toContain(en['home.hostedBy']);
    // The venue's name as written, in French, with its language for an English reader.
    expect(card('charleroi')).toContain('<a href="/venues/quai-10"><span lang="fr">Quai 10</span></a>');
    // An ended partnership does not make a host.
    expect(card('arlon')).not.toContain('ancien-bar');
    expect(card('arlon')).toContain(en['home.noHost']);
    expect(card('charleroi')).not.toContain('action="/chapters/charleroi/interest"');
  });

  it('shows the "tell me when it launches" form on planned chapters', async () => {
    const res = await t.app.inject({ url: '/', headers: { 'accept-language': 'en' } });
    expect(res.body).toContain('<form method="post" action="/chapters/mons/interest"');
    expect(res.body).toContain(escapeHtml(en['interest.title']));
    expect(res.body).not.toContain('action="/chapters/arlon/interest"');
    // Never in a shared cache (the page holds this visitor's CSRF token); the browser revalidates it by ETag.
    expect(res.headers['cache-control']).toBe('private, no-cache');
  });
});

describe('"tell me when it launches" form', () => {
  const countInterest = async () =>
    (await t.api('GET', '/api/v1/chapters/mons/interest', { token: admin.token })).json().count as number;

  it('refuses a post without the CSRF cookie or token with 403 and stores nothing', async () => {
    const before = await countInterest();
    const noCookie = await browser().request('POST', '/chapters/mons/interest', {
      name: 'Eve',
      email: 'eve@example.org',
    });
    expect(noCookie.statusCode).toBe(403);
    expect(noCookie.headers['content-type']).toContain('text/html');

    const b = browser();
    await b.get('/'); // gets the _csrf cookie, but the form is posted without the token
    expect(b.cookies.has('_csrf')).toBe(true);
    const noToken = await b.request('POST', '/chapters/mons/interest', { name: 'Eve', email: 'eve@example.org' });
    expect(noToken.statusCode).toBe(403);
    const forged = await b.request('POST', '/chapters/mons/interest', {
      _csrf: 'forged-token',
      name: 'Eve',
      email: 'eve@example.org',
    });
    expect(forged.statusCode).toBe(403);
    // A token from another browser does not fit this browser's secret.
    const other = csrfOf((await browser().get('/')).body);
    expect(
      (await b.request('POST', '/chapters/mons/interest', { _csrf: other, name: 'Eve', email: 'eve@example.org' }))
        .statusCode,
    ).toBe(403);
    expect(await countInterest()).toBe(before);
  });

  it('stores a sign-up posted with the page token, once per e-mail', async () => {
    const b = browser({ 'accept-language': 'en' });
    const home = await b.get('/');
    const cookie = home.cookies.find((c) => c.name === '_csrf');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const res = await b.request('POST', '/chapters/mons/interest', {
      _csrf: csrfOf(home.body),
      name: 'Ada',
      email: 'Ada@Example.org',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/chapters/mons?interest=new');
    const thanks = await b.get(res.headers.location as string);
    expect(thanks.body).toContain(escapeHtml(en['interest.thanks'].replace('{chapter}', 'Mons')));

    const list = (await t.api('GET', '/api/v1/chapters/mons/interest', { token: admin.token })).json();
    expect(list.items).toEqual([expect.objectContaining({ name: 'Ada', email: 'ada@example.org' })]);

    const again = await b.submit('/', '/chapters/mons/interest', { name: 'Ada again', email: 'ada@example.org' });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/chapters/mons?interest=known');
    expect(await countInterest()).toBe(1);
  });

  it('re-renders the form with the error for an invalid e-mail', async () => {
    const res = await browser({ 'accept-language': 'en' }).submit('/', '/chapters/mons/interest', {
      name: 'Bob',
      email: 'not-an-email',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<p class="field-error">must be an e-mail address such as ada@example.org</p>');
    expect(res.body).toContain('value="Bob"');
    expect(await countInterest()).toBe(1);
  });
});

describe('signing in and out', () => {
  it('signs in with the right password: 303 and an HttpOnly, SameSite=Lax session cookie, not Secure on http', async () => {
    const b = browser({ 'accept-language': 'en' });
    const res = await b.submit('/login', '/login', {
      email: admin.email.toUpperCase(),
      password: admin.password,
      next: '/admin/chapters/new',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/chapters/new');
    const session = res.cookies.find((c) => c.name === 'essaim_session');
    expect(session).toBeDefined();
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session!.secure).toBeFalsy();
    expect(session!.value.length).toBeGreaterThanOrEqual(40);
    const raw = ([] as string[])
      .concat(res.headers['set-cookie'] as string | string[])
      .find((c) => c.startsWith('essaim_session='))!;
    expect(raw).toMatch(/; HttpOnly/);
    expect(raw).toMatch(/; SameSite=Lax/);
    expect(raw).not.toMatch(/; Secure/i);
    expect((await b.get('/admin/chapters/new')).statusCode).toBe(200);
  });

  it('never redirects off the site after signing in', async () => {
    for (const next of ['//evil.example.org/', 'https://evil.example.org/', '/\\evil.example.org']) {
      const res = await browser().submit('/login', '/login', { email: admin.email, password: admin.password, next });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin');
    }
  });

  it('answers a wrong password with a 401 page that says so, and no session', async () => {
    const b = browser({ 'accept-language': 'en' });
    const res = await b.submit('/login', '/login', { email: admin.email, password: 'not the password' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain(escapeHtml(en['login.failed']));
    expect(res.body).toContain(`value="${escapeHtml(admin.email)}"`);
    expect(b.cookies.has('essaim_session')).toBe(false);
    // In the visitor's language.
    const nlRes = await browser({ 'accept-language': 'nl' }).submit('/login', '/login', {
      email: 'nobody@example.org',
      password: 'whatever',
    });
    expect(nlRes.statusCode).toBe(401);
    expect(nlRes.body).toContain(escapeHtml(nl['login.failed']));
  });

  it('limits sign-in attempts to 10 a minute per address, even with the global limit off', async () => {
    expect(t.config.rateLimitPerMinute).toBe(0);
    const b = browser({ 'accept-language': 'en' });
    const token = csrfOf((await b.get('/login')).body);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push(
        (await b.request('POST', '/login', { _csrf: token, email: admin.email, password: `guess ${i}` })).statusCode,
      );
    expect(statuses).toEqual(Array(10).fill(401));
    const eleventh = await b.request('POST', '/login', { _csrf: token, email: admin.email, password: admin.password });
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.headers['content-type']).toContain('text/html');
    expect(b.cookies.has('essaim_session')).toBe(false);
    // Another visitor is not held back.
    expect(
      (await browser().submit('/login', '/login', { email: admin.email, password: admin.password })).statusCode,
    ).toBe(303);
  });

  it('refuses a login post without the CSRF token', async () => {
    const b = browser();
    await b.get('/login');
    const res = await b.request('POST', '/login', { email: admin.email, password: admin.password });
    expect(res.statusCode).toBe(403);
    expect(b.cookies.has('essaim_session')).toBe(false);
  });

  it('sends a visitor without a session from /admin to the login page, and back after', async () => {
    const res = await t.app.inject({ url: '/admin' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fadmin');
    const forged = await t.app.inject({ url: '/admin', cookies: { essaim_session: 'made-up' } });
    expect(forged.statusCode).toBe(303);

    const login = await t.app.inject({ url: '/login?next=%2Fadmin', headers: { 'accept-language': 'en' } });
    expect(login.body).toContain('<input type="hidden" name="next" value="/admin">');

    const b = await signedIn();
    const page = await b.get('/admin');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<h1>${escapeHtml(en['admin.title'])}</h1>`);
  });

  it('signs out: the session cookie is cleared and the old cookie no longer opens /admin', async () => {
    const b = await signedIn();
    const old = b.cookies.get('essaim_session')!;
    const res = await b.submit('/admin', '/logout', {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const cleared = res.cookies.find((c) => c.name === 'essaim_session');
    expect(cleared).toBeDefined();
    expect(cleared!.value === '' || (cleared!.expires !== undefined && cleared!.expires.getTime() <= Date.now())).toBe(
      true,
    );
    expect(b.cookies.has('essaim_session')).toBe(false);

    const replay = await t.app.inject({ url: '/admin', cookies: { essaim_session: old } });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toBe('/login?next=%2Fadmin');
  });

  it('marks the session cookie Secure when the site is served over https', async () => {
    const secure = await startTestApp({ secureCookies: true, baseUrl: 'https://essaim.example.org' });
    try {
      const { user, password } = await secure.user('member');
      const page = await secure.app.inject({ url: '/login' });
      const csrfCookie = page.cookies.find((c) => c.name === '_csrf')!;
      expect(csrfCookie.secure).toBe(true);
      const res = await secure.app.inject({
        method: 'POST',
        url: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        cookies: { _csrf: csrfCookie.value },
        payload: new URLSearchParams({ _csrf: csrfOf(page.body), email: user.email, password }).toString(),
      });
      expect(res.statusCode).toBe(303);
      expect(res.cookies.find((c) => c.name === 'essaim_session')).toMatchObject({
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
      });
    } finally {
      await secure.close();
    }
  });
});

describe('admin pages', () => {
  it('creates a chapter from the form: 303 to its edit page, visible through the API', async () => {
    const b = await signedIn();
    const res = await b.submit('/admin/chapters/new', '/admin/chapters', {
      name: 'Namur Centre',
      slug: '',
      city: 'Namur',
      region: 'Namur',
      description: 'Near the station',
      status: 'planned',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/chapters/namur-centre?done=created');
    const api = await t.api('GET', '/api/v1/chapters/namur-centre');
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({
      name: 'Namur Centre',
      city: 'Namur',
      region: 'Namur',
      description: 'Near the station',
      status: 'planned',
    });
    const edit = await b.get(res.headers.location as string);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain(escapeHtml(en['form.created']));
  });

  it('re-renders an invalid form with 400 and the field error, and creates nothing', async () => {
    const before = (await t.api('GET', '/api/v1/chapters?limit=100')).json().items.length;
    const b = await signedIn();
    const res = await b.submit('/admin/chapters/new', '/admin/chapters', {
      name: 'Nowhere',
      slug: '',
      city: '   ',
      region: '',
      description: '',
      status: 'planned',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(escapeHtml(en['form.errors']));
    expect(res.body).toContain('<p class="field-error" id="f-city-error">is required</p>');
    expect(res.body).toMatch(
      /<input id="f-city" name="city" required="" aria-invalid="true"|<input id="f-city" name="city" required aria-invalid="true"/,
    );
    // What was typed stays in the form.
    expect(res.body).toContain('value="Nowhere"');
    expect((await t.api('GET', '/api/v1/chapters/nowhere')).statusCode).toBe(404);
    expect((await t.api('GET', '/api/v1/chapters?limit=100')).json().items.length).toBe(before);
  });

  it('refuses the form to a signed-in member with 403, and without CSRF with 403', async () => {
    const member = await t.user('member');
    const b = await signedIn({ email: member.user.email, password: member.password });
    // A member who runs nothing is sent to their own page, and the menu does not offer Administration.
    const home = await b.get('/admin');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/me');
    const page = await b.get('/me');
    expect(page.body).not.toContain('href="/admin"');
    const res = await b.request('POST', '/admin/chapters', {
      _csrf: csrfOf(page.body),
      name: 'Sneaky',
      city: 'Sneaky',
    });
    expect(res.statusCode).toBe(403);
    const adminBrowser = await signedIn();
    const noCsrf = await adminBrowser.request('POST', '/admin/chapters', { name: 'Sneaky', city: 'Sneaky' });
    expect(noCsrf.statusCode).toBe(403);
    expect((await t.api('GET', '/api/v1/chapters/sneaky')).statusCode).toBe(404);
  });
});
