import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { directoryCast } from '../../test/support/directory-cast.js';
import { FormSession, signIn } from '../../test/support/forms.js';
import { createUser } from '../accounts/service.js';
import { directoryMessages } from './messages.js';
import { pageNumbers } from './pager.js';
import { saveProfile } from '../profiles/service.js';

let t: TestApp;
let cast: Awaited<ReturnType<typeof directoryCast>>;
let member: FormSession;

beforeAll(async () => {
  t = await startTestApp();
  cast = await directoryCast(t);
  member = await signIn(t.app, { email: cast.viewer.user.email, password: cast.viewer.password });
});
afterAll(() => t.close());

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const { en, fr, nl } = directoryMessages;

describe('/members', () => {
  it('sends a visitor to sign in, and back afterwards', async () => {
    for (const url of ['/members', '/members?q=liege', `/members/${cast.alice.user.id}`]) {
      const res = await new FormSession(t.app).get(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
  });

  it('shows a member the search form, with a label for every field, and the listed members', async () => {
    const res = await member.get('/members');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<h1>${en['directory.title']}</h1>`);
    expect(res.body).toContain('role="search"');
    for (const name of ['q', 'skill', 'city', 'origin', 'residence', 'chapter', 'kind'])
      expect(res.body).toContain(`<label for="f-${name}">`);
    for (const name of ['Alice Dupont', 'Bruno Peeters', 'Chloé Martin']) expect(res.body).toContain(`>${name}</a>`);
    for (const name of ['Hugo', 'Ursule', 'Dora']) expect(res.body).not.toContain(name);
    expect(res.body).toContain('3 members');
    expect(res.body).not.toContain('@example.org');
  });

  it('filters with the GET parameters and keeps them in the form', async () => {
    const res = await member.get('/members?q=liege&origin=&kind=tech');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('>Alice Dupont</a>');
    expect(res.body).not.toContain('>Bruno Peeters</a>');
    expect(res.body).toContain('value="liege"');
    expect(res.body).toContain('<option value="tech" selected>');
    expect(res.body).toContain('1 member<');
  });

  it("names the regions in the visitor's language", async () => {
    const q = '/members?origin=BE-WHT';
    const inEnglish = await member.get(`${q}&lang=en`);
    expect(inEnglish.body).toContain(escapeHtml(en['directory.from'].replace('{region}', 'Hainaut')));
    expect(inEnglish.body).toContain(escapeHtml(en['directory.livesIn'].replace('{region}', 'Brussels-Capital')));
    const inDutch = await member.get(`${q}&lang=nl`);
    expect(inDutch.body).toContain(escapeHtml(nl['directory.from'].replace('{region}', 'Henegouwen')));
    expect(inDutch.body).toContain(
      escapeHtml(nl['directory.livesIn'].replace('{region}', 'Brussels Hoofdstedelijk Gewest')),
    );
    const inFrench = await member.get(`${q}&lang=fr`);
    expect(inFrench.body).toContain(`<h1>${fr['directory.title']}</h1>`);
    expect(inFrench.body).toContain(escapeHtml(fr['directory.livesIn'].replace('{region}', 'Bruxelles-Capitale')));
    await member.get('/members?lang=en');
  });

  it('says what to do when nothing matches', async () => {
    const res = await member.get('/members?q=zzzzqqq');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(escapeHtml(en['directory.empty']));
    expect(res.body).toContain(escapeHtml(en['directory.emptyHelp']));
    expect(res.body).toContain('href="/me"');
  });

  it('shows an unknown region beside the form with 400', async () => {
    const res = await member.get('/members?origin=BE-XXX');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('href="#f-origin"');
  });
});

describe('/members/:id', () => {
  it('shows a visible profile, regions and kind in words', async () => {
    const res = await member.get(`/members/${cast.bruno.user.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Bruno Peeters</h1>');
    expect(res.body).toContain('<dd>Hainaut</dd>');
    expect(res.body).toContain(`<dd>${en['directory.kind.generalist']}</dd>`);
    expect(res.body).toContain('Ventes et marketing.');
  });

  it('answers the same 404 page for a hidden profile and a missing one', async () => {
    const hidden = await member.get(`/members/${cast.hugo.user.id}`);
    const missing = await member.get('/members/00000000-0000-4000-8000-000000000000');
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    // The same page but for the address (in the language links) and the form token.
    const same = (body: string) =>
      body.replace(/\/members\/[0-9a-f-]{36}/g, 'ID').replace(/value="[^"]{30,}"/g, 'TOKEN');
    expect(same(hidden.body)).toBe(same(missing.body));
    expect(hidden.body).not.toContain('Hugo');
  });
});

describe('pagination', () => {
  it('shows 20 members a page, with links that keep the filters', async () => {
    for (let i = 0; i < 22; i++) {
      const user = await createUser(t.database.db, t.network.id, {
        email: `cobol${i}@example.org`,
        name: `Cobol Person ${String(i).padStart(2, '0')}`,
        role: 'member',
      });
      await saveProfile(t.database.db, user, { skills: ['COBOL'], directoryVisible: true });
    }
    const first = await member.get('/members?skill=cobol');
    expect(first.statusCode).toBe(200);
    expect(first.body.match(/class="card member-card"/g)).toHaveLength(20);
    expect(first.body).toContain('22 members');
    expect(first.body).not.toContain('rel="prev"');
    const next = /<a href="([^"]+)" rel="next">/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toMatch(/^\/members\?skill=cobol&cursor=/);
    const second = await member.get(next!);
    expect(second.body.match(/class="card member-card"/g)).toHaveLength(2);
    expect(second.body).toContain('>Cobol Person 21</a>');
    expect(second.body).toContain('<a href="/members?skill=cobol" rel="prev">');
    expect(second.body).not.toContain('rel="next"');
    // Numbered pages: the current one marked for screen readers, each link keeping the filters.
    expect(second.body).toMatch(/<a href="\/members\?skill=cobol" aria-label="Page 1">1<\/a>/);
    expect(second.body).toMatch(
      /<a href="\/members\?skill=cobol&amp;cursor=[^"]+" aria-current="page" aria-label="Page 2">2<\/a>/,
    );
    // The filters fold away when none is set, and stay open (showing how many) when some are.
    const bare = (await member.get('/members')).body;
    expect(bare).toMatch(/<details class="filters"><summary>Filters<\/summary>/);
    // The search words stay in view, outside the folded filters.
    expect(bare.indexOf('name="q"')).toBeGreaterThan(0);
    expect(bare.indexOf('name="q"')).toBeLessThan(bare.indexOf('<details class="filters"'));
    expect(first.body).toMatch(/<details class="filters" open(="")?><summary>Filters \(1\)<\/summary>/);
  });
});

describe('page numbers', () => {
  it('show every page when few, else the ends and the pages around the current one', () => {
    expect(pageNumbers(2, 3)).toEqual([1, 2, 3]);
    expect(pageNumbers(1, 20)).toEqual([1, 2, 3, null, 20]);
    expect(pageNumbers(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(pageNumbers(20, 20)).toEqual([1, null, 18, 19, 20]);
  });
});
