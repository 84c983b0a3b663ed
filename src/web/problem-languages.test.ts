import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { translator } from './i18n.js';

// Fastify's own refusals (a bad JSON body, a body too large, a wrong content type, an unknown route)
// and the schemas' refinements are answered in the reader's language, with the key and its
// parameters in the problem body: never Fastify's or Zod's English.

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
});
afterAll(() => t.close());

const post = (url: string, lang: string, payload: string, type = 'application/json') =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${admin}`, 'content-type': type, 'accept-language': lang },
    payload,
  });

describe('Fastify’s own refusals, in the reader’s language', () => {
  it('a body that is not JSON, without the parser’s English', async () => {
    const fr = (await post('/api/v1/chapters', 'fr', '{"name": }')).json();
    expect(fr.status).toBe(400);
    expect(fr.code).toBe('error.badJson');
    expect(fr.detail).toBe('Le corps n’est pas du JSON valide.');
    const nl = (await post('/api/v1/chapters', 'nl', '{"name": }')).json();
    expect(nl.detail).toBe('De body is geen geldige JSON.');
  });

  it('an empty JSON body', async () => {
    const res = await post('/api/v1/chapters', 'nl', '');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'error.emptyJson', detail: 'De body is leeg: stuur een JSON-object.' });
  });

  it('a body too large and a content type not accepted', async () => {
    const big = await post('/api/v1/chapters', 'fr', JSON.stringify({ name: 'x'.repeat(300 * 1024), city: 'x' }));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({
      title: 'Requête trop volumineuse',
      detail: 'Le corps de la requête dépasse ce que ce point d’accès accepte.',
    });
    const text = await post('/api/v1/chapters', 'nl', 'name=Gent', 'text/plain');
    expect(text.statusCode).toBe(415);
    expect(text.json().detail).toBe('Content-Type text/plain wordt hier niet aanvaard: stuur application/json.');
  });

  it('an unknown API route and an unknown page', async () => {
    const api = await t.app.inject({ url: '/api/v1/nowhere', headers: { 'accept-language': 'fr' } });
    expect(api.statusCode).toBe(404);
    expect(api.json().detail).toBe(translator('fr')('error.nothingHere', { method: 'GET', path: '/api/v1/nowhere' }));
    const page = await t.app.inject({ url: '/nowhere?lang=nl' });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('<html lang="nl"');
    expect(page.body).toContain('Deze pagina bestaat niet.');
    expect(page.body).not.toContain(translator('en')('error.nothingHere', { method: 'GET', path: '/nowhere' }));
  });
});

describe('schema checks in the reader’s language', () => {
  it('a refinement says it with a catalogue message (a scheduled article without a date)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/articles',
      headers: { authorization: `Bearer ${admin}`, 'accept-language': 'nl' },
      payload: { title: 'Later', status: 'scheduled' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'publishAt', code: 'news.validation.publishAtNeeded', message: 'is verplicht voor een gepland artikel' },
    ]);
  });

  it('a missing value with a message of its own is "required", not "must be text"', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/chapters/nowhere/events',
      headers: { authorization: `Bearer ${admin}`, 'accept-language': 'fr' },
      payload: { title: 'Sans dates', capacity: 5, onlineUrl: 'https://meet.example.org/x' },
    });
    expect(res.statusCode).toBe(400);
    const startsAt = (res.json().errors as { field: string; code: string; message: string }[]).find(
      (e) => e.field === 'startsAt',
    );
    expect(startsAt).toEqual({ field: 'startsAt', code: 'validation.required', message: 'est obligatoire' });
  });
});
