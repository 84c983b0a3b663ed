import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.js';
import { ensureDefaultNetwork } from '../networks/service.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { createTestDatabase } from '../../test/support/db.js';

// Every failure of the JSON API is an RFC 9457 problem (application/problem+json with type,
// title, status, detail, and errors[] per invalid field), and a failed request changes nothing.

type Res = Awaited<ReturnType<TestApp['api']>>;

let t: TestApp;
let admin: string;
let member: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  member = (await t.user('member')).token;
  expect(
    (
      await t.api('POST', '/api/v1/chapters', {
        token: admin,
        body: { name: 'Namur', city: 'Namur', description: 'first' },
      })
    ).statusCode,
  ).toBe(201);
  expect(
    (
      await t.api('POST', '/api/v1/venues', {
        token: admin,
        body: { name: 'Le Hub', slug: 'le-hub', city: 'Namur', rooms: [{ name: 'Main', capacity: 20 }] },
      })
    ).statusCode,
  ).toBe(201);
});
afterAll(() => t?.close());

/** Asserts the shape every problem shares, and returns the body. */
function problem(res: Res, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({
    type: `https://essaim.dev/problems/${code}`,
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.detail.length).toBeGreaterThan(0);
  expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+/); // never a stack trace
  return body as {
    type: string;
    title: string;
    status: number;
    detail: string;
    instance?: string;
    errors?: { field: string; message: string }[];
  };
}

/** A 400 problem that lists exactly these invalid fields, each with a message. */
function invalid(res: Res, fields: string[]) {
  const body = problem(res, 400, 'validation');
  expect(body.errors).toBeDefined();
  for (const e of body.errors!) {
    // The text in the reader's language, and its catalogue key (and parameters) for clients that translate.
    expect(e).toMatchObject({ field: expect.any(String), message: expect.any(String) });
    expect(e.message.length).toBeGreaterThan(0);
  }
  expect([...new Set(body.errors!.map((e) => e.field))].sort()).toEqual([...fields].sort());
  return body;
}

/** Runs a failing request and proves, by reading the same URLs before and after, that it changed nothing. */
async function unchanged(urls: string[], act: () => Promise<void>) {
  const snapshot = () =>
    Promise.all(
      urls.map(async (url) => {
        const res = await t.api('GET', url, { token: admin });
        return { url, status: res.statusCode, body: res.body };
      }),
    );
  const before = await snapshot();
  await act();
  expect(await snapshot()).toEqual(before);
}

describe('not found', () => {
  it('answers 404 problems for unknown chapter and venue slugs, naming the slug', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/chapters/atlantis'],
      ['GET', '/api/v1/chapters/atlantis/partnerships'],
      ['GET', '/api/v1/venues/atlantis'],
    ] as const) {
      expect(problem(await t.api(method, url), 404, 'not-found').detail, url).toContain('"atlantis"');
    }
    await unchanged(['/api/v1/chapters?limit=100', '/api/v1/venues?limit=100'], async () => {
      for (const [method, url, body] of [
        ['PATCH', '/api/v1/chapters/atlantis', { description: 'x' }],
        ['DELETE', '/api/v1/chapters/atlantis', undefined],
        ['POST', '/api/v1/chapters/atlantis/organizers', { email: 'ada@example.org' }],
        ['POST', '/api/v1/chapters/atlantis/partnerships', { venue: 'le-hub' }],
        ['PATCH', '/api/v1/venues/atlantis', { city: 'x' }],
        ['POST', '/api/v1/venues/atlantis/managers', { email: 'ada@example.org' }],
      ] as const) {
        const body404 = problem(await t.api(method, url, { token: admin, body }), 404, 'not-found');
        expect(body404.detail, `${method} ${url}`).toContain('"atlantis"');
        expect(body404.instance).toBe(url);
      }
    });
  });

  it('answers 404 for an unknown partnership, and 400 naming the field for an id that is not a uuid', async () => {
    expect(
      problem(await t.api('GET', '/api/v1/partnerships/00000000-0000-4000-8000-000000000000'), 404, 'not-found').detail,
    ).toContain('00000000-0000-4000-8000-000000000000');
    invalid(await t.api('GET', '/api/v1/partnerships/not-a-uuid'), ['id']);
  });

  it('answers a 404 problem for routes that do not exist under /api', async () => {
    for (const url of ['/api/v1/nothing-here', '/api/v2/chapters', '/api/v1/chapters/namur/nothing']) {
      const body = problem(await t.api('GET', url), 404, 'not-found');
      expect(body.detail).toContain(url);
    }
    // A known path asked with a method it does not take is 405 (see web/http-standards.test.ts).
    problem(
      await t.api('PUT', '/api/v1/chapters/namur', { token: admin, body: { name: 'x' } }),
      405,
      'method-not-allowed',
    );
    expect((await t.api('GET', '/api/v1/chapters/namur')).json().name).toBe('Namur');
  });
});

describe('conflicts', () => {
  it('refuses a second chapter with the same slug, and keeps the first', async () => {
    await unchanged(['/api/v1/chapters?limit=100', '/api/v1/chapters/namur'], async () => {
      const body = problem(
        await t.api('POST', '/api/v1/chapters', { token: admin, body: { name: 'Namur', city: 'Elsewhere' } }),
        409,
        'conflict',
      );
      expect(body.detail).toContain('"namur"');
      expect(body.errors).toEqual([{ field: 'slug', message: 'is already used', code: 'validation.alreadyUsed' }]);
    });
  });

  it('refuses a second venue with the same slug, on create and on rename', async () => {
    expect(
      (
        await t.api('POST', '/api/v1/venues', {
          token: admin,
          body: { name: 'Other', slug: 'other-place', city: 'Namur' },
        })
      ).statusCode,
    ).toBe(201);
    await unchanged(['/api/v1/venues?limit=100', '/api/v1/venues/le-hub', '/api/v1/venues/other-place'], async () => {
      expect(
        problem(
          await t.api('POST', '/api/v1/venues', {
            token: admin,
            body: { name: 'Le Hub', city: 'Gent', rooms: [{ name: 'Big', capacity: 99 }] },
          }),
          409,
          'conflict',
        ).detail,
      ).toContain('"le-hub"');
      expect(
        problem(
          await t.api('PATCH', '/api/v1/venues/other-place', { token: admin, body: { slug: 'le-hub', city: 'Gent' } }),
          409,
          'conflict',
        ).detail,
      ).toContain('"le-hub"');
    });
  });

  it('refuses a second open partnership between the same chapter and venue', async () => {
    const first = await t.api('POST', '/api/v1/chapters/namur/partnerships', {
      token: admin,
      body: { venue: 'le-hub', venueProvides: 'a room', status: 'active' },
    });
    expect(first.statusCode).toBe(201);
    await unchanged(
      ['/api/v1/chapters/namur/partnerships', '/api/v1/chapters/namur', '/api/v1/venues/le-hub'],
      async () => {
        for (const status of ['active', 'proposed']) {
          const body = problem(
            await t.api('POST', '/api/v1/chapters/namur/partnerships', {
              token: admin,
              body: { venue: 'le-hub', status },
            }),
            409,
            'conflict',
          );
          expect(body.detail).toContain(first.json().id);
        }
      },
    );
    // An ended partnership is history, not a second open one.
    expect(
      (
        await t.api('POST', '/api/v1/chapters/namur/partnerships', {
          token: admin,
          body: { venue: 'le-hub', status: 'ended', since: '2020-01-01', until: '2021-01-01' },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('answers 404 naming the e-mail when an organiser or manager has no account', async () => {
    await unchanged(['/api/v1/chapters/namur/organizers', '/api/v1/venues/le-hub/managers'], async () => {
      for (const url of ['/api/v1/chapters/namur/organizers', '/api/v1/venues/le-hub/managers']) {
        const body = problem(
          await t.api('POST', url, { token: admin, body: { email: 'Nobody@Example.org' } }),
          404,
          'not-found',
        );
        expect(body.detail).toContain('nobody@example.org');
        expect(body.errors).toEqual([{ field: 'email', message: 'has no account', code: 'validation.noAccount' }]);
      }
    });
  });
});

describe('invalid fields', () => {
  it('lists every invalid field of a venue in one 400, and creates nothing', async () => {
    await unchanged(['/api/v1/venues?limit=100'], async () => {
      const body = invalid(
        await t.api('POST', '/api/v1/venues', {
          token: admin,
          body: {
            name: 'Bad',
            slug: 'bad-venue',
            city: 'Namur',
            kind: 'castle',
            coworkers: -3,
            website: 'ftp://example.org',
            rooms: [
              { name: 'Ok', capacity: 10 },
              { name: 'Zero', capacity: 0 },
            ],
            colour: 'blue',
          },
        }),
        ['colour', 'coworkers', 'kind', 'rooms.1.capacity', 'website'],
      );
      const message = (field: string) => body.errors!.find((e) => e.field === field)!.message;
      expect(message('rooms.1.capacity')).toBe('must be at least 1');
      expect(message('coworkers')).toBe('cannot be negative');
      expect(message('website')).toBe('must be a web address starting with http:// or https://');
      expect(message('kind')).toContain('coworking');
      expect(message('colour')).toBe('is not a known field');
      expect(body.detail).toContain('5 invalid fields');
    });
    expect((await t.api('GET', '/api/v1/venues/bad-venue')).statusCode).toBe(404);
  });

  it('lists every invalid field of a venue PATCH and keeps the venue as it was', async () => {
    await unchanged(['/api/v1/venues/le-hub'], async () => {
      invalid(
        await t.api('PATCH', '/api/v1/venues/le-hub', {
          token: admin,
          body: { city: '', coworkers: 2.5, website: 'not a url', rooms: [{ name: 'Main', capacity: -1 }] },
        }),
        ['city', 'coworkers', 'rooms.0.capacity', 'website'],
      );
    });
  });

  it('refuses a partnership that ends before it starts, with every other invalid field too', async () => {
    expect(
      (await t.api('POST', '/api/v1/venues', { token: admin, body: { name: 'Annex', city: 'Namur' } })).statusCode,
    ).toBe(201);
    await unchanged(['/api/v1/chapters/namur/partnerships'], async () => {
      const body = invalid(
        await t.api('POST', '/api/v1/chapters/namur/partnerships', {
          token: admin,
          body: { venue: 'annex', since: '2025-06-01', until: '2025-05-31' },
        }),
        ['until'],
      );
      expect(body.errors![0]!.message).toBe('must be on or after since');
      invalid(
        await t.api('POST', '/api/v1/chapters/namur/partnerships', {
          token: admin,
          body: { venue: 'annex', since: '2025-06-01', until: '2025-05-31', status: 'maybe' },
        }),
        ['status', 'until'],
      );
      invalid(
        await t.api('POST', '/api/v1/chapters/namur/partnerships', {
          token: admin,
          body: { venue: 'annex', since: '1 June 2025' },
        }),
        ['since'],
      );
    });
    // On PATCH the rule holds against the stored dates as well.
    const created = await t.api('POST', '/api/v1/chapters/namur/partnerships', {
      token: admin,
      body: { venue: 'annex', since: '2025-06-01' },
    });
    expect(created.statusCode).toBe(201);
    const url = `/api/v1/partnerships/${created.json().id}`;
    await unchanged([url], async () => {
      invalid(await t.api('PATCH', url, { token: admin, body: { until: '2025-01-01' } }), ['until']);
    });
  });

  it('answers malformed JSON with a 400 problem', async () => {
    await unchanged(['/api/v1/chapters?limit=100'], async () => {
      for (const payload of ['{"name": "Gent", "city": ', '{name: Gent}', '']) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/chapters',
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
          payload,
        });
        expect(problem(res, 400, 'validation').detail, JSON.stringify(payload)).toMatch(/JSON/);
      }
    });
  });

  it('refuses a body over 256 KiB with 413', async () => {
    await unchanged(['/api/v1/chapters?limit=100'], async () => {
      const body = problem(
        await t.api('POST', '/api/v1/chapters', {
          token: admin,
          body: { name: 'Huge', city: 'Huge', description: 'x'.repeat(300 * 1024) },
        }),
        413,
        'payload-too-large',
      );
      expect(body.title).toBe('Request body too large');
    });
  });

  it('refuses anything but JSON with 415', async () => {
    await unchanged(['/api/v1/chapters?limit=100'], async () => {
      for (const [type, payload] of [
        ['text/plain', '{"name":"Gent","city":"Gent"}'],
        ['application/x-www-form-urlencoded', 'name=Gent&city=Gent'],
      ]) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/chapters',
          headers: { authorization: `Bearer ${admin}`, 'content-type': type! },
          payload,
        });
        expect(problem(res, 415, 'unsupported-media-type').detail).toContain(type);
      }
    });
  });

  it('asks for a token (401) and refuses members (403), changing nothing', async () => {
    await unchanged(['/api/v1/chapters?limit=100', '/api/v1/chapters/namur', '/api/v1/venues/le-hub'], async () => {
      problem(
        await t.api('POST', '/api/v1/chapters', { body: { name: 'Gent', city: 'Gent' } }),
        401,
        'unauthenticated',
      );
      problem(await t.api('PATCH', '/api/v1/chapters/namur', { body: { description: 'x' } }), 401, 'unauthenticated');
      problem(
        await t.api('POST', '/api/v1/chapters', { token: member, body: { name: 'Gent', city: 'Gent' } }),
        403,
        'forbidden',
      );
      problem(
        await t.api('PATCH', '/api/v1/chapters/namur', { token: member, body: { description: 'x' } }),
        403,
        'forbidden',
      );
      problem(await t.api('DELETE', '/api/v1/chapters/namur', { token: member }), 403, 'forbidden');
      problem(await t.api('PATCH', '/api/v1/venues/le-hub', { token: member, body: { rooms: [] } }), 403, 'forbidden');
    });
  });
});

describe('/healthz and /readyz', () => {
  it('answers 200 while the database answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });

  it('/readyz answers a 503 problem when the database stops answering; /healthz (the process) stays 200', async () => {
    // A second app on a database of its own; then the database goes away under it.
    const database = await createTestDatabase();
    await ensureDefaultNetwork(database.db, 'Doomed network');
    const app = await buildApp(t.config, database);
    try {
      await app.ready();
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

      const name = new URL(database.url).pathname.slice(1);
      const adminDb = new pg.Client({ connectionString: inject('adminUrl') });
      await adminDb.connect();
      await adminDb.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await adminDb.end();

      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      const body = problem(res as Res, 503, 'unavailable');
      expect(body.detail).toMatch(/database/i);
      // Any other request says the same, not a bare 500.
      const api = problem((await app.inject({ method: 'GET', url: '/api/v1/chapters' })) as Res, 503, 'unavailable');
      expect(api.detail).toBe('The database does not answer. Try again in a moment.');
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document with the zod-derived schemas', async () => {
    const res = await t.api('GET', '/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/chapters',
        '/api/v1/chapters/{slug}',
        '/api/v1/venues',
        '/api/v1/partnerships/{id}',
      ]),
    );
    expect(doc.paths).not.toHaveProperty('/healthz');
    expect(doc.paths).not.toHaveProperty('/readyz');

    const create = doc.paths['/api/v1/chapters'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.properties.name).toMatchObject({ type: 'string', minLength: 1, maxLength: 120 });
    expect(schema.properties.status.enum).toEqual(['planned', 'active', 'paused']);
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'city']));
    expect(schema.additionalProperties).toBe(false);
    expect(create.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(create.responses)).toContain('201');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('serves the API docs page as HTML', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toMatch(/swagger/i);
  });
});
