import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  for (const body of [
    { name: 'Charleroi', city: 'Charleroi', status: 'active' },
    { name: 'Wavre', city: 'Wavre', status: 'active' },
  ]) {
    expect((await t.api('POST', '/api/v1/chapters', { token: admin, body })).statusCode).toBe(201);
  }
  for (const body of [
    { name: 'Quai 10', city: 'Charleroi', rooms: [{ name: 'Salle', capacity: 40 }] },
    { name: 'Biopark', city: 'Gosselies' },
  ]) {
    expect((await t.api('POST', '/api/v1/venues', { token: admin, body })).statusCode).toBe(201);
  }
});
afterAll(() => t.close());

const chapter = async (slug: string) => (await t.api('GET', `/api/v1/chapters/${slug}`)).json();
const venue = async (slug: string) => (await t.api('GET', `/api/v1/venues/${slug}`)).json();
const hostSlugs = async (slug: string) => (await chapter(slug)).hostVenues.map((v: { slug: string }) => v.slug);

describe('partnerships', () => {
  let quaiId: string;

  it('records a partnership; the venue then hosts the chapter on both sides', async () => {
    const res = await t.api('POST', '/api/v1/chapters/charleroi/partnerships', {
      token: admin,
      body: {
        venue: 'quai-10',
        venueProvides: 'room and coffee',
        networkProvides: 'speakers and promotion',
        since: '2025-01-15',
        status: 'active',
      },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(res.headers.location).toBe(`/api/v1/partnerships/${body.id}`);
    expect(body).toMatchObject({
      chapter: { slug: 'charleroi', name: 'Charleroi' },
      venue: { slug: 'quai-10', name: 'Quai 10', city: 'Charleroi' },
      venueProvides: 'room and coffee',
      networkProvides: 'speakers and promotion',
      since: '2025-01-15',
      until: null,
      status: 'active',
    });
    quaiId = body.id;

    expect((await chapter('charleroi')).hostVenues).toEqual([{ slug: 'quai-10', name: 'Quai 10', city: 'Charleroi' }]);
    expect((await venue('quai-10')).chapters).toEqual([{ slug: 'charleroi', name: 'Charleroi' }]);
    // Nothing leaks to the other chapter or venue.
    expect(await hostSlugs('wavre')).toEqual([]);
    expect((await venue('biopark')).chapters).toEqual([]);
    // The chapter list shows hosts too.
    const list = (await t.api('GET', '/api/v1/chapters?limit=100')).json();
    expect(
      list.items.find((c: { slug: string }) => c.slug === 'charleroi').hostVenues.map((v: { slug: string }) => v.slug),
    ).toEqual(['quai-10']);

    expect((await t.api('GET', `/api/v1/partnerships/${quaiId}`)).json()).toMatchObject({
      id: quaiId,
      status: 'active',
    });
  });

  it('lists only active partnerships as hosts: a proposed one is listed but does not host', async () => {
    const res = await t.api('POST', '/api/v1/chapters/charleroi/partnerships', {
      token: admin,
      body: { venue: 'biopark', venueProvides: 'auditorium', networkProvides: '', status: 'proposed' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'proposed', since: null, until: null });
    expect(await hostSlugs('charleroi')).toEqual(['quai-10']);
    expect((await venue('biopark')).chapters).toEqual([]);

    const listed = await t.api('GET', '/api/v1/chapters/charleroi/partnerships');
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as { venue: { slug: string }; status: string }[];
    expect(items.map((p) => [p.venue.slug, p.status])).toEqual([
      ['biopark', 'proposed'],
      ['quai-10', 'active'],
    ]);
    expect((await t.api('GET', '/api/v1/chapters/wavre/partnerships')).json().items).toEqual([]);
    expect((await t.api('GET', '/api/v1/chapters/atlantis/partnerships')).statusCode).toBe(404);
  });

  it('refuses a second partnership that has not ended for the same chapter and venue with 409', async () => {
    const dup = await t.api('POST', '/api/v1/chapters/charleroi/partnerships', {
      token: admin,
      body: { venue: 'quai-10', status: 'proposed' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.headers['content-type']).toContain('application/problem+json');
    expect(dup.json().detail).toContain(quaiId);
    expect((await t.api('GET', '/api/v1/chapters/charleroi/partnerships')).json().items).toHaveLength(2);
    // The same venue may host another chapter.
    const other = await t.api('POST', '/api/v1/chapters/wavre/partnerships', {
      token: admin,
      body: { venue: 'quai-10', status: 'active' },
    });
    expect(other.statusCode).toBe(201);
    expect((await venue('quai-10')).chapters.map((c: { slug: string }) => c.slug).sort()).toEqual([
      'charleroi',
      'wavre',
    ]);
  });

  it('ends a partnership with PATCH: the venue no longer hosts the chapter', async () => {
    const res = await t.api('PATCH', `/api/v1/partnerships/${quaiId}`, {
      token: admin,
      body: { status: 'ended', until: '2025-06-30' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: quaiId,
      status: 'ended',
      since: '2025-01-15',
      until: '2025-06-30',
      venue: { slug: 'quai-10' },
      chapter: { slug: 'charleroi' },
    });
    expect(await hostSlugs('charleroi')).toEqual([]);
    expect((await venue('quai-10')).chapters.map((c: { slug: string }) => c.slug)).toEqual(['wavre']);
    expect((await t.api('GET', `/api/v1/partnerships/${quaiId}`)).json().status).toBe('ended');
  });

  it('allows a new partnership once the previous one ended, but not reopening the old one beside it', async () => {
    const again = await t.api('POST', '/api/v1/chapters/charleroi/partnerships', {
      token: admin,
      body: { venue: 'quai-10', since: '2026-01-01', status: 'active' },
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().id).not.toBe(quaiId);
    expect(await hostSlugs('charleroi')).toEqual(['quai-10']);
    const reopen = await t.api('PATCH', `/api/v1/partnerships/${quaiId}`, { token: admin, body: { status: 'active' } });
    expect(reopen.statusCode).toBe(409);
    expect((await t.api('GET', `/api/v1/partnerships/${quaiId}`)).json().status).toBe('ended');
  });

  it('lets only one of two simultaneous requests open a partnership for the same pair', async () => {
    expect(
      (await t.api('POST', '/api/v1/venues', { token: admin, body: { name: 'Le Comptoir', city: 'Wavre' } }))
        .statusCode,
    ).toBe(201);
    const body = { venue: 'le-comptoir', status: 'active' };
    const results = await Promise.all(
      [1, 2, 3].map(() => t.api('POST', '/api/v1/chapters/wavre/partnerships', { token: admin, body })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const open = (await t.api('GET', '/api/v1/chapters/wavre/partnerships'))
      .json()
      .items.filter((p: { venue: { slug: string } }) => p.venue.slug === 'le-comptoir');
    expect(open).toHaveLength(1);
  });

  it('refuses an unknown venue with 400 on the field venue, and records nothing', async () => {
    const before = (await t.api('GET', '/api/v1/chapters/wavre/partnerships')).json().items.length;
    const res = await t.api('POST', '/api/v1/chapters/wavre/partnerships', {
      token: admin,
      body: { venue: 'atlantis', status: 'active' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'venue', message: 'is not a known venue', code: 'chapter.problem.unknownVenue' },
    ]);
    expect(res.json().detail).toContain('atlantis');
    expect((await t.api('GET', '/api/v1/chapters/wavre/partnerships')).json().items).toHaveLength(before);
  });

  it('refuses an end before the start, on create and on update', async () => {
    const bad = await t.api('POST', '/api/v1/chapters/wavre/partnerships', {
      token: admin,
      body: { venue: 'biopark', since: '2025-05-01', until: '2025-04-01', status: 'proposed' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['until']);
    const ok = await t.api('POST', '/api/v1/chapters/wavre/partnerships', {
      token: admin,
      body: { venue: 'biopark', since: '2025-05-01', status: 'proposed' },
    });
    expect(ok.statusCode).toBe(201);
    const early = await t.api('PATCH', `/api/v1/partnerships/${ok.json().id}`, {
      token: admin,
      body: { until: '2025-04-30' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].field).toBe('until');
    expect((await t.api('GET', `/api/v1/partnerships/${ok.json().id}`)).json().until).toBeNull();
  });

  it('answers 404 for an unknown chapter or partnership', async () => {
    expect(
      (await t.api('POST', '/api/v1/chapters/atlantis/partnerships', { token: admin, body: { venue: 'quai-10' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.api('PATCH', '/api/v1/partnerships/00000000-0000-4000-8000-000000000000', {
          token: admin,
          body: { status: 'ended' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('lets only admins record or change partnerships', async () => {
    const member = (await t.user('member')).token;
    expect(
      (await t.api('POST', '/api/v1/chapters/wavre/partnerships', { body: { venue: 'biopark' } })).statusCode,
    ).toBe(401);
    expect(
      (await t.api('POST', '/api/v1/chapters/wavre/partnerships', { token: member, body: { venue: 'biopark' } }))
        .statusCode,
    ).toBe(403);
    const id = (await t.api('GET', '/api/v1/chapters/wavre/partnerships')).json().items[0].id;
    expect(
      (await t.api('PATCH', `/api/v1/partnerships/${id}`, { token: member, body: { status: 'ended' } })).statusCode,
    ).toBe(403);
    expect((await t.api('GET', `/api/v1/partnerships/${id}`)).json().status).not.toBe('ended');
  });
});
