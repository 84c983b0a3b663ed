import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession } from '../../test/support/forms.js';
import { makeChapter } from '../../test/support/factories.js';

/** Where people land after signing in, and who is offered Administration in the menu. */
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
});
afterAll(() => t.close());

const signInFromLoginPage = async (who: { user: { email: string }; password: string }) => {
  const b = new FormSession(t.app);
  // As from the menu's "Sign in" (no `next`): the landing is decided by who signs in.
  const res = await b.submit('/login', '/login', { email: who.user.email, password: who.password });
  expect(res.statusCode).toBe(303);
  const landing = await b.get(String(res.headers.location));
  return { b, landing: landing.statusCode === 303 ? String(landing.headers.location) : String(res.headers.location) };
};

describe('after sign-in', () => {
  it('a member lands on /me and is not offered Administration', async () => {
    const member = await t.user('member');
    const { b, landing } = await signInFromLoginPage(member);
    expect(landing).toBe('/me');
    const me = await b.get('/me');
    expect(me.statusCode).toBe(200);
    expect(me.body).toContain('href="/me"');
    expect(me.body).not.toContain('href="/admin"');
  });

  it('an organiser and an admin land on Administration and see it in the menu', async () => {
    const organiser = await t.user('member');
    const chapter = await makeChapter(t, admin.token);
    const added = await t.api('POST', `/api/v1/chapters/${chapter.slug}/organizers`, {
      token: admin.token,
      body: { email: organiser.user.email },
    });
    expect(added.statusCode, added.body).toBeLessThan(300);
    for (const who of [organiser, admin]) {
      const { b, landing } = await signInFromLoginPage(who);
      expect(landing).toBe('/admin');
      const page = await b.get('/admin');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<a href="/admin">');
    }
  });
});
