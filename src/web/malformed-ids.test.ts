import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn } from '../../test/support/forms.js';

// Every page route with an id in its path, as the app registers it (so a new page is covered
// the day it is added): a malformed id is a page that does not exist — 404, never a 500.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/**
 * [method, path] of every registered route, from Fastify's own route table. printRoutes draws a
 * radix tree: a node's label continues its parent's (`api/v1/me` then `mbers`), four columns a level.
 */
function registeredRoutes(): [string, string][] {
  const labels: string[] = [];
  const routes: [string, string][] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    labels.length = depth;
    labels.push(m[2]!);
    for (const method of m[3]?.split(', ') ?? []) routes.push([method, labels.join('')]);
  }
  return routes;
}

const isIdParam = (name: string) => name === 'id' || /Id$/.test(name);
const MALFORMED = ['------------------------------------', 'not-an-id', '12345678-1234-1234-1234-12345678901z'];

describe('page routes with an id', () => {
  it('answer 404, not 500, to a malformed id, even to an admin', async () => {
    const pages = registeredRoutes().filter(
      ([method, path]) =>
        method === 'GET' &&
        !path.startsWith('/api/') &&
        path.split('/').some((s) => s.startsWith(':') && isIdParam(s.slice(1))),
    );
    // The walk must see the pages this rule is about, or it proves nothing.
    expect(pages.map(([, p]) => p)).toEqual(
      expect.arrayContaining([
        '/events/:id',
        '/admin/events/:id',
        '/admin/events/:id/registrations',
        '/admin/events/:id/door',
      ]),
    );
    const a = await t.user('admin');
    const admin = await signIn(t.app, { email: a.user.email, password: a.password }, { 'accept-language': 'en' });
    for (const [, path] of pages) {
      for (const bad of MALFORMED) {
        const url = path
          .split('/')
          .map((s) => (s.startsWith(':') ? (isIdParam(s.slice(1)) ? bad : 'x') : s))
          .join('/');
        const res = await admin.get(url);
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(404);
      }
    }
  });
});
