import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { startSmtp, type TestSmtp } from '../../test/support/smtp.js';
import { daysFromNow } from '../../test/support/factories.js';
import { FormSession } from '../../test/support/forms.js';
import { createTransport, deliverDue } from '../mail/worker.js';

// An organiser made by an admin has no member profile, so no chosen language: the language they
// sign in with becomes their account's, and the mails to them speak it.
let t: TestApp;
let smtp: TestSmtp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtp();
  admin = (await t.user('admin')).token;
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});

const accountLocale = async (email: string) =>
  (await t.database.pool.query('SELECT locale FROM users WHERE email = $1', [email])).rows[0]?.locale as string | null;

it('keeps the language an account signs in with, and writes its mails in it', async () => {
  const organiser = await t.user('member');
  expect(await accountLocale(organiser.user.email)).toBeNull();
  await t.api('POST', '/api/v1/chapters', { token: admin, body: { name: 'Gent', city: 'Gent', status: 'active' } });
  await t.api('POST', '/api/v1/chapters/gent/organizers', { token: admin, body: { email: organiser.user.email } });

  // Signs in from the Dutch page.
  const browser = new FormSession(t.app, { 'accept-language': 'nl' });
  const res = await browser.submit('/login', '/login', {
    email: organiser.user.email,
    password: organiser.password,
  });
  expect(res.statusCode).toBe(303);
  expect(await accountLocale(organiser.user.email)).toBe('nl');

  const event = await t.api('POST', '/api/v1/chapters/gent/events', {
    token: admin,
    body: {
      title: 'Meetup Gent',
      startsAt: daysFromNow(20),
      endsAt: daysFromNow(20.1),
      capacity: 10,
      onlineUrl: 'https://meet.example.org/gent',
    },
  });
  await t.api('POST', `/api/v1/events/${event.json().id}/registrations`, {
    body: { name: 'Lotte', email: 'lotte@example.org' },
  });
  const config = { ...t.config, smtpUrl: smtp.url, mailFrom: 'Test <noreply@example.org>' };
  await deliverDue(t.database.db, config, createTransport(config), new Date(Date.now() + 61_000));
  const mail = (await smtp.waitFor(2)).find((m) => JSON.stringify(m.to).includes(organiser.user.email));
  expect(mail?.subject).toMatch(/nieuwe inschrijving/);

  // Signing in again from the French page changes it: the last language used is the account's.
  const french = new FormSession(t.app, { 'accept-language': 'fr' });
  await french.submit('/login', '/login', { email: organiser.user.email, password: organiser.password });
  expect(await accountLocale(organiser.user.email)).toBe('fr');
});
