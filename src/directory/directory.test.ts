import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { directoryCast } from '../../test/support/directory-cast.js';
import { saveProfile } from '../profiles/service.js';

let t: TestApp;
let cast: Awaited<ReturnType<typeof directoryCast>>;

beforeAll(async () => {
  t = await startTestApp();
  cast = await directoryCast(t);
});
afterAll(() => t.close());

type Entry = {
  id: string;
  name: string;
  email?: string;
  skills: string[];
  originRegion: string | null;
  residenceRegion: string | null;
};

async function search(query: string, token = cast.viewer.token) {
  const res = await t.api('GET', `/api/v1/members${query}`, { token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Entry[]; total: number; nextCursor: string | null };
}
const names = async (query: string, token?: string) => (await search(query, token)).items.map((m) => m.name);

describe('directory search', () => {
  it('lists the opted-in, verified members by name, without e-mail addresses, for a member', async () => {
    const page = await search('');
    expect(page.items.map((m) => m.name)).toEqual(['Alice Dupont', 'Bruno Peeters', 'Chloé Martin']);
    expect(page.total).toBe(3);
    expect(page.items.every((m) => !('email' in m))).toBe(true);
    expect(page.items[1]).toMatchObject({
      residenceRegion: 'BE-BRU',
      originRegion: 'BE-WHT',
      skills: ['Laravel', 'php'],
    });
  });

  it('folds accents: "liege" and "LIÈGE" find Liège', async () => {
    expect(await names('?q=liege')).toEqual(['Alice Dupont']);
    expect(await names(`?q=${encodeURIComponent('LIÈGE')}`)).toEqual(['Alice Dupont']);
    expect(await names(`?q=${encodeURIComponent('chloe')}`)).toEqual(['Chloé Martin']);
  });

  it('finds regions by their name in any language', async () => {
    expect(await names('?q=henegouwen')).toEqual(['Bruno Peeters']);
    expect(await names('?q=hainaut')).toEqual(['Bruno Peeters']);
    expect(await names('?q=luik')).toEqual(['Alice Dupont']);
    expect(await names('?q=brussels')).toEqual(['Bruno Peeters']);
  });

  it('tolerates typos and matches word beginnings', async () => {
    expect(await names('?q=javscript')).toEqual(['Alice Dupont']);
    expect(await names('?q=laravle')).toEqual(['Bruno Peeters']);
    expect(await names('?q=brux')).toEqual(['Bruno Peeters']);
    expect(await names('?q=zzzzqqq')).toEqual([]);
  });

  it('requires every word, and ranks exact words above word beginnings', async () => {
    expect(await names(`?q=${encodeURIComponent('php liège')}`)).toEqual(['Alice Dupont']);
    expect(await names(`?q=${encodeURIComponent('php namur')}`)).toEqual([]);
    // Chloé has "Java" (the word itself); Alice has "JavaScript" (it only begins with it).
    expect(await names('?q=java')).toEqual(['Chloé Martin', 'Alice Dupont']);
  });

  it('filters by skill (folded, all of several), city, regions, kind and chapter', async () => {
    expect(await names('?skill=PHP')).toEqual(['Alice Dupont', 'Bruno Peeters']);
    expect(await names('?skill=php&skill=LARAVEL')).toEqual(['Bruno Peeters']);
    expect(await names(`?city=${encodeURIComponent('LIÈGE')}`)).toEqual(['Alice Dupont']);
    expect(await names('?city=liege')).toEqual(['Alice Dupont']);
    expect(await names('?origin=BE-WHT')).toEqual(['Bruno Peeters']);
    expect(await names('?residence=BE-BRU')).toEqual(['Bruno Peeters']);
    expect(await names('?residence=BE-WNA&origin=BE-WNA')).toEqual(['Chloé Martin']);
    expect(await names('?kind=tech')).toEqual(['Alice Dupont']);
    expect(await names('?chapter=charleroi')).toEqual(['Chloé Martin']);
    expect(await names('?chapter=namur')).toEqual([]);
    expect(await names('?skill=php&kind=generalist&q=ixelles')).toEqual(['Bruno Peeters']);
  });

  it('pages with a cursor, in a stable order, with the same total on each page', async () => {
    const first = await search('?limit=2');
    expect(first.items.map((m) => m.name)).toEqual(['Alice Dupont', 'Bruno Peeters']);
    expect(first.total).toBe(3);
    expect(first.nextCursor).toBeTruthy();
    const second = await search(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((m) => m.name)).toEqual(['Chloé Martin']);
    expect(second.total).toBe(3);
    expect(second.nextCursor).toBeNull();
  });
});

describe('who sees whom', () => {
  it('sends visitors away with 401 from every directory endpoint', async () => {
    for (const url of ['/api/v1/members', `/api/v1/members/${cast.alice.user.id}`, '/api/v1/skills?q=ja']) {
      const res = await t.api('GET', url);
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('never shows a member the opted-out or the unverified: not in results, counts nor skills', async () => {
    expect(await names('?q=liege')).toEqual(['Alice Dupont']);
    expect((await search('?skill=javascript')).total).toBe(1);
    const skills = (await t.api('GET', '/api/v1/skills?q=jav', { token: cast.viewer.token })).json().items;
    expect(skills).toEqual([
      { skill: 'Java', count: 1 },
      { skill: 'JavaScript', count: 1 },
    ]);
  });

  it('lists unlisted members nowhere, not even to themselves, but opens their own profile to them', async () => {
    await saveProfile(t.database.db, cast.viewer.user, { city: 'Liège', skills: ['Rust'], directoryVisible: false });
    expect(await names('?q=liege', cast.viewer.token)).toEqual(['Alice Dupont']);
    expect(await names('?q=liege', cast.alice.token)).toEqual(['Alice Dupont']);
    const own = await t.api('GET', `/api/v1/members/${cast.viewer.user.id}`, { token: cast.viewer.token });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ name: cast.viewer.user.name, city: 'Liège' });
    expect((await t.api('GET', `/api/v1/members/${cast.viewer.user.id}`, { token: cast.alice.token })).statusCode).toBe(
      404,
    );
    await saveProfile(t.database.db, cast.viewer.user, { city: '', skills: [] });
  });

  it('shows an organiser the followers of their chapter, without e-mail, and no other unlisted person', async () => {
    const page = await search('', cast.organiser.token);
    expect(page.items.map((m) => m.name)).toEqual(['Alice Dupont', 'Bruno Peeters', 'Chloé Martin', 'Hugo Caché']);
    const byName = Object.fromEntries(page.items.map((m) => [m.name, m]));
    for (const name of ['Hugo Caché', 'Chloé Martin', 'Alice Dupont'])
      expect(byName[name]!.email, name).toBeUndefined();
    expect(await names('?chapter=charleroi', cast.organiser.token)).toEqual(['Chloé Martin', 'Hugo Caché']);
    expect(await names('?chapter=namur', cast.organiser.token)).toEqual([]);
    const skills = (await t.api('GET', '/api/v1/skills?q=javascript', { token: cast.organiser.token })).json().items;
    expect(skills).toEqual([{ skill: 'JavaScript', count: 2 }]);
  });

  it('shows admins everyone, with e-mail addresses', async () => {
    const page = await search('?limit=100', cast.admin.token);
    expect(page.items.map((m) => m.name)).toEqual([
      'Alice Dupont',
      'Bruno Peeters',
      'Chloé Martin',
      'Dora Discrète',
      'Hugo Caché',
      'Ursule Inconnue',
      'Victor Lecteur',
    ]);
    expect(page.items.every((m) => m.email?.endsWith('@example.org'))).toBe(true);
    expect((await search('?skill=javascript', cast.admin.token)).total).toBe(4);
  });
});

describe('a profile', () => {
  it('is shown to whoever may see it, with followed chapters', async () => {
    const res = await t.api('GET', `/api/v1/members/${cast.chloe.user.id}`, { token: cast.viewer.token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Chloé Martin',
      city: 'Namur',
      links: ['https://chloe.example.org'],
      chapters: [{ slug: 'charleroi', name: 'Charleroi' }],
      directoryVisible: true,
    });
    expect(res.json().email).toBeUndefined();
    const asOrganiser = await t.api('GET', `/api/v1/members/${cast.hugo.user.id}`, { token: cast.organiser.token });
    expect(asOrganiser.statusCode).toBe(200);
    expect(asOrganiser.json()).toMatchObject({ name: 'Hugo Caché', directoryVisible: false });
    expect(asOrganiser.json().email).toBeUndefined();
  });

  it('answers 404 for a hidden profile exactly as for one that does not exist', async () => {
    const hidden = await t.api('GET', `/api/v1/members/${cast.hugo.user.id}`, { token: cast.viewer.token });
    const missing = await t.api('GET', '/api/v1/members/00000000-0000-4000-8000-000000000000', {
      token: cast.viewer.token,
    });
    const unverified = await t.api('GET', `/api/v1/members/${cast.ursule.user.id}`, { token: cast.viewer.token });
    const malformed = await t.api('GET', '/api/v1/members/not-an-id', { token: cast.viewer.token });
    const strip = (body: string) => {
      const { instance: _i, ...rest } = JSON.parse(body) as Record<string, unknown>;
      return rest;
    };
    for (const res of [hidden, missing, unverified, malformed]) {
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(strip(res.body)).toEqual(strip(missing.body));
    }
    expect(hidden.body).not.toContain('Hugo');
  });
});

describe('bad input', () => {
  const problem = async (query: string) => {
    const res = await t.api('GET', `/api/v1/members${query}`, { token: cast.viewer.token });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    return res.json() as { errors: { field: string; message: string }[] };
  };

  it('names the field of an unknown region, kind or chapter', async () => {
    expect((await problem('?origin=BE-XXX')).errors[0]!.field).toBe('origin');
    expect((await problem('?residence=Atlantis')).errors[0]!.field).toBe('residence');
    expect((await problem('?kind=robot')).errors[0]!.field).toBe('kind');
    expect((await problem('?chapter=atlantis')).errors[0]!.field).toBe('chapter');
  });

  it('refuses a page size out of range and a forged cursor', async () => {
    expect((await problem('?limit=0')).errors[0]).toMatchObject({
      field: 'limit',
      message: 'must be at least 1',
      code: 'validation.min',
      params: { min: 1 },
    });
    expect((await problem('?limit=101')).errors[0]!.field).toBe('limit');
    expect((await problem('?cursor=nonsense')).errors[0]!.field).toBe('cursor');
    expect(
      (await problem(`?cursor=${Buffer.from(JSON.stringify({ after: '-5' })).toString('base64url')}`)).errors[0]!.field,
    ).toBe('cursor');
  });

  it('takes any text safely: quotes, operators and very long words', async () => {
    for (const q of ["l'eau & (x | !y):*", '\\', 'a'.repeat(200), '   ']) {
      const res = await t.api('GET', `/api/v1/members?q=${encodeURIComponent(q)}`, { token: cast.viewer.token });
      expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
    }
    expect((await problem(`?q=${'a'.repeat(201)}`)).errors[0]!.field).toBe('q');
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json')).json();
    const params = doc.paths['/api/v1/members'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['q', 'skill', 'city', 'origin', 'residence', 'chapter', 'kind', 'limit', 'cursor']),
    );
    expect(doc.paths['/api/v1/members/{id}'].get).toBeDefined();
    expect(doc.paths['/api/v1/skills'].get).toBeDefined();
  });
});
