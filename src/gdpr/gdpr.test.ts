import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn } from '../../test/support/forms.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let eventId: string;
let chapterId: string;
const day = (d: number, h = 0) => new Date(Date.now() + d * 86_400_000 + h * 3_600_000).toISOString();
const q = async (sql: string, params: unknown[] = []) => (await t.database.pool.query(sql, params)).rows;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  chapterId = (
    await t.api('POST', '/api/v1/chapters', {
      token: admin.token,
      body: { name: 'Charleroi', city: 'Charleroi', status: 'active' },
    })
  ).json().id;
  await t.api('POST', '/api/v1/chapters', {
    token: admin.token,
    body: { name: 'Arlon', city: 'Arlon', status: 'planned' },
  });
  eventId = (
    await t.api('POST', '/api/v1/chapters/charleroi/events', {
      token: admin.token,
      body: {
        title: 'Charleroi IT day',
        startsAt: day(-5),
        endsAt: day(-5, 3),
        capacity: 10,
        onlineUrl: 'https://meet.example.org/x',
      },
    })
  ).json().id;
});
afterAll(() => t.close());

/** A member with a profile, a follow, two registrations (one consenting to share, one checked in), an invitation and an interest sign-up. */
async function richMember(email: string, name: string) {
  const m = await t.user('member', email);
  await t.api('PATCH', '/api/v1/me/profile', {
    token: m.token,
    body: { name, city: 'Ixelles', originRegion: 'BE-WHT', skills: ['Go'], bio: `I am ${name}` },
  });
  await t.api('PUT', '/api/v1/chapters/charleroi/follow', { token: m.token });
  const reg = (
    await t.api('POST', `/api/v1/events/${eventId}/attendees`, { token: admin.token, body: { name, email } })
  ).json();
  await q(
    `UPDATE registrations SET shared_with_venue_at = now(), answers = '{"diet":"vegan"}', checked_in_at = now() WHERE id = $1`,
    [reg.id],
  );
  const [campaign] = await q(
    `INSERT INTO invitation_campaigns (network_id, event_id, chapter_id, segment, recipients) VALUES ($1, $2, $3, '{}', 1) RETURNING id`,
    [t.network.id, eventId, chapterId],
  );
  await q(`INSERT INTO invitations (network_id, campaign_id, event_id, user_id) VALUES ($1, $2, $3, $4)`, [
    t.network.id,
    campaign.id,
    eventId,
    m.user.id,
  ]);
  await q(
    `INSERT INTO chapter_interest (network_id, chapter_id, name, email) SELECT $1, id, $2, $3 FROM chapters WHERE slug = 'arlon'`,
    [t.network.id, name, email],
  );
  await q(
    `INSERT INTO outbound_messages (network_id, kind, to_email, locale) VALUES ($1, 'registration.reminder', $2, 'fr')`,
    [t.network.id, email],
  );
  return { ...m, registrationId: reg.id as string };
}

describe('export', () => {
  it('gives me all my data, never the password hash, and nothing of anyone else', async () => {
    const ada = await richMember('ada@example.org', 'Ada Lovelace');
    await richMember('bob@example.org', 'Bob Martin');
    const res = await t.api('GET', '/api/v1/me/export', { token: ada.token });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="my-data-\d{4}-\d\d-\d\d\.json"$/);
    const data = res.json();
    expect(data.account).toMatchObject({
      id: ada.user.id,
      email: 'ada@example.org',
      name: 'Ada Lovelace',
      role: 'member',
    });
    expect(data.profile).toMatchObject({
      city: 'Ixelles',
      residenceRegion: 'BE-BRU',
      originRegion: 'BE-WHT',
      skills: ['Go'],
      directoryVisible: false,
    });
    expect(data.followedChapters).toEqual([{ slug: 'charleroi', name: 'Charleroi' }]);
    expect(data.registrations).toHaveLength(1);
    expect(data.registrations[0]).toMatchObject({
      event: 'Charleroi IT day',
      status: 'confirmed',
      answers: { diet: 'vegan' },
      consentToShareWithVenue: { given: true },
    });
    expect(data.registrations[0].consentToShareWithVenue.at).toMatch(/^\d{4}-/);
    expect(data.registrations[0].checkedInAt).toMatch(/^\d{4}-/);
    expect(data.invitations).toEqual([expect.objectContaining({ event: 'Charleroi IT day' })]);
    expect(data.chapterInterest).toEqual([expect.objectContaining({ chapter: 'Arlon', email: 'ada@example.org' })]);
    expect(res.body).not.toMatch(/password|argon2/i);
    expect(res.body).not.toContain('bob');
    expect(res.body).not.toContain('Bob');
    // My own export is not an admin act: nothing in the audit log.
    expect(await q(`SELECT * FROM audit_log WHERE subject LIKE $1`, [`%${ada.user.id}%`])).toEqual([]);
    expect((await t.api('GET', '/api/v1/me/export')).statusCode).toBe(401);
  });
});

describe('deletion', () => {
  it('requires my e-mail address to confirm', async () => {
    const m = await t.user('member');
    const res = await t.api('DELETE', '/api/v1/me', { token: m.token, body: { confirm: 'someone-else@example.org' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'confirm', message: 'must be your e-mail address', code: 'gdpr.problem.confirmField' },
    ]);
    expect(await q(`SELECT id FROM users WHERE id = $1`, [m.user.id])).toHaveLength(1);
  });

  it('erases me everywhere and keeps the event figures', async () => {
    const cyd = await richMember('cyd@example.org', 'Cyd Charisse');
    const counts = async () =>
      await q(
        `SELECT status, count(*)::int AS n, count(checked_in_at)::int AS checked FROM registrations WHERE event_id = $1 GROUP BY status`,
        [eventId],
      );
    const [endpoint] = await q(
      `INSERT INTO webhook_endpoints (network_id, url, secret) VALUES ($1, 'https://hooks.example.org/x', 's') RETURNING id`,
      [t.network.id],
    );
    await q(
      `INSERT INTO webhook_deliveries (network_id, endpoint_id, event, payload, status) VALUES ($1, $2, 'registration.created', $3, 'delivered')`,
      [
        t.network.id,
        endpoint.id,
        {
          id: 'x',
          type: 'registration.created',
          data: { id: cyd.registrationId, name: 'Cyd Charisse', email: 'cyd@example.org' },
        },
      ],
    );
    const before = await counts();
    const res = await t.api('DELETE', '/api/v1/me', { token: cyd.token, body: { confirm: 'CYD@example.org' } });
    expect(res.statusCode, res.body).toBe(204);
    expect(await counts()).toEqual(before);
    const [reg] = await q(
      `SELECT name, email, answers, user_id, shared_with_venue_at, status, checked_in_at FROM registrations WHERE id = $1`,
      [cyd.registrationId],
    );
    expect(reg).toMatchObject({
      name: 'Deleted member',
      email: `deleted-${cyd.registrationId}@invalid`,
      answers: {},
      user_id: null,
      shared_with_venue_at: null,
      status: 'confirmed',
    });
    expect(reg.checked_in_at).not.toBeNull();
    for (const [table, column] of [
      ['users', 'id'],
      ['member_profiles', 'user_id'],
      ['chapter_followers', 'user_id'],
      ['sessions', 'user_id'],
      ['api_tokens', 'user_id'],
      ['login_links', 'user_id'],
      ['calendar_tokens', 'user_id'],
      ['invitations', 'user_id'],
    ] as const) {
      expect(await q(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [cyd.user.id]), table).toEqual([]);
    }
    // The invitation stays (campaign figures), without the person.
    expect(
      (await q(`SELECT count(*)::int AS n FROM invitations WHERE event_id = $1 AND user_id IS NULL`, [eventId]))[0].n,
    ).toBeGreaterThan(0);
    // No table holds the address or the name any more.
    const dump = JSON.stringify(
      await q(
        `SELECT (SELECT json_agg(r) FROM registrations r) AS r, (SELECT json_agg(i) FROM chapter_interest i) AS i, (SELECT json_agg(m) FROM outbound_messages m) AS m, (SELECT json_agg(a) FROM audit_log a) AS a, (SELECT json_agg(u) FROM users u) AS u, (SELECT json_agg(p) FROM member_profiles p) AS p, (SELECT json_agg(w) FROM webhook_deliveries w) AS w`,
      ),
    );
    expect(dump).toContain(`deleted-${cyd.registrationId}@invalid`);
    expect(dump).not.toContain('cyd@example.org');
    expect(dump).not.toContain('Cyd Charisse');
    const [entry] = await q(`SELECT action, subject, actor_email, actor_id FROM audit_log WHERE subject LIKE $1`, [
      `%${cyd.user.id}%`,
    ]);
    expect(entry).toEqual({
      action: 'member.self_delete',
      subject: `member ${cyd.user.id} (C. C.)`,
      actor_email: 'deleted account (C. C.)',
      actor_id: null,
    });
    expect((await t.api('GET', '/api/v1/me/profile', { token: cyd.token })).statusCode).toBe(401);
  });
});

describe('admin routes', () => {
  it('exports and deletes a member with an audit entry each, never keeping the address in the log', async () => {
    const dan = await richMember('dan@example.org', 'Dan Brown');
    const exp = await t.api('GET', `/api/v1/members/${dan.user.id}/export`, { token: admin.token });
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-disposition']).toContain(`member-${dan.user.id}`);
    expect(exp.json().account.email).toBe('dan@example.org');
    expect((await t.api('DELETE', `/api/v1/members/${dan.user.id}`, { token: admin.token })).statusCode).toBe(204);
    const entries = await q(
      `SELECT action, actor_email, actor_id, subject FROM audit_log WHERE subject LIKE $1 ORDER BY created_at`,
      [`%${dan.user.id}%`],
    );
    expect(entries).toEqual([
      {
        action: 'member.export',
        actor_email: admin.user.email,
        actor_id: admin.user.id,
        subject: `member ${dan.user.id} (D. B.)`,
      },
      {
        action: 'member.delete',
        actor_email: admin.user.email,
        actor_id: admin.user.id,
        subject: `member ${dan.user.id} (D. B.)`,
      },
    ]);
    expect(JSON.stringify(await q(`SELECT * FROM audit_log`))).not.toContain('dan@example.org');
    const log = await t.api('GET', '/api/v1/audit-log?limit=1', { token: admin.token });
    expect(log.json().items[0]).toMatchObject({ action: 'member.delete', actor: admin.user.email });
    expect(log.json().nextCursor).toEqual(expect.any(String));
  });

  it('answers 401 to visitors, 403 to members, 404 for an unknown member, 409 for the last admin', async () => {
    const member = await t.user('member');
    const other = await t.user('member');
    for (const [method, url] of [
      ['GET', `/api/v1/members/${other.user.id}/export`],
      ['DELETE', `/api/v1/members/${other.user.id}`],
      ['GET', '/api/v1/audit-log'],
    ] as const) {
      expect((await t.api(method, url)).statusCode, `${method} ${url}`).toBe(401);
      expect((await t.api(method, url, { token: member.token })).statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await q(`SELECT 1 FROM users WHERE id = $1`, [other.user.id])).toHaveLength(1);
    expect(await q(`SELECT 1 FROM audit_log WHERE subject LIKE $1`, [`%${other.user.id}%`])).toEqual([]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await t.api('GET', `/api/v1/members/${unknown}/export`, { token: admin.token })).statusCode).toBe(404);
    expect((await t.api('DELETE', `/api/v1/members/${unknown}`, { token: admin.token })).statusCode).toBe(404);
    expect((await t.api('DELETE', '/api/v1/members/not-a-uuid', { token: admin.token })).statusCode).toBe(400);
    expect((await t.api('DELETE', `/api/v1/members/${admin.user.id}`, { token: admin.token })).statusCode).toBe(409);
  });
});

describe('pages', () => {
  it('/me/delete deletes my account after I type my address, and signs me out', async () => {
    const eve = await richMember('eve@example.org', 'Eve Online');
    const b = await signIn(t.app, { email: eve.user.email, password: eve.password });
    const page = await b.get('/me/delete');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('type your e-mail address (eve@example.org)');
    const wrong = await b.submit('/me/delete', '/me/delete', { confirm: 'nope@example.org' });
    expect(wrong.statusCode).toBe(400);
    expect(await q(`SELECT 1 FROM users WHERE id = $1`, [eve.user.id])).toHaveLength(1);
    const done = await b.submit('/me/delete', '/me/delete', { confirm: 'eve@example.org' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/?done=deleted');
    expect(await q(`SELECT 1 FROM users WHERE id = $1`, [eve.user.id])).toEqual([]);
    expect((await b.get('/me')).statusCode).toBe(303);
  });

  it('/me/export downloads my data', async () => {
    const m = await t.user('member');
    const b = await signIn(t.app, { email: m.user.email, password: m.password });
    expect((await b.get('/me/export')).statusCode).toBe(303);
    expect((await b.get('/me')).body).toContain('<form method="post" action="/me/export" novalidate>');
    const res = await b.submit('/me', '/me/export', {});
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(JSON.parse(res.body).account.email).toBe(m.user.email);
  });

  it('/admin/members lists and searches, exports and deletes with confirmation; members get 403', async () => {
    const fay = await richMember('fay@example.org', 'Fay Wray');
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
    const list = await b.get('/admin/members?q=FAY');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('fay@example.org');
    expect(list.body).not.toContain(admin.user.email);
    expect(list.body).toContain(`<form method="post" action="/admin/members/${fay.user.id}/export" novalidate>`);
    // A GET (a prefetch, a crawler) exports nothing and writes no audit entry.
    const audited = async () => (await q(`SELECT 1 FROM audit_log WHERE action = 'member.export'`)).length;
    const before = await audited();
    const prefetch = await b.get(`/admin/members/${fay.user.id}/export`);
    expect(prefetch.statusCode).toBe(303);
    expect(await audited()).toBe(before);
    const exp = await b.submit('/admin/members', `/admin/members/${fay.user.id}/export`, {});
    expect(exp.statusCode).toBe(200);
    expect(await audited()).toBe(before + 1);
    expect(JSON.parse(exp.body).account.email).toBe('fay@example.org');
    const confirm = await b.get(`/admin/members/${fay.user.id}/delete`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Delete Fay Wray for good');
    const done = await b.submit(`/admin/members/${fay.user.id}/delete`, `/admin/members/${fay.user.id}/delete`, {});
    expect(done.statusCode).toBe(303);
    expect(await q(`SELECT 1 FROM users WHERE id = $1`, [fay.user.id])).toEqual([]);
    expect((await b.get(`/admin/members/${fay.user.id}/delete`)).statusCode).toBe(404);
    expect((await b.get('/admin')).body).toContain('href="/admin/members"');

    const m = await t.user('member');
    const mb = await signIn(t.app, { email: m.user.email, password: m.password });
    expect((await mb.get('/admin/members')).statusCode).toBe(403);
    expect((await mb.get(`/admin/members/${m.user.id}/export`)).statusCode).toBe(403);
    expect((await mb.submit('/me', `/admin/members/${m.user.id}/export`, {})).statusCode).toBe(403);
    expect(
      (
        await mb.submit('/me', '/admin/members', {
          name: 'Sneaky',
          email: 'sneaky@example.org',
          password: 'a long enough password',
          role: 'admin',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('creates accounts from the members page (the old accounts page leads there)', async () => {
    const admin = await t.user('admin');
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
    expect((await b.request('GET', '/admin/accounts')).headers.location).toBe('/admin/members');
    const bad = await b.submit('/admin/members', '/admin/members', {
      name: 'Gus',
      email: 'gus@',
      password: 'short',
      role: 'member',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('aria-invalid="true"');
    const made = await b.submit('/admin/members', '/admin/members', {
      name: 'Gus Grand',
      email: 'Gus@Example.org',
      password: 'a long enough password',
      role: 'member',
    });
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toBe('/admin/members?done=created');
    expect(
      await q(
        `SELECT name, role, email_verified_at IS NOT NULL AS confirmed FROM users WHERE email = 'gus@example.org'`,
      ),
    ).toEqual([{ name: 'Gus Grand', role: 'member', confirmed: true }]);
    // The same address again: 409, nothing made, the form keeps what was typed but the password.
    const again = await b.submit('/admin/members', '/admin/members', {
      name: 'Gus Again',
      email: 'gus@example.org',
      password: 'a long enough password',
      role: 'member',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('value="Gus Again"');
    expect(again.body).not.toContain('a long enough password');
    expect(await q(`SELECT count(*)::int AS n FROM users WHERE email = 'gus@example.org'`)).toEqual([{ n: 1 }]);
  });
});
