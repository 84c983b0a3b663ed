import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { registered } from '../../test/support/factories.js';
import { signIn } from '../../test/support/forms.js';

let t: TestApp;
let admin: string;
const day = (d: number, h = 0) => new Date(Date.now() + d * 86_400_000 + h * 3_600_000).toISOString();
const q = async (sql: string, params: unknown[] = []) => (await t.database.pool.query(sql, params)).rows;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  for (const name of ['Charleroi', 'Kortrijk'])
    await t.api('POST', '/api/v1/chapters', { token: admin, body: { name, city: name, status: 'active' } });
});
afterAll(() => t.close());

const event = async (chapter: string, d: number) =>
  (
    await t.api('POST', `/api/v1/chapters/${chapter}/events`, {
      token: admin,
      body: {
        title: `${chapter} ${d}`,
        startsAt: day(d),
        endsAt: day(d, 2),
        capacity: 10,
        onlineUrl: 'https://meet.example.org/x',
      },
    })
  ).json().id as string;

describe('my profile (API)', () => {
  it('starts empty and private, and visitors get 401', async () => {
    const me = await t.user('member');
    const res = await t.api('GET', '/api/v1/me/profile', { token: me.token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: me.user.id,
      email: me.user.email,
      emailVerified: true,
      city: '',
      directoryVisible: false,
      invitationsOptOut: false,
      skills: [],
      followedChapters: [],
    });
    expect((await t.api('GET', '/api/v1/me/profile')).statusCode).toBe(401);
    expect((await t.api('PATCH', '/api/v1/me/profile', { body: { city: 'Mons' } })).statusCode).toBe(401);
  });

  it('saves a change and deduces the region of residence from a known town', async () => {
    const me = await t.user('member');
    const res = await t.api('PATCH', '/api/v1/me/profile', {
      token: me.token,
      body: {
        name: 'Marie Dubois',
        city: 'Ixelles',
        originRegion: 'BE-WHT',
        kind: 'tech',
        skills: ['PHP', 'php ', 'Laravel'],
        links: ['https://example.org/marie'],
        directoryVisible: true,
        locale: 'fr',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Marie Dubois',
      city: 'Ixelles',
      residenceRegion: 'BE-BRU',
      originRegion: 'BE-WHT',
      kind: 'tech',
      skills: ['php', 'Laravel'],
      directoryVisible: true,
    });
    expect((await q(`SELECT name FROM users WHERE id = $1`, [me.user.id]))[0].name).toBe('Marie Dubois');
    // Absent fields are unchanged.
    const again = await t.api('PATCH', '/api/v1/me/profile', {
      token: me.token,
      body: { bio: 'Développeuse à Bruxelles' },
    });
    expect(again.json()).toMatchObject({
      city: 'Ixelles',
      residenceRegion: 'BE-BRU',
      bio: 'Développeuse à Bruxelles',
      kind: 'tech',
    });
  });

  it.each([
    ['an unknown region', { city: 'Gent', residenceRegion: 'BE-XXX' }, 'residenceRegion'],
    [
      'a link that is not a web address',
      { city: 'Gent', links: ['https://ok.example.org', 'javascript:alert(1)'] },
      'links.1',
    ],
    ['too many skills', { city: 'Gent', skills: Array.from({ length: 31 }, (_, i) => `skill ${i}`) }, 'skills'],
    ['an unknown field', { city: 'Gent', password: 'x' }, 'password'],
  ])('refuses %s with 400 naming the field, and changes nothing', async (_what, body, field) => {
    const me = await t.user('member');
    await t.api('PATCH', '/api/v1/me/profile', { token: me.token, body: { city: 'Namur' } });
    const before = await q(`SELECT * FROM member_profiles WHERE user_id = $1`, [me.user.id]);
    const res = await t.api('PATCH', '/api/v1/me/profile', { token: me.token, body });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await q(`SELECT * FROM member_profiles WHERE user_id = $1`, [me.user.id])).toEqual(before);
  });
});

describe('following chapters', () => {
  it('follows and unfollows, idempotently, and lists the follows in the profile', async () => {
    const me = await t.user('member');
    expect((await t.api('PUT', '/api/v1/chapters/charleroi/follow', { token: me.token })).statusCode).toBe(204);
    expect((await t.api('PUT', '/api/v1/chapters/charleroi/follow', { token: me.token })).statusCode).toBe(204);
    expect((await t.api('PUT', '/api/v1/chapters/kortrijk/follow', { token: me.token })).statusCode).toBe(204);
    expect((await t.api('GET', '/api/v1/me/profile', { token: me.token })).json().followedChapters).toEqual([
      'charleroi',
      'kortrijk',
    ]);
    expect((await t.api('DELETE', '/api/v1/chapters/charleroi/follow', { token: me.token })).statusCode).toBe(204);
    expect((await t.api('GET', '/api/v1/me/profile', { token: me.token })).json().followedChapters).toEqual([
      'kortrijk',
    ]);
    expect((await t.api('PUT', '/api/v1/chapters/atlantis/follow', { token: me.token })).statusCode).toBe(404);
    expect((await t.api('PUT', '/api/v1/chapters/charleroi/follow')).statusCode).toBe(401);
  });

  it('has a Follow button on the chapter page', async () => {
    const me = await t.user('member');
    const b = await signIn(t.app, { email: me.user.email, password: me.password });
    const page = await b.get('/chapters/charleroi');
    expect(page.body).toContain('Follow Charleroi');
    expect((await b.submit('/chapters/charleroi', '/chapters/charleroi/follow', {})).statusCode).toBe(303);
    const after = await b.get('/chapters/charleroi');
    expect(after.body).toContain('Stop following Charleroi');
    expect((await b.submit('/chapters/charleroi', '/chapters/charleroi/unfollow', {})).statusCode).toBe(303);
    expect((await b.get('/chapters/charleroi')).body).toContain('Follow Charleroi');
    // A visitor is asked to sign in.
    expect((await t.app.inject({ url: '/chapters/charleroi', headers: { 'accept-language': 'en' } })).body).toContain(
      'Sign in to follow Charleroi',
    );
  });
});

describe('attendance history', () => {
  it('counts registrations, attendance and no-shows, by account or by address, and only mine', async () => {
    const me = await t.user('member', 'history@example.org');
    const other = await t.user('member', 'other-history@example.org');
    const past1 = await event('charleroi', -10);
    const past2 = await event('kortrijk', -3);
    const future = await event('charleroi', 5);
    // Added by hand: the organiser may add people to past events, the public form may not.
    const byHand = { token: admin, byHand: true };
    const attended = await registered(t, past1, { name: 'History', email: 'HISTORY@example.org' }, byHand);
    await registered(t, past2, { name: 'History', email: 'history@example.org' }, byHand);
    await registered(t, future, { name: 'History', email: 'history@example.org' }, byHand);
    await registered(t, past1, { name: 'Other', email: 'other-history@example.org' }, byHand);
    const code = (await q('SELECT check_in_code FROM registrations WHERE id = $1', [attended.id]))[0].check_in_code;
    expect(
      (await t.api('POST', `/api/v1/events/${past1}/check-ins`, { token: admin, body: { code } })).statusCode,
    ).toBe(200);

    const res = await t.api('GET', '/api/v1/me/registrations?limit=2', { token: me.token });
    expect(res.statusCode, res.body).toBe(200);
    const first = res.json();
    expect(first.summary).toEqual({ registered: 3, attended: 1, noShows: 1 });
    expect(first.items.map((i: { title: string; outcome: string }) => [i.title, i.outcome])).toEqual([
      ['charleroi 5', 'upcoming'],
      ['kortrijk -3', 'no-show'],
    ]);
    const second = (
      await t.api('GET', `/api/v1/me/registrations?limit=2&cursor=${first.nextCursor}`, { token: me.token })
    ).json();
    expect(second.items.map((i: { title: string; outcome: string }) => [i.title, i.outcome])).toEqual([
      ['charleroi -10', 'attended'],
    ]);
    expect(second.nextCursor).toBeNull();
    expect((await t.api('GET', '/api/v1/me/registrations', { token: other.token })).json().summary).toEqual({
      registered: 1,
      attended: 0,
      noShows: 1,
    });
    expect((await t.api('GET', '/api/v1/me/registrations?cursor=garbage', { token: me.token })).statusCode).toBe(400);

    const b = await signIn(t.app, { email: me.user.email, password: me.password });
    const page = await b.get('/me');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Registered: 3 · attended: 1 · did not come: 1');
    expect(page.body).toContain('kortrijk -3');
    expect(page.body).not.toContain('other-history');
  });
});

describe('profile pages', () => {
  it('/me asks a visitor to sign in', async () => {
    const res = await t.app.inject({ url: '/me' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fme');
  });

  it('edits the profile through the form: towns and skills suggested, region from the town, follows by checkbox', async () => {
    const me = await t.user('member');
    const other = await t.user('member');
    await t.api('PATCH', '/api/v1/me/profile', {
      token: other.token,
      body: { skills: ['Laravel'], directoryVisible: true },
    });
    const b = await signIn(t.app, { email: me.user.email, password: me.password });
    const form = await b.get('/me/profile');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<datalist id="f-city-list">');
    expect(form.body).toContain('<option value="Charleroi">');
    expect(form.body).toMatch(/<datalist id="f-skills-list"><option value="Laravel"/);
    // A skill only an unlisted member has is never suggested: it would tell that they exist.
    const hidden = await t.user('member');
    await t.api('PATCH', '/api/v1/me/profile', {
      token: hidden.token,
      body: { skills: ['Fortran77'], directoryVisible: false },
    });
    expect((await b.get('/me/profile')).body).not.toContain('Fortran77');
    const chapterIds = await q(`SELECT id, slug FROM chapters ORDER BY slug`);
    const charleroi = chapterIds.find((c) => c.slug === 'charleroi').id;

    const bad = await b.submit('/me/profile', '/me/profile', {
      name: 'Jan',
      city: 'Gent',
      residenceRegion: '',
      originRegion: 'BE-NOPE',
      links: 'https://ok.example.org\nnot a link',
      chapters: [charleroi],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-originRegion-error"');
    expect(bad.body).toContain('id="f-links-error"');
    expect(await q(`SELECT * FROM chapter_followers WHERE user_id = $1`, [me.user.id])).toEqual([]);
    expect(await q(`SELECT * FROM member_profiles WHERE user_id = $1`, [me.user.id])).toEqual([]);

    const ok = await b.submit('/me/profile', '/me/profile', {
      name: 'Jan Peeters',
      city: 'Gent',
      residenceRegion: '',
      originRegion: 'other',
      originDetail: 'Lille, France',
      kind: 'generalist',
      skills: 'Sales, Marketing , ',
      bio: 'Hallo',
      links: 'https://example.org/jan\r\nhttps://example.org/jan2',
      locale: 'nl',
      directoryVisible: 'on',
      chapters: [charleroi],
    });
    expect(ok.statusCode, ok.body).toBe(303);
    const [p] = await q(
      `SELECT city, residence_region, origin_region, origin_detail, kind, skills, links, locale, directory_visible, invitations_opt_out FROM member_profiles WHERE user_id = $1`,
      [me.user.id],
    );
    expect(p).toEqual({
      city: 'Gent',
      residence_region: 'BE-VOV',
      origin_region: 'other',
      origin_detail: 'Lille, France',
      kind: 'generalist',
      skills: ['Sales', 'Marketing'],
      links: ['https://example.org/jan', 'https://example.org/jan2'],
      locale: 'nl',
      directory_visible: true,
      invitations_opt_out: false,
    });
    expect(
      (await q(`SELECT chapter_id FROM chapter_followers WHERE user_id = $1`, [me.user.id])).map((r) => r.chapter_id),
    ).toEqual([charleroi]);
    const again = await b.get('/me/profile');
    expect(again.body).toContain('value="Gent"');
    expect(again.body).toMatch(/id="f-chapter-charleroi" name="chapters" value="[^"]+" checked/);
    // Unticking everything unfollows and hides from the directory.
    expect(
      (await b.submit('/me/profile', '/me/profile', { name: 'Jan Peeters', city: 'Gent', locale: 'nl' })).statusCode,
    ).toBe(303);
    expect(await q(`SELECT * FROM chapter_followers WHERE user_id = $1`, [me.user.id])).toEqual([]);
    expect(
      (await q(`SELECT directory_visible FROM member_profiles WHERE user_id = $1`, [me.user.id]))[0].directory_visible,
    ).toBe(false);
    expect((await b.get('/me')).body).toContain('Jan Peeters');
  });
});

describe('the language on my profile form', () => {
  it('shows, before any profile is saved, the language the account uses (its mails’), not French by default', async () => {
    const { user, password } = await t.user('member');
    await t.database.pool.query(`DELETE FROM member_profiles WHERE user_id = $1`, [user.id]);
    const b = await signIn(t.app, { email: user.email, password }, { 'accept-language': 'nl' });
    const form = await b.get('/me/profile');
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/<option value="nl" selected>Nederlands<\/option>/);
    expect(form.body).not.toMatch(/<option value="fr" selected>/);
  });
});
