import { connect } from 'node:net';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, undocumentedStatuses, type TestApp } from '../../test/support/app.js';

let t: TestApp;
let admin: string;
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string }> }>>;
  components: {
    schemas: Record<string, unknown>;
    responses: Record<string, { content: Record<string, { example?: unknown }> }>;
  };
};
let doc: Doc;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  doc = (await t.app.inject('/api/v1/openapi.json')).json();
});
afterAll(() => t.close());

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const res = await validator.validate(structuredClone(doc) as never);
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('lists the API only, no HTML page', () => {
    const paths = Object.keys(doc.paths);
    expect(paths.length).toBeGreaterThan(40);
    expect(paths.filter((p) => !p.startsWith('/api/'))).toEqual([]);
  });

  it('documents problem+json once and references it, with examples, from every operation', () => {
    expect(doc.components.schemas.Problem).toMatchObject({ required: ['type', 'title', 'status', 'detail'] });
    for (const status of ['400', '401', '403', '404', '409', '413', '415', '429']) {
      const content = doc.components.responses[`Problem${status}`]!.content['application/problem+json']!;
      expect(content.example).toMatchObject({ status: Number(status) });
    }
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(ops.length).toBeGreaterThan(60);
    for (const { path, method, op } of ops) {
      const problems = Object.entries(op.responses).filter(([status]) => /^4/.test(status));
      expect(problems.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const [status, r] of problems)
        expect(r.$ref, `${method} ${path} ${status}`).toBe(`#/components/responses/Problem${status}`);
    }
    // A write with a body and an id in its path can say all of these.
    expect(Object.keys(doc.paths['/api/v1/events/{id}']!.patch!.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '413', '415', '429']),
    );
  });
});

describe('the check run when every test file closes its app', () => {
  it('flags an answered status the document does not list for that operation, and only that', async () => {
    const seen = new Set(['get /api/v1/chapters 200', 'get /api/v1/chapters 418', 'post /api/v1/chapters 409']);
    expect(await undocumentedStatuses(t.app, seen)).toEqual(['get /api/v1/chapters 418']);
  });
});

describe('HTTP answers before any route', () => {
  it('answers 405 with Allow for a wrong method on a known path', async () => {
    const res = await t.api('PUT', '/api/v1/chapters', { token: admin, body: {} });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 405, title: 'Method not allowed' });
    const withId = await t.api('POST', '/api/v1/events/00000000-0000-4000-8000-000000000000');
    expect(withId.statusCode).toBe(405);
    expect(withId.headers.allow).toContain('PATCH');
    // An unknown path stays 404.
    expect((await t.api('PUT', '/api/v1/nothing-here')).statusCode).toBe(404);
  });

  it('answers 414 for an over-long path parameter as problem+json', async () => {
    const res = await t.api('GET', `/api/v1/events/${'x'.repeat(400)}`);
    expect(res.statusCode).toBe(414);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 414, title: 'URI too long' });
  });

  it('answers 431 for oversized headers as problem+json', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(`GET /api/v1/chapters HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`),
      );
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', (e) => (data ? resolve(data) : reject(e)));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(raw).toMatch(/Content-Type: application\/problem\+json/i);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431 });
  });
});

describe('caching and framing', () => {
  it('sends no-store with personal data or a secret, and not on public lists', async () => {
    await t.api('POST', '/api/v1/chapters', { token: admin, body: { name: 'Mons', city: 'Mons', status: 'active' } });
    const event = (
      await t.api('POST', '/api/v1/chapters/mons/events', {
        token: admin,
        body: {
          title: 'Cache',
          startsAt: '2030-01-01T18:00:00Z',
          endsAt: '2030-01-01T20:00:00Z',
          onlineUrl: 'https://meet.example.org/c',
          capacity: 5,
        },
      })
    ).json();
    const reg = await t.api('POST', `/api/v1/events/${event.id}/registrations`, {
      body: { name: 'Cato', email: 'cato@example.org' },
    });
    expect(reg.headers['cache-control']).toBe('private, no-store');
    const secret = new URL(reg.json().manageUrl).pathname.split('/').pop();
    const bySecret = await t.api('GET', `/api/v1/registrations/${reg.json().id}?secret=${secret}`);
    expect(bySecret.statusCode).toBe(200);
    expect(bySecret.headers['cache-control']).toBe('private, no-store');
    const member = await t.user('member');
    const exported = await t.api('GET', '/api/v1/me/export', { token: member.token });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['cache-control']).toBe('private, no-store');
    const list = await t.api('GET', '/api/v1/chapters');
    expect(String(list.headers['cache-control'] ?? '')).not.toContain('no-store');
  });

  it('X-Frame-Options agrees with frame-ancestors none', async () => {
    const page = await t.app.inject('/');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });
});
