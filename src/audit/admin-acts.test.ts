import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn } from '../../test/support/forms.js';

/** Every administrative act on chapters, venues and rights lands in the audit log, with who and what. */
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
});
afterAll(() => t.close());

const log = async () =>
  (
    await t.database.pool.query(
      `SELECT action, subject, actor_email, details FROM audit_log WHERE network_id = $1 ORDER BY created_at, id`,
      [t.network.id],
    )
  ).rows;
const call = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
  const res = await t.api(method, url, { token: admin.token, ...(body ? { body } : {}) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.statusCode === 204 ? undefined : res.json();
};

it('records chapters and venues created, changed and deleted, and rights granted and removed', async () => {
  const helper = await t.user('member');
  await call('POST', '/api/v1/chapters', { name: 'Tournai', city: 'Tournai', status: 'planned' });
  await call('PATCH', '/api/v1/chapters/tournai', { status: 'active', city: 'Tournai' });
  await call('POST', '/api/v1/chapters/tournai/organizers', { email: helper.user.email });
  // Appointing the same person again changes nothing, and records nothing.
  await call('POST', '/api/v1/chapters/tournai/organizers', { email: helper.user.email });
  await call('DELETE', `/api/v1/chapters/tournai/organizers/${helper.user.id}`);
  await call('POST', '/api/v1/venues', { name: 'La Halle', city: 'Tournai', rooms: [{ name: 'Nef', capacity: 80 }] });
  await call('PATCH', '/api/v1/venues/la-halle', { city: 'Doornik' });
  await call('POST', '/api/v1/venues/la-halle/managers', { email: helper.user.email });
  await call('DELETE', `/api/v1/venues/la-halle/managers/${helper.user.id}`);
  await call('DELETE', '/api/v1/chapters/tournai');

  const entries = await log();
  expect(entries.map((e) => [e.action, e.subject])).toEqual([
    ['chapter.create', 'Tournai'],
    ['chapter.update', 'Tournai'],
    ['chapter.organizer_add', 'Tournai'],
    ['chapter.organizer_remove', 'Tournai'],
    ['venue.create', 'La Halle'],
    ['venue.update', 'La Halle'],
    ['venue.manager_add', 'La Halle'],
    ['venue.manager_remove', 'La Halle'],
    ['chapter.delete', 'Tournai'],
  ]);
  expect(new Set(entries.map((e) => e.actor_email))).toEqual(new Set([admin.user.email]));
  expect(entries[1]!.details).toEqual({ slug: 'tournai', changes: { status: { from: 'planned', to: 'active' } } });
  expect(entries[2]!.details).toMatchObject({ userId: helper.user.id });
  expect(entries[5]!.details).toEqual({ slug: 'la-halle', changed: ['city'] });

  // A refused act records nothing.
  const refused = await t.api('POST', '/api/v1/venues/la-halle/managers', {
    token: admin.token,
    body: { email: 'nobody@example.org' },
  });
  expect(refused.statusCode).toBe(404);
  expect(await log()).toHaveLength(entries.length);

  // The log reads in the admin's language.
  const b = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
  const page = await b.get('/admin/audit');
  for (const label of ['Antenne créée', 'Organisateur retiré', 'Gestionnaire de lieu nommé', 'Antenne supprimée'])
    expect(page.body).toContain(label);
});

it('records an act done through the pages too', async () => {
  const before = (await log()).length;
  const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
  const res = await b.submit('/admin/chapters/new', '/admin/chapters', { name: 'Ath', city: 'Ath', status: 'active' });
  expect(res.statusCode).toBe(303);
  const entries = await log();
  expect(entries).toHaveLength(before + 1);
  expect(entries.at(-1)).toMatchObject({ action: 'chapter.create', subject: 'Ath', actor_email: admin.user.email });
});
