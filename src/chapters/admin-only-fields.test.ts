import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn } from '../../test/support/forms.js';

// The same answer through the API and the form: a field only admins may change is refused with
// 403 by both, and the form says so instead of dropping the field and reporting success.

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
});
afterAll(() => t.close());

const said = (html: string) => html.replace(/&#39;|&#x27;/g, "'");

describe('fields only admins may change', () => {
  it("refuses an organiser's change of a chapter's URL name or status, through the API and the form", async () => {
    expect(
      (await t.api('POST', '/api/v1/chapters', { token: admin, body: { name: 'Namur', city: 'Namur' } })).statusCode,
    ).toBe(201);
    const organiser = await t.user('member');
    const appointed = await t.api('POST', '/api/v1/chapters/namur/organizers', {
      token: admin,
      body: { email: organiser.user.email },
    });
    expect(appointed.statusCode, appointed.body).toBeLessThan(300);

    const api = await t.api('PATCH', '/api/v1/chapters/namur', { token: organiser.token, body: { slug: 'namur-2' } });
    expect(api.statusCode).toBe(403);
    const detail = api.json().detail as string;
    expect(detail).toContain('admins only');

    const browser = await signIn(t.app, { email: organiser.user.email, password: organiser.password });
    for (const field of [{ slug: 'namur-2' }, { status: 'paused' }] as Record<string, string>[]) {
      const form = await browser.submit('/admin/chapters/namur', '/admin/chapters/namur', { name: 'Namur', ...field });
      expect(form.statusCode).toBe(403);
      expect(said(form.body)).toContain(detail);
    }
    const chapter = await t.api('GET', '/api/v1/chapters/namur');
    expect(chapter.statusCode).toBe(200);
    expect(chapter.json()).toMatchObject({ slug: 'namur', name: 'Namur' });
    expect(chapter.json().status).not.toBe('paused');
  });

  it("refuses a manager's change of a venue's URL name, through the API and the form", async () => {
    const created = await t.api('POST', '/api/v1/venues', { token: admin, body: { name: 'Le Phare', city: 'Namur' } });
    expect(created.statusCode, created.body).toBe(201);
    const manager = await t.user('member');
    const appointed = await t.api('POST', '/api/v1/venues/le-phare/managers', {
      token: admin,
      body: { email: manager.user.email },
    });
    expect(appointed.statusCode, appointed.body).toBe(201);

    const api = await t.api('PATCH', '/api/v1/venues/le-phare', { token: manager.token, body: { slug: 'phare' } });
    expect(api.statusCode).toBe(403);
    const detail = api.json().detail as string;

    const browser = await signIn(t.app, { email: manager.user.email, password: manager.password });
    const form = await browser.submit('/admin/venues/le-phare', '/admin/venues/le-phare', {
      name: 'Le Phare',
      slug: 'phare',
    });
    expect(form.statusCode).toBe(403);
    expect(said(form.body)).toContain(detail);
    expect((await t.api('GET', '/api/v1/venues/le-phare')).statusCode).toBe(200);
    expect((await t.api('GET', '/api/v1/venues/phare')).statusCode).toBe(404);

    // The manager's own changes still go through the form.
    const saved = await browser.submit('/admin/venues/le-phare', '/admin/venues/le-phare', {
      name: 'Le Phare',
      city: 'Namur',
      description: 'Au bord de la Meuse',
    });
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);
  });
});
