import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
});
afterAll(() => t.close());

type Room = { id: string; name: string; capacity: number };
const byName = (rooms: Room[]) => Object.fromEntries(rooms.map((r) => [r.name, r]));

async function createVenue(body: Record<string, unknown>) {
  const res = await t.api('POST', '/api/v1/venues', { token: admin, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('venues API', () => {
  it('creates a venue with rooms, its slug folded from the accented name', async () => {
    const res = await t.api('POST', '/api/v1/venues', {
      token: admin,
      body: {
        name: 'Espace Liège',
        city: 'Liège',
        address: 'Rue de la Loi 1',
        kind: 'coworking',
        coworkers: 40,
        website: 'https://espace.example.org',
        rooms: [
          { name: 'Main room', capacity: 40 },
          { name: 'Attic', capacity: 12 },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/api/v1/venues/espace-liege');
    const body = res.json();
    expect(body).toMatchObject({
      slug: 'espace-liege',
      name: 'Espace Liège',
      city: 'Liège',
      kind: 'coworking',
      coworkers: 40,
      website: 'https://espace.example.org',
      chapters: [],
    });
    expect(body.rooms).toHaveLength(2);
    expect(byName(body.rooms)).toMatchObject({ 'Main room': { capacity: 40 }, Attic: { capacity: 12 } });

    const got = await t.api('GET', '/api/v1/venues/espace-liege');
    expect(got.statusCode).toBe(200);
    expect(got.json().id).toBe(body.id);
    expect(
      got
        .json()
        .rooms.map((r: Room) => r.id)
        .sort(),
    ).toEqual(body.rooms.map((r: Room) => r.id).sort());
  });

  it('answers 404 for an unknown venue', async () => {
    const res = await t.api('GET', '/api/v1/venues/atlantis');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a taken slug with 409', async () => {
    const dup = await t.api('POST', '/api/v1/venues', {
      token: admin,
      body: { name: 'Espace LIEGE', city: 'Elsewhere' },
    });
    expect(dup.statusCode).toBe(409);
    expect((await t.api('GET', '/api/v1/venues/espace-liege')).json().city).toBe('Liège');
  });

  it('refuses duplicate room names with 400 and creates nothing', async () => {
    const res = await t.api('POST', '/api/v1/venues', {
      token: admin,
      body: {
        name: 'Twin Rooms',
        city: 'Namur',
        rooms: [
          { name: 'Salle A', capacity: 10 },
          { name: 'salle a', capacity: 20 },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('rooms');
    expect((await t.api('GET', '/api/v1/venues/twin-rooms')).statusCode).toBe(404);
  });

  it('refuses rooms with no seats and unknown fields', async () => {
    const res = await t.api('POST', '/api/v1/venues', {
      token: admin,
      body: { name: 'Bad', city: 'Namur', rooms: [{ name: 'Zero', capacity: 0, floor: 2 }] },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['rooms.0.capacity', 'rooms.0.floor']));
  });

  it('lists venues a page at a time with a cursor, and filters by city and kind', async () => {
    await createVenue({ name: 'Hub Namur', city: 'Namur', kind: 'coworking' });
    await createVenue({ name: 'Université de Namur', city: 'namur', kind: 'university' });
    await createVenue({ name: 'Café Central', city: 'Mons', kind: 'cafe' });
    await createVenue({ name: 'Atelier Mons', city: 'Mons', kind: 'coworking' });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.api('GET', `/api/v1/venues?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { slug: string; rooms: Room[] }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((v) => v.slug));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(3);
    expect(seen).toEqual(['atelier-mons', 'cafe-central', 'espace-liege', 'hub-namur', 'universite-de-namur']);

    // The list carries rooms too.
    const all = (await t.api('GET', '/api/v1/venues?limit=100')).json();
    expect(all.nextCursor).toBeNull();
    expect(all.items.find((v: { slug: string }) => v.slug === 'espace-liege').rooms).toHaveLength(2);

    const namur = (await t.api('GET', '/api/v1/venues?city=NAMUR')).json();
    expect(namur.items.map((v: { slug: string }) => v.slug)).toEqual(['hub-namur', 'universite-de-namur']);
    const coworking = (await t.api('GET', '/api/v1/venues?kind=coworking')).json();
    expect(coworking.items.map((v: { slug: string }) => v.slug)).toEqual(['atelier-mons', 'espace-liege', 'hub-namur']);
    const both = (await t.api('GET', '/api/v1/venues?city=Mons&kind=cafe')).json();
    expect(both.items.map((v: { slug: string }) => v.slug)).toEqual(['cafe-central']);

    const badKind = await t.api('GET', '/api/v1/venues?kind=castle');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().errors[0].field).toBe('kind');
  });

  it('changes fields with PATCH and keeps the rooms when none are sent', async () => {
    const before = (await t.api('GET', '/api/v1/venues/espace-liege')).json();
    const res = await t.api('PATCH', '/api/v1/venues/espace-liege', {
      token: admin,
      body: { description: 'Near the station', coworkers: null, kind: 'company' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      description: 'Near the station',
      coworkers: null,
      kind: 'company',
      name: 'Espace Liège',
      city: 'Liège',
    });
    expect(res.json().rooms).toEqual(before.rooms);
    expect((await t.api('GET', '/api/v1/venues/espace-liege')).json()).toMatchObject({
      description: 'Near the station',
      coworkers: null,
      kind: 'company',
    });
  });

  it('replaces the rooms on PATCH: kept names keep their id, missing ones go, new ones come', async () => {
    const before = byName((await t.api('GET', '/api/v1/venues/espace-liege')).json().rooms);
    const res = await t.api('PATCH', '/api/v1/venues/espace-liege', {
      token: admin,
      body: {
        rooms: [
          { name: 'Main room', capacity: 50 },
          { name: 'Garden', capacity: 25 },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const after = byName(res.json().rooms);
    expect(Object.keys(after).sort()).toEqual(['Garden', 'Main room']);
    expect(after['Main room']).toMatchObject({ id: before['Main room']!.id, name: 'Main room', capacity: 50 });
    expect(after.Garden!.id).not.toBe(before.Attic!.id);

    const got = byName((await t.api('GET', '/api/v1/venues/espace-liege')).json().rooms);
    expect(got).toEqual(after);

    const dup = await t.api('PATCH', '/api/v1/venues/espace-liege', {
      token: admin,
      body: {
        rooms: [
          { name: 'Garden', capacity: 1 },
          { name: 'Garden', capacity: 2 },
        ],
      },
    });
    expect(dup.statusCode).toBe(400);
    expect(byName((await t.api('GET', '/api/v1/venues/espace-liege')).json().rooms)).toEqual(after);

    const emptied = await t.api('PATCH', '/api/v1/venues/espace-liege', { token: admin, body: { rooms: [] } });
    expect(emptied.json().rooms).toEqual([]);
  });

  it('renames a slug only to a free one', async () => {
    const taken = await t.api('PATCH', '/api/v1/venues/hub-namur', { token: admin, body: { slug: 'cafe-central' } });
    expect(taken.statusCode).toBe(409);
    const moved = await t.api('PATCH', '/api/v1/venues/hub-namur', {
      token: admin,
      body: { slug: 'hub-namur-centre' },
    });
    expect(moved.statusCode).toBe(200);
    expect((await t.api('GET', '/api/v1/venues/hub-namur')).statusCode).toBe(404);
    expect((await t.api('GET', '/api/v1/venues/hub-namur-centre')).statusCode).toBe(200);
  });
});

describe('venue managers', () => {
  it('appoints, lists and removes managers; a manager may edit their venue only', async () => {
    const manager = await t.user('member');
    await createVenue({ name: 'Managed Place', city: 'Arlon', rooms: [{ name: 'Hall', capacity: 30 }] });

    // Before the appointment the member may not edit.
    expect(
      (await t.api('PATCH', '/api/v1/venues/managed-place', { token: manager.token, body: { description: 'mine' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await t.api('POST', '/api/v1/venues/managed-place/managers', {
          token: manager.token,
          body: { email: manager.user.email },
        })
      ).statusCode,
    ).toBe(403);

    const first = await t.api('POST', '/api/v1/venues/managed-place/managers', {
      token: admin,
      body: { email: manager.user.email.toUpperCase() },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ id: manager.user.id, name: manager.user.name, email: manager.user.email });
    const again = await t.api('POST', '/api/v1/venues/managed-place/managers', {
      token: admin,
      body: { email: manager.user.email },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(manager.user.id);

    const list = await t.api('GET', '/api/v1/venues/managed-place/managers', { token: admin });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([{ id: manager.user.id, name: manager.user.name, email: manager.user.email }]);
    // The manager sees the list of their own venue too.
    expect((await t.api('GET', '/api/v1/venues/managed-place/managers', { token: manager.token })).statusCode).toBe(
      200,
    );

    const patched = await t.api('PATCH', '/api/v1/venues/managed-place', {
      token: manager.token,
      body: { description: 'Our hall', rooms: [{ name: 'Hall', capacity: 35 }] },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ description: 'Our hall', rooms: [{ name: 'Hall', capacity: 35 }] });
    // Managing one venue gives no right on another.
    expect(
      (await t.api('PATCH', '/api/v1/venues/cafe-central', { token: manager.token, body: { description: 'not mine' } }))
        .statusCode,
    ).toBe(403);
    expect((await t.api('GET', '/api/v1/venues/cafe-central')).json().description).toBe('');

    const removed = await t.api('DELETE', `/api/v1/venues/managed-place/managers/${manager.user.id}`, { token: admin });
    expect(removed.statusCode).toBe(204);
    expect(
      (await t.api('DELETE', `/api/v1/venues/managed-place/managers/${manager.user.id}`, { token: admin })).statusCode,
    ).toBe(404);
    expect((await t.api('GET', '/api/v1/venues/managed-place/managers', { token: admin })).json().items).toEqual([]);
    expect(
      (
        await t.api('PATCH', '/api/v1/venues/managed-place', {
          token: manager.token,
          body: { description: 'still mine?' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.api('GET', '/api/v1/venues/managed-place')).json().description).toBe('Our hall');
  });

  it('refuses an e-mail without an account with 404 on the email field', async () => {
    const res = await t.api('POST', '/api/v1/venues/managed-place/managers', {
      token: admin,
      body: { email: 'nobody@example.org' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().errors).toEqual([{ field: 'email', message: 'has no account', code: 'validation.noAccount' }]);
  });

  it('answers 404 when the venue does not exist', async () => {
    const someone = await t.user('member');
    expect(
      (await t.api('POST', '/api/v1/venues/atlantis/managers', { token: admin, body: { email: someone.user.email } }))
        .statusCode,
    ).toBe(404);
  });
});
