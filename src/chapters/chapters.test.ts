import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
});
afterAll(() => t.close());

describe('chapters API', () => {
  it('creates a chapter with a slug folded from its accented name', async () => {
    const res = await t.api('POST', '/api/v1/chapters', {
      token: admin,
      body: { name: 'Liège', city: 'Liège', region: 'Liège', status: 'planned' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/api/v1/chapters/liege');
    expect(res.json()).toMatchObject({ slug: 'liege', name: 'Liège', status: 'planned', hostVenues: [] });
    const got = await t.api('GET', '/api/v1/chapters/liege');
    expect(got.statusCode).toBe(200);
    expect(got.json().name).toBe('Liège');
  });

  it('refuses a second chapter with the same slug with 409 and keeps the first', async () => {
    await t.api('POST', '/api/v1/chapters', {
      token: admin,
      body: { name: 'Namur', city: 'Namur', description: 'first' },
    });
    const dup = await t.api('POST', '/api/v1/chapters', {
      token: admin,
      body: { name: 'NAMUR', city: 'Elsewhere', description: 'second' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.headers['content-type']).toContain('application/problem+json');
    expect(dup.json()).toMatchObject({ status: 409, title: 'Conflict' });
    expect(dup.json().detail).toContain('"namur"');
    expect((await t.api('GET', '/api/v1/chapters/namur')).json()).toMatchObject({
      city: 'Namur',
      description: 'first',
    });
  });

  it('lists every invalid field in one 400 problem and creates nothing', async () => {
    const before = (await t.api('GET', '/api/v1/chapters?limit=100')).json().items.length;
    const res = await t.api('POST', '/api/v1/chapters', {
      token: admin,
      body: { name: '', status: 'open', slug: 'Bad Slug', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['city', 'name', 'slug', 'status']));
    expect(body.errors.find((e: { field: string }) => e.field === 'city').message).toBe('is required');
    expect(body.detail).toMatch(/invalid field/);
    expect((await t.api('GET', '/api/v1/chapters?limit=100')).json().items.length).toBe(before);
  });

  it('pages through chapters with a cursor, each chapter once', async () => {
    for (const name of ['Arlon', 'Bastogne', 'Ciney', 'Dinant', 'Eupen']) {
      expect((await t.api('POST', '/api/v1/chapters', { token: admin, body: { name, city: name } })).statusCode).toBe(
        201,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.api('GET', `/api/v1/chapters?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { slug: string }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((i) => i.slug));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['arlon', 'bastogne', 'ciney', 'dinant', 'eupen', 'liege', 'namur']));
    const bad = await t.api('GET', '/api/v1/chapters?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('cursor');
  });

  it('filters by status', async () => {
    await t.api('POST', '/api/v1/chapters', {
      token: admin,
      body: { name: 'Hasselt', city: 'Hasselt', status: 'active' },
    });
    const res = await t.api('GET', '/api/v1/chapters?status=active&limit=100');
    expect(res.json().items.map((c: { slug: string }) => c.slug)).toEqual(['hasselt']);
  });

  it('updates with PATCH and answers 404 for an unknown slug', async () => {
    const res = await t.api('PATCH', '/api/v1/chapters/hasselt', {
      token: admin,
      body: { status: 'paused', description: 'Winter break' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'paused', description: 'Winter break' });
    const missing = await t.api('PATCH', '/api/v1/chapters/atlantis', { token: admin, body: { status: 'paused' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toContain('atlantis');
  });

  it('renames a slug only to a free one', async () => {
    const taken = await t.api('PATCH', '/api/v1/chapters/hasselt', { token: admin, body: { slug: 'namur' } });
    expect(taken.statusCode).toBe(409);
    expect((await t.api('GET', '/api/v1/chapters/hasselt')).statusCode).toBe(200);
    const moved = await t.api('PATCH', '/api/v1/chapters/hasselt', { token: admin, body: { slug: 'hasselt-genk' } });
    expect(moved.json().slug).toBe('hasselt-genk');
  });

  it('deletes a chapter', async () => {
    expect((await t.api('DELETE', '/api/v1/chapters/eupen', { token: admin })).statusCode).toBe(204);
    expect((await t.api('GET', '/api/v1/chapters/eupen')).statusCode).toBe(404);
    expect((await t.api('DELETE', '/api/v1/chapters/eupen', { token: admin })).statusCode).toBe(404);
  });
});

describe('"tell me when it launches"', () => {
  it('collects sign-ups for a planned chapter, deduplicated by e-mail, counted for admins only', async () => {
    await t.api('POST', '/api/v1/chapters', { token: admin, body: { name: 'Mons', city: 'Mons', status: 'planned' } });
    const first = await t.api('POST', '/api/v1/chapters/mons/interest', {
      body: { name: 'Ada', email: 'Ada@Example.org' },
    });
    expect(first.statusCode).toBe(201);
    const again = await t.api('POST', '/api/v1/chapters/mons/interest', {
      body: { name: 'Ada L.', email: 'ada@example.org' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    await t.api('POST', '/api/v1/chapters/mons/interest', { body: { name: 'Grace', email: 'grace@example.org' } });

    expect((await t.api('GET', '/api/v1/chapters/mons', { token: admin })).json().interestCount).toBe(2);
    expect((await t.api('GET', '/api/v1/chapters/mons')).json()).not.toHaveProperty('interestCount');
    const list = await t.api('GET', '/api/v1/chapters/mons/interest', { token: admin });
    expect(list.json().count).toBe(2);
    expect(
      list
        .json()
        .items.map((i: { email: string }) => i.email)
        .sort(),
    ).toEqual(['ada@example.org', 'grace@example.org']);
    expect((await t.api('GET', '/api/v1/chapters/mons/interest')).statusCode).toBe(401);
  });

  it('refuses sign-ups once the chapter is active, and bad e-mails', async () => {
    await t.api('POST', '/api/v1/chapters', {
      token: admin,
      body: { name: 'Tournai', city: 'Tournai', status: 'active' },
    });
    const res = await t.api('POST', '/api/v1/chapters/tournai/interest', {
      body: { name: 'Ada', email: 'ada@example.org' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('active');
    const bad = await t.api('POST', '/api/v1/chapters/mons/interest', { body: { name: 'Ada', email: 'not-an-email' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'email', message: expect.stringContaining('e-mail'), code: 'validation.email' },
    ]);
  });
});
