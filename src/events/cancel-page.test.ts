import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeEvent, register } from '../../test/support/factories.js';
import { signIn, type FormSession } from '../../test/support/forms.js';

/** Cancelling an event: a page says who will be told before anything happens, and the act is audited. */
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let chapter: string;
let b: FormSession;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  chapter = (await makeChapter(t, admin.token)).slug;
  b = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
});
afterAll(() => t.close());

const q = async (sql: string, params: unknown[] = []) => (await t.database.pool.query(sql, params)).rows;
const statuses = async (eventId: string) =>
  (await q(`SELECT status FROM registrations WHERE event_id = $1 ORDER BY created_at`, [eventId])).map((r) => r.status);

it('says how many people will be told, asks for the reason, then cancels, tells them and records who did it', async () => {
  const event = await makeEvent(t, admin.token, chapter, { capacity: 2 });
  for (const name of ['Anna', 'Bert', 'Carl']) await register(t, event.id, { name });
  expect(await statuses(event.id)).toEqual(['confirmed', 'confirmed', 'waitlisted']);

  // The edit page no longer cancels in one click: it links to the confirmation.
  const edit = await b.get(`/admin/events/${event.id}`);
  expect(edit.body).toContain(`href="/admin/events/${event.id}/cancel"`);
  expect(edit.body).not.toContain(`action="/admin/events/${event.id}/cancel"`);

  const page = `/admin/events/${event.id}/cancel`;
  const confirm = await b.get(page);
  expect(confirm.statusCode).toBe(200);
  expect(confirm.body).toContain(`Annuler ${event.title} ?`);
  expect(confirm.body).toContain(
    '2 personnes inscrites et 1 personne en liste d’attente : chacune recevra un e-mail avec votre raison.',
  );
  expect(confirm.body).toContain('Annuler l’événement et prévenir 3 personnes');
  expect(confirm.body).toContain(`href="/admin/events/${event.id}/registrations"`);
  // Opening the page changed nothing.
  expect(await statuses(event.id)).toEqual(['confirmed', 'confirmed', 'waitlisted']);

  const noReason = await b.submit(page, page, { reason: ' ' });
  expect(noReason.statusCode).toBe(400);
  expect(noReason.body).toContain('href="#f-reason"');
  expect(await statuses(event.id)).toEqual(['confirmed', 'confirmed', 'waitlisted']);

  const done = await b.submit(page, page, { reason: 'Salle inondée' });
  expect(done.statusCode).toBe(303);
  expect(done.headers.location).toBe(`/admin/events/${event.id}?done=saved`);
  expect(await statuses(event.id)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  const mails = await q(`SELECT to_name FROM outbound_messages WHERE kind = 'event.cancelled' ORDER BY to_name`);
  expect(mails.map((m) => m.to_name)).toEqual(['Anna', 'Bert', 'Carl']);
  const [entry] = await q(`SELECT actor_email, subject, details FROM audit_log WHERE action = 'event.cancel'`);
  expect(entry).toMatchObject({
    actor_email: admin.user.email,
    subject: event.title,
    details: { eventId: event.id, reason: 'Salle inondée', told: 3 },
  });
  const log = await b.get('/admin/audit');
  expect(log.body).toContain('Événement annulé');

  // A cancelled event has no confirmation page any more, and the API says it in the reader's language.
  const again = await b.get(page);
  expect(again.statusCode).toBe(303);
  const api = await t.api('POST', `/api/v1/events/${event.id}/cancel`, {
    token: admin.token,
    headers: { 'accept-language': 'nl' },
    body: { reason: 'Twice' },
  });
  expect(api.statusCode).toBe(409);
  expect(api.json()).toMatchObject({
    code: 'event.problem.alreadyCancelled',
    detail: 'Dit evenement was al geannuleerd (Salle inondée).',
  });
});

it('tells an organiser when nobody is registered, and refuses a member who does not run the chapter', async () => {
  const event = await makeEvent(t, admin.token, chapter);
  const empty = await b.get(`/admin/events/${event.id}/cancel`);
  expect(empty.body).toContain('Personne n’est inscrit et personne en liste d’attente : personne ne sera prévenu.');
  const someone = await t.user('member');
  const m = await signIn(t.app, { email: someone.user.email, password: someone.password });
  expect((await m.get(`/admin/events/${event.id}/cancel`)).statusCode).toBe(403);
  // With a valid token of their own session, the POST is refused all the same.
  const forged = await m.submit('/me', `/admin/events/${event.id}/cancel`, { reason: 'Mine now' });
  expect(forged.statusCode).toBe(403);
  expect((await q(`SELECT status FROM events WHERE id = $1`, [event.id]))[0].status).toBe('published');
});
