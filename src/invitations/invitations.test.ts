import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { startSmtp } from '../../test/support/smtp.js';
import { users } from '../accounts/tables.js';
import { chapters } from '../chapters/tables.js';
import { events } from '../events/tables.js';
import { outboundMessages } from '../mail/tables.js';
import { networks } from '../networks/tables.js';
import { createTransport, deliverDue } from '../mail/worker.js';
import { saveProfile } from '../profiles/service.js';
import type { ProfileUpdate } from '../profiles/schemas.js';
import { chapterFollowers } from '../follows/tables.js';
import type { Segment } from './schemas.js';
import { countSegment, invitationStats, segmentMembers, sendInvitations } from './service.js';
import { daysFromNow } from '../../test/support/factories.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let organiser: Awaited<ReturnType<TestApp['user']>>;
let otherOrganiser: Awaited<ReturnType<TestApp['user']>>;
let seq = 0;
const people: Record<string, { id: string; email: string; token: string }> = {};

/** A member with a profile; verified unless told otherwise; following the given chapters. */
async function member(name: string, profile: ProfileUpdate, opts: { verified?: boolean; follows?: string[] } = {}) {
  const { user, token } = await t.user('member', `${name.toLowerCase()}-${++seq}@example.org`);
  await saveProfile(t.database.db, user, { name, ...profile });
  await t.database.db
    .update(users)
    .set({ emailVerifiedAt: opts.verified === false ? null : new Date() })
    .where(eq(users.id, user.id));
  for (const slug of opts.follows ?? []) {
    const [c] = await t.database.db.select().from(chapters).where(eq(chapters.slug, slug));
    await t.database.db.insert(chapterFollowers).values({ networkId: t.network.id, chapterId: c!.id, userId: user.id });
  }
  people[name] = { id: user.id, email: user.email, token };
  return people[name]!;
}

async function newEvent(chapter = 'charleroi', extra: Record<string, unknown> = {}) {
  const res = await t.api('POST', `/api/v1/chapters/${chapter}/events`, {
    token: admin.token,
    body: {
      title: `IT day ${++seq}`,
      startsAt: daysFromNow(10 + seq),
      endsAt: daysFromNow(10.2 + seq),
      capacity: 50,
      onlineUrl: 'https://meet.example.org/x',
      ...extra,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const [row] = await t.database.db.select().from(events).where(eq(events.id, res.json().id));
  return row!;
}

const count = async (segment: Segment, event?: { id: string; chapterId: string }) =>
  countSegment(t.database.db, t.network, event ?? (await newEvent()), segment);
const tableCount = async (table: string) =>
  Number((await t.database.pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  organiser = await t.user('member');
  otherOrganiser = await t.user('member');
  for (const [name, region] of [
    ['Charleroi', 'Hainaut'],
    ['Liège', 'Province de Liège'],
    ['Nowhere', ''],
  ] as const) {
    expect(
      (
        await t.api('POST', '/api/v1/chapters', {
          token: admin.token,
          body: { name, city: name, region, status: 'active' },
        })
      ).statusCode,
    ).toBe(201);
  }
  await t.api('POST', '/api/v1/chapters/charleroi/organizers', {
    token: admin.token,
    body: { email: organiser.user.email },
  });
  await t.api('POST', '/api/v1/chapters/liege/organizers', {
    token: admin.token,
    body: { email: otherOrganiser.user.email },
  });
  // The population every count below is about. Charleroi's region is Hainaut (BE-WHT).
  await member(
    'Alice',
    { city: 'Ixelles', originRegion: 'BE-WHT', skills: ['PHP', 'Laravel'], kind: 'tech', locale: 'fr' },
    { follows: ['charleroi'] },
  );
  await member('Bob', { city: 'Charleroi', originRegion: 'BE-WHT', kind: 'generalist', locale: 'en' });
  await member('Chloé', { originRegion: 'BE-WHT', kind: 'tech' }); // residence unknown: not "come home"
  await member(
    'Dirk',
    { city: 'Gent', originRegion: 'BE-VWV', skills: ['Node.js'], kind: 'tech', locale: 'nl' },
    { follows: ['liege'] },
  );
  await member('Emma', { city: 'Liège', originRegion: 'BE-WHT', skills: ['php'], kind: 'other', locale: 'nl' });
  await member('Fanny', { city: 'Bruxelles', originRegion: 'BE-WHT', kind: 'tech', invitationsOptOut: true });
  await member('Gaston', { city: 'Bruxelles', originRegion: 'BE-WHT', kind: 'tech' }, { verified: false });
  await member('Hugo', { city: 'Namur', originRegion: 'BE-WHT' });
  await member('Inès', {
    city: 'Lille',
    residenceRegion: 'other',
    originRegion: 'other',
    originDetail: 'Lille',
    kind: 'generalist',
  });
});
afterAll(() => t.close());

describe('segments', () => {
  it('counts "come home": from the chapter’s region, living in another known region; never opted-out or unverified', async () => {
    expect(await count({ comeHome: true })).toBe(3); // Alice, Emma, Hugo
    const event = await newEvent();
    const names = (await segmentMembers(t.database.db, t.network, event, { comeHome: true })).map((m) => m.name);
    expect(names).toEqual(['Alice', 'Emma', 'Hugo']);
  });

  it('counts each criterion, ORed within a field', async () => {
    expect(await count({ origin: ['BE-WHT'] })).toBe(5);
    expect(await count({ origin: ['BE-VWV', 'other'] })).toBe(2);
    expect(await count({ residence: ['BE-BRU'] })).toBe(1);
    expect(await count({ residence: ['BE-BRU', 'BE-WLG'] })).toBe(2);
    expect(await count({ cities: ['ixelles', 'LIEGE'] })).toBe(2);
    expect(await count({ skills: ['php'] })).toBe(2);
    expect(await count({ skills: ['node.js', 'laravel'] })).toBe(2);
    expect(await count({ kinds: ['tech'] })).toBe(3);
    expect(await count({ followed: ['charleroi'] })).toBe(1);
    expect(await count({ followed: ['charleroi', 'liege'] })).toBe(2);
  });

  it('ANDs the fields', async () => {
    expect(await count({ comeHome: true, skills: ['PHP'] })).toBe(2);
    expect(await count({ comeHome: true, kinds: ['tech'] })).toBe(1);
    expect(await count({ origin: ['BE-WHT'], residence: ['BE-WHT'] })).toBe(1);
    expect(await count({ cities: ['Ixelles'], kinds: ['generalist'] })).toBe(0);
    expect(
      await count({
        origin: ['BE-WHT'],
        followed: ['charleroi'],
        skills: ['laravel'],
        kinds: ['tech'],
        residence: ['BE-BRU'],
        cities: ['ixelles'],
      }),
    ).toBe(1);
  });

  it('leaves out people already registered, by account or by e-mail, unless they cancelled', async () => {
    const event = await newEvent();
    expect(
      (
        await t.api('POST', `/api/v1/events/${event.id}/registrations`, {
          body: { name: 'Hugo', email: people.Hugo!.email.toUpperCase() },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await t.api('POST', `/api/v1/events/${event.id}/registrations`, { token: people.Alice!.token, body: {} }))
        .statusCode,
    ).toBe(201);
    expect(await count({ comeHome: true }, event)).toBe(1); // Emma
    await t.database.pool.query(`UPDATE registrations SET status = 'cancelled' WHERE event_id = $1`, [event.id]);
    expect(await count({ comeHome: true }, event)).toBe(3);
  });
});

describe('sending', () => {
  it('invites once, queues a personal e-mail in each member’s language, and a second send invites nobody', async () => {
    const event = await newEvent();
    const res = await t.api('POST', `/api/v1/events/${event.id}/invitations`, {
      token: organiser.token,
      body: { segment: { comeHome: true }, message: 'Venez nombreux !\n\n<b>Bring a friend</b>' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ invited: 3, campaignId: expect.any(String) });
    const mails = await t.database.db
      .select()
      .from(outboundMessages)
      .where(sql`${outboundMessages.kind} = 'invitation' and ${outboundMessages.payload}->>'eventId' = ${event.id}`);
    expect(mails.map((m) => m.toName).sort()).toEqual(['Alice', 'Emma', 'Hugo']);
    const alice = mails.find((m) => m.toName === 'Alice')!;
    expect(alice.locale).toBe('fr');
    expect(alice.subject).toBe(`Vous êtes invité·e : ${event.title} (Charleroi)`);
    expect(alice.textBody).toContain('Bonjour Alice,');
    expect(alice.textBody).toContain('vous avez indiqué Hainaut comme région d’origine');
    const when = new Intl.DateTimeFormat('fr', { dateStyle: 'full', timeZone: 'Europe/Brussels' }).format(
      event.startsAt,
    );
    expect(alice.textBody).toContain(when);
    expect(alice.textBody).toContain('Venez nombreux !');
    expect(alice.textBody).toContain(`/events/${event.id}-it-day-`);
    expect(alice.htmlBody).toContain('&lt;b>Bring a friend&lt;/b>');
    expect(alice.htmlBody).not.toContain('<b>Bring');
    expect(alice.headers['List-Unsubscribe']).toMatch(/^<http.*\/invitations\/opt-out\/.+>$/);
    expect(alice.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const emma = mails.find((m) => m.toName === 'Emma')!;
    expect(emma.locale).toBe('nl');
    expect(emma.textBody).toContain('Hallo Emma,');
    expect(emma.textBody).toContain('je uit Henegouwen komt en nu elders woont');

    const again = await t.api('POST', `/api/v1/events/${event.id}/invitations`, {
      token: admin.token,
      body: { segment: { comeHome: true } },
    });
    expect(again.json().invited).toBe(0);
    expect(
      (
        await t.api('POST', `/api/v1/events/${event.id}/invitations/preview`, {
          token: organiser.token,
          body: { segment: { origin: ['BE-WHT'] } },
        })
      ).json().count,
    ).toBe(2); // Bob, Chloé
  });

  it('invites each person once when two organisers send at the same moment', async () => {
    const event = await newEvent();
    const [a, b] = await Promise.all([
      sendInvitations(t.database.db, t.network, organiser.user, event.id, { segment: { origin: ['BE-WHT'] } }),
      sendInvitations(t.database.db, t.network, admin.user, event.id, { segment: { comeHome: true } }),
    ]);
    expect(a.invited + b.invited).toBe(5);
    const rows = await t.database.pool.query(
      `SELECT user_id, count(*)::int AS n FROM invitations WHERE event_id = $1 GROUP BY user_id`,
      [event.id],
    );
    expect(rows.rows).toHaveLength(5);
    expect(rows.rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    const mails = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM outbound_messages WHERE kind = 'invitation' AND payload->>'eventId' = $1`,
      [event.id],
    );
    expect(mails.rows[0].n).toBe(5);
  });

  it('delivers through SMTP with a one-click opt-out that then keeps the member out of every count', async () => {
    const oscar = await member('Oscar', { city: 'Ixelles', originRegion: 'BE-WLX', skills: ['COBOL'], locale: 'en' });
    const event = await newEvent();
    expect(
      (
        await sendInvitations(
          t.database.db,
          t.network,
          organiser.user,
          event.id,
          { segment: { skills: ['cobol'] } },
          { baseUrl: 'http://essaim.test' },
        )
      ).invited,
    ).toBe(1);
    // Only this invitation goes out: what earlier tests queued is marked sent.
    await t.database.pool.query(
      `UPDATE outbound_messages SET status = 'sent', sent_at = now() WHERE status <> 'sent' AND payload->>'eventId' IS DISTINCT FROM $1`,
      [event.id],
    );
    const smtp = await startSmtp();
    const config = { ...t.config, smtpUrl: smtp.url, mailFrom: 'Test <noreply@example.org>' };
    const transport = createTransport(config)!;
    try {
      expect(await deliverDue(t.database.db, config, transport)).toMatchObject({ sent: 1, failed: 0 });
      const mail = (await smtp.waitFor(1)).find((m) => m.to && JSON.stringify(m.to).includes(oscar.email))!;
      expect(mail.subject).toBe(`You are invited: ${event.title} (Charleroi)`);
      expect(mail.text).toContain('your skills include COBOL');
      const line = mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line;
      const url = new URL(/<(http[^>]+)>/.exec(line)![1]!);
      expect(url.origin).toBe('http://essaim.test');
      // A forged token is refused.
      expect((await t.app.inject({ method: 'POST', url: `${url.pathname.slice(0, -4)}abcd` })).statusCode).toBe(404);
      const page = await t.app.inject({ method: 'GET', url: url.pathname, headers: { 'accept-language': 'en' } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Stop the invitations');
      const done = await t.app.inject({
        method: 'POST',
        url: url.pathname,
        payload: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
      });
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('you will receive no more invitations');
      expect(await count({ skills: ['cobol'] })).toBe(0);
    } finally {
      transport.close();
      await smtp.close();
    }
  });
});

describe('who came back', () => {
  it('counts registrations after the invitation and check-ins, per event and per chapter', async () => {
    const event = await newEvent();
    expect(
      (await sendInvitations(t.database.db, t.network, organiser.user, event.id, { segment: { skills: ['php'] } }))
        .invited,
    ).toBe(2);
    const reg = await t.api('POST', `/api/v1/events/${event.id}/registrations`, {
      body: { name: 'Alice', email: people.Alice!.email },
    });
    expect(reg.statusCode).toBe(201);
    await t.api('POST', `/api/v1/events/${event.id}/registrations`, {
      body: { name: 'Stranger', email: 'stranger@example.org' },
    });
    const before = (await t.api('GET', `/api/v1/events/${event.id}/invitations`, { token: organiser.token })).json();
    expect(before).toMatchObject({ invited: 2, registered: 1, attended: 0 });
    expect(
      (
        await t.api('POST', `/api/v1/events/${event.id}/check-ins`, {
          token: admin.token,
          body: { code: reg.json().checkInCode },
        })
      ).statusCode,
    ).toBe(200);
    const after = (await t.api('GET', `/api/v1/events/${event.id}/invitations`, { token: organiser.token })).json();
    expect(after).toMatchObject({ invited: 2, registered: 1, attended: 1 });
    expect(after.campaigns).toHaveLength(1);
    expect(after.campaigns[0]).toMatchObject({
      invited: 2,
      registered: 1,
      attended: 1,
      summary: 'skills: php',
      createdBy: { id: organiser.user.id },
    });

    const chapter = (await t.api('GET', '/api/v1/chapters/charleroi/invitations', { token: organiser.token })).json();
    const row = chapter.events.find((e: { event: { id: string } }) => e.event.id === event.id);
    expect(row).toMatchObject({ invited: 2, registered: 1, attended: 1 });
    expect(chapter.totals.attended).toBeGreaterThanOrEqual(1);
    expect(chapter.totals.invited).toBe(chapter.events.reduce((s: number, e: { invited: number }) => s + e.invited, 0));
    const [liege] = await t.database.db.select().from(chapters).where(eq(chapters.slug, 'liege'));
    expect(await invitationStats(t.database.db, t.network, liege!.id)).toMatchObject({
      events: [],
      totals: { campaigns: 0, invited: 0, registered: 0, attended: 0 },
    });
  });

  it('keeps the figures when a member who came back deletes their account', async () => {
    const event = await newEvent();
    const leaving = await member('Leaving', { city: 'Ixelles', originRegion: 'BE-WHT', skills: ['Elixir'] });
    expect(
      (await sendInvitations(t.database.db, t.network, organiser.user, event.id, { segment: { skills: ['elixir'] } }))
        .invited,
    ).toBe(1);
    const reg = await t.api('POST', `/api/v1/events/${event.id}/registrations`, { token: leaving.token, body: {} });
    expect(reg.statusCode, reg.body).toBe(201);
    await t.api('POST', `/api/v1/events/${event.id}/check-ins`, {
      token: admin.token,
      body: { code: reg.json().checkInCode },
    });
    const figures = async () =>
      (await t.api('GET', `/api/v1/events/${event.id}/invitations`, { token: organiser.token })).json();
    expect(await figures()).toMatchObject({ invited: 1, registered: 1, attended: 1 });
    expect(
      (await t.api('DELETE', '/api/v1/me', { token: leaving.token, body: { confirm: leaving.email } })).statusCode,
    ).toBe(204);
    expect(await figures()).toMatchObject({ invited: 1, registered: 1, attended: 1 });
    // And nothing of the person is left on the invitation.
    expect(
      (await t.database.pool.query('SELECT user_id FROM invitations WHERE event_id = $1', [event.id])).rows,
    ).toEqual([{ user_id: null }]);
  });
});

describe('authorisation and bad input', () => {
  it('documents the four endpoints', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/events/{id}/invitations/preview',
        '/api/v1/events/{id}/invitations',
        '/api/v1/chapters/{slug}/invitations',
      ]),
    );
    const body = doc.paths['/api/v1/events/{id}/invitations'].post.requestBody.content['application/json'].schema;
    expect(body.properties.segment.properties.origin.items.enum).toContain('BE-WHT');
    expect(doc.paths['/api/v1/events/{id}/invitations'].get.responses).toHaveProperty('200');
  });

  it('lets the chapter’s organisers and admins in, nobody else', async () => {
    const event = await newEvent();
    const preview = (token?: string) =>
      t.api('POST', `/api/v1/events/${event.id}/invitations/preview`, { token, body: { segment: { comeHome: true } } });
    expect((await preview()).statusCode).toBe(401);
    expect((await preview(people.Bob!.token)).statusCode).toBe(403);
    expect((await preview(otherOrganiser.token)).statusCode).toBe(403);
    expect((await preview(organiser.token)).statusCode).toBe(200);
    expect((await preview(admin.token)).json()).toMatchObject({ count: 3, sample: { name: 'Alice' } });
    const send = (token?: string) =>
      t.api('POST', `/api/v1/events/${event.id}/invitations`, { token, body: { segment: { comeHome: true } } });
    expect((await send()).statusCode).toBe(401);
    expect((await send(otherOrganiser.token)).statusCode).toBe(403);
    expect(
      (await t.api('GET', `/api/v1/events/${event.id}/invitations`, { token: people.Bob!.token })).statusCode,
    ).toBe(403);
    expect((await t.api('GET', '/api/v1/chapters/charleroi/invitations')).statusCode).toBe(401);
    expect(
      (await t.api('GET', '/api/v1/chapters/charleroi/invitations', { token: otherOrganiser.token })).statusCode,
    ).toBe(403);
    expect((await t.api('GET', '/api/v1/chapters/charleroi/invitations', { token: admin.token })).statusCode).toBe(200);
    expect(await tableCount(`invitations WHERE event_id = '${event.id}'`)).toBe(0);
  });

  it('refuses bad segments and closed events with a clear message, and creates nothing', async () => {
    const campaigns = await tableCount('invitation_campaigns');
    const sent = await tableCount('invitations');
    const event = await newEvent();
    const send = (body: unknown, id = event.id) =>
      t.api('POST', `/api/v1/events/${id}/invitations`, { token: admin.token, body });

    const region = await send({ segment: { origin: ['BE-XXX'] } });
    expect(region.statusCode).toBe(400);
    expect(region.json().errors[0]).toMatchObject({
      field: 'segment.origin.0',
      message: expect.stringContaining('BE-WHT'),
      code: 'validation.oneOf',
    });
    const empty = await send({ segment: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0]).toMatchObject({
      field: 'segment',
      message: expect.stringContaining('at least one criterion'),
    });
    expect((await send({ segment: { comeHome: false, skills: [] } })).statusCode).toBe(400);
    expect((await send({ segment: { kinds: ['robot'] } })).json().errors[0].field).toBe('segment.kinds.0');
    const chapter = await send({ segment: { followed: ['atlantis'] } });
    expect(chapter.statusCode).toBe(400);
    expect(chapter.json()).toMatchObject({
      detail: expect.stringContaining('atlantis'),
      errors: [{ field: 'segment.followed' }],
    });
    const nowhere = await newEvent('nowhere');
    const home = await send({ segment: { comeHome: true } }, nowhere.id);
    expect(home.statusCode).toBe(400);
    expect(home.json().errors[0].field).toBe('segment.comeHome');
    expect(
      (
        await t.api('POST', `/api/v1/events/${nowhere.id}/invitations/preview`, {
          token: admin.token,
          body: { segment: { comeHome: true } },
        })
      ).statusCode,
    ).toBe(400);

    const draft = await newEvent('charleroi', { status: 'draft' });
    expect((await send({ segment: { comeHome: true } }, draft.id)).json()).toMatchObject({
      status: 409,
      detail: expect.stringContaining('draft'),
    });
    const past = await newEvent();
    await t.database.db
      .update(events)
      .set({ startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() - 80_000_000) })
      .where(eq(events.id, past.id));
    expect((await send({ segment: { comeHome: true } }, past.id)).json()).toMatchObject({
      status: 409,
      detail: expect.stringContaining('already started'),
    });
    const cancelled = await newEvent();
    await t.api('POST', `/api/v1/events/${cancelled.id}/cancel`, { token: admin.token, body: { reason: 'Storm' } });
    expect((await send({ segment: { comeHome: true } }, cancelled.id)).statusCode).toBe(409);

    expect(await tableCount('invitation_campaigns')).toBe(campaigns);
    expect(await tableCount('invitations')).toBe(sent);
  });
});

describe('opting out stops the invitations already queued', () => {
  /** Invitation e-mails to a member by status, as the payload names them. */
  const queued = async (userId: string, status = 'pending') =>
    (
      await t.database.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbound_messages WHERE kind = 'invitation' AND status = $2 AND payload->>'userId' = $1`,
        [userId, status],
      )
    ).rows[0]!.n;
  const optOutPath = async (userId: string) => {
    const [mail] = await t.database.db
      .select()
      .from(outboundMessages)
      .where(sql`${outboundMessages.kind} = 'invitation' and ${outboundMessages.payload}->>'userId' = ${userId}`)
      .limit(1);
    return new URL(/<(http[^>]+)>/.exec(mail!.headers['List-Unsubscribe']!)![1]!).pathname;
  };
  const optedOut = async (userId: string) =>
    (await t.database.pool.query(`SELECT invitations_opt_out FROM member_profiles WHERE user_id = $1`, [userId]))
      .rows[0].invitations_opt_out as boolean;
  /** Two events, each inviting everyone with the skill: two queued e-mails per person. */
  const inviteTwice = async (skill: string) => {
    for (let i = 0; i < 2; i++) {
      const event = await newEvent();
      await sendInvitations(t.database.db, t.network, organiser.user, event.id, { segment: { skills: [skill] } });
    }
  };

  it('by the one-click link: their queued invitation e-mails go, sent ones and everybody else’s stay', async () => {
    const pia = await member('Pia', { skills: ['Fortran'], locale: 'en' });
    const quentin = await member('Quentin', { skills: ['Fortran'], locale: 'en' });
    await inviteTwice('fortran');
    expect([await queued(pia.id), await queued(quentin.id)]).toEqual([2, 2]);
    // One of Pia's already went out: it is the record, and stays.
    await t.database.pool.query(
      `UPDATE outbound_messages SET status = 'sent', sent_at = now() WHERE id = (SELECT id FROM outbound_messages WHERE kind = 'invitation' AND payload->>'userId' = $1 LIMIT 1)`,
      [pia.id],
    );

    const done = await t.app.inject({
      method: 'POST',
      url: await optOutPath(pia.id),
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.statusCode).toBe(200);
    expect(await optedOut(pia.id)).toBe(true);
    expect(await queued(pia.id)).toBe(0);
    expect(await queued(pia.id, 'sent')).toBe(1);
    expect(await queued(quentin.id)).toBe(2);
  });

  it('by saving the profile with invitationsOptOut: their queued invitation e-mails go, in the same save', async () => {
    const rosa = await member('Rosa', { skills: ['Pascal'], locale: 'en' });
    const sam = await member('Sam', { skills: ['Pascal'], locale: 'en' });
    await inviteTwice('pascal');
    expect([await queued(rosa.id), await queued(sam.id)]).toEqual([2, 2]);

    // A save that leaves the flag off drops nothing.
    expect(
      (await t.api('PATCH', '/api/v1/me/profile', { token: sam.token, body: { bio: 'Still here' } })).statusCode,
    ).toBe(200);
    expect(await queued(sam.id)).toBe(2);

    const res = await t.api('PATCH', '/api/v1/me/profile', { token: rosa.token, body: { invitationsOptOut: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await optedOut(rosa.id)).toBe(true);
    expect(await queued(rosa.id)).toBe(0);
    expect(await queued(sam.id)).toBe(2);
  });

  it('a link works only in its member’s network', async () => {
    const tom = await member('Tom', { skills: ['Smalltalk'], locale: 'en' });
    await inviteTwice('smalltalk');
    await t.database.db.insert(networks).values({ slug: 'elsewhere', name: 'Elsewhere', host: 'elsewhere.example' });
    const path = await optOutPath(tom.id);
    const onOther = { host: 'elsewhere.example' };
    expect((await t.app.inject({ method: 'GET', url: path, headers: onOther })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: path, headers: onOther })).statusCode).toBe(404);
    expect(await optedOut(tom.id)).toBe(false);
    expect(await queued(tom.id)).toBe(2);
    // In its own network it works.
    expect((await t.app.inject({ method: 'POST', url: path })).statusCode).toBe(200);
    expect(await optedOut(tom.id)).toBe(true);
  });
});

describe('the invitation in the member’s language', () => {
  it('writes each member the event and the organiser’s words in their language, else the original marked', async () => {
    const event = await newEvent('charleroi', {
      title: 'Journée PHP',
      language: 'fr',
      translations: { nl: { title: 'PHP-dag' } },
    });
    const body = {
      segment: { comeHome: true },
      message: 'Venez nombreux !',
      language: 'fr',
      translations: { nl: { message: 'Kom talrijk!' } },
    };
    // The organiser reads the sample in English: no English words were written, so the French, marked.
    const preview = await t.api('POST', `/api/v1/events/${event.id}/invitations/preview`, {
      token: organiser.token,
      body,
      headers: { 'accept-language': 'en' },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().sample.text).toContain('Venez nombreux !');
    expect(preview.json().sample.text).toContain('(original in French)');

    const res = await t.api('POST', `/api/v1/events/${event.id}/invitations`, { token: organiser.token, body });
    expect(res.statusCode, res.body).toBe(201);
    const mails = await t.database.db
      .select()
      .from(outboundMessages)
      .where(sql`${outboundMessages.kind} = 'invitation' and ${outboundMessages.payload}->>'eventId' = ${event.id}`);
    const emma = mails.find((m) => m.toName === 'Emma')!;
    expect(emma.subject).toBe('Je bent uitgenodigd: PHP-dag (Charleroi)');
    expect(emma.textBody).toContain('Kom talrijk!');
    expect(emma.textBody).not.toContain('Venez nombreux');
    expect(emma.textBody).not.toContain('oorspronkelijke tekst');
    const alice = mails.find((m) => m.toName === 'Alice')!;
    expect(alice.subject).toBe('Vous êtes invité·e : Journée PHP (Charleroi)');
    expect(alice.textBody).toContain('Venez nombreux !');
    expect(alice.textBody).not.toContain('Kom talrijk');

    const campaigns = (await t.api('GET', `/api/v1/events/${event.id}/invitations`, { token: organiser.token })).json();
    expect(campaigns.campaigns[0]).toMatchObject({
      message: 'Venez nombreux !',
      language: 'fr',
      translations: { nl: { message: 'Kom talrijk!' } },
    });
  });
});
