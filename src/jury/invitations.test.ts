import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, FormSession } from '../../test/support/forms.js';
import { startSmtp } from '../../test/support/smtp.js';
import { makeCall } from '../calls/test-fixtures.js';
import { outboundMessages } from '../mail/tables.js';
import { createTransport, deliverDue } from '../mail/worker.js';
import { callJurors } from './tables.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let call: { id: string; slug: string };

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  call = (await t.api('POST', '/api/v1/calls', { token: admin.token, body: makeCall({ slug: 'invites' }) })).json();
});
afterAll(() => t.close());

const invite = async (email: string, extra: Record<string, unknown> = {}, lang = 'fr') => {
  const res = await t.api('POST', `/api/v1/calls/${call.id}/jurors`, {
    token: admin.token,
    headers: { 'accept-language': lang },
    body: { email, name: `Juror ${email.split('@')[0]}`, ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; invitation: string; locale: string };
};
const mailsTo = (email: string) =>
  t.database.db.select().from(outboundMessages).where(eq(outboundMessages.toEmail, email));
const linkIn = (text: string | null) => /\/jury\/invite\/[A-Za-z0-9_-]+/.exec(text ?? '')![0];
const sessionCookie = (b: FormSession) => [...b.cookies.keys()].some((k) => /session/i.test(k));

it('writes to each juror in their language: their profile’s, else the one chosen, else the organiser’s page; over real SMTP', async () => {
  // A member whose profile says English, invited by an organiser reading French.
  const member = await t.user('member', 'mara@example.net');
  const patched = await t.api('PATCH', '/api/v1/me/profile', { token: member.token, body: { locale: 'en' } });
  expect(patched.statusCode, patched.body).toBe(200);
  expect((await invite('mara@example.net', { locale: 'nl' }, 'fr')).locale).toBe('en');
  // No account: the language the organiser chose for them, else the organiser's own.
  expect((await invite('noor@example.net', { locale: 'nl' }, 'fr')).locale).toBe('nl');
  expect((await invite('odile@example.net', {}, 'fr')).locale).toBe('fr');

  const smtp = await startSmtp();
  const config = { ...t.config, smtpUrl: smtp.url, mailFrom: 'Test <noreply@example.org>' };
  try {
    await deliverDue(t.database.db, config, createTransport(config)!);
    const got = (to: string) => smtp.received.find((m) => JSON.stringify(m.to).includes(to))!;
    const mara = got('mara@example.net');
    expect(mara.subject).toBe('Coworking call: you are invited to the jury');
    expect(mara.text).toContain('The link works once, until');
    const noor = got('noor@example.net');
    expect(noor.subject).toBe('Coworking call (nl): je bent uitgenodigd in de jury');
    expect(noor.text).toContain('De link werkt één keer, tot');
    const odile = got('odile@example.net');
    expect(odile.subject).toBe('Coworking call (fr) : vous êtes invité·e au jury');
    expect(odile.text).toContain('Le lien fonctionne une seule fois, jusqu’au');
    // The invitation page follows the page's language, whatever the mail's.
    const page = await new FormSession(t.app, { 'accept-language': 'nl' }).get(linkIn(noor.text ?? ''));
    expect(page.body).toContain('Uitnodiging aanvaarden en aanmelden');
  } finally {
    await smtp.close();
  }
});

it('GET only shows a button: it signs nobody in and leaves the link usable; the POST signs in once', async () => {
  await invite('ines@example.net');
  const link = linkIn((await mailsTo('ines@example.net'))[0]!.textBody);
  const b = new FormSession(t.app);
  const shown = await b.get(link);
  expect(shown.statusCode).toBe(200);
  expect(shown.body).toContain('Accept the invitation and sign in');
  expect(shown.body).toContain('action="/jury/invite/');
  expect(shown.headers['set-cookie'] ?? '').not.toMatch(/session/i);
  expect(sessionCookie(b)).toBe(false);
  // Still signed out: the jury page sends the visitor away.
  expect((await b.get(`/jury/${call.slug}`)).statusCode).not.toBe(200);
  // Opening the link again (a mail scanner, a preview) did not use it up.
  expect((await b.get(link)).statusCode).toBe(200);
  const [before] = await t.database.db.select().from(callJurors).where(eq(callJurors.email, 'ines@example.net'));
  expect(before!.inviteUsedAt).toBeNull();

  const accepted = await b.submit(link, link, {});
  expect(accepted.statusCode, accepted.body).toBe(303);
  expect(accepted.headers.location).toBe(`/jury/${call.slug}`);
  expect(sessionCookie(b)).toBe(true);
  expect((await b.get(`/jury/${call.slug}`)).statusCode).toBe(200);
  const audit = (await t.api('GET', '/api/v1/audit-log', { token: admin.token })).json();
  expect(audit.items.map((e: { action: string }) => e.action)).toContain('call.juror_joined');
});

it('refuses a link used once already, and a POST without the CSRF token, signing nobody in', async () => {
  await invite('jan@example.net');
  const link = linkIn((await mailsTo('jan@example.net'))[0]!.textBody);
  const forged = new FormSession(t.app);
  expect((await forged.request('POST', link, {})).statusCode).toBe(403);
  expect(sessionCookie(forged)).toBe(false);

  const first = new FormSession(t.app);
  expect((await first.submit(link, link, {})).statusCode).toBe(303);
  const second = new FormSession(t.app);
  const page = await second.get(link);
  expect(page.statusCode).toBe(410);
  expect(page.body).toContain('already used');
  expect(page.body).not.toContain('Accept the invitation and sign in');
  // A stale form from before the first use: the POST is refused too.
  const again = await second.request('POST', link, { _csrf: csrfOf((await second.get('/login')).body) });
  expect(again.statusCode).toBe(410);
  expect(again.body).toContain('already used');
  expect(sessionCookie(second)).toBe(false);
  const jurors = (await t.api('GET', `/api/v1/calls/${call.id}/jurors`, { token: admin.token })).json();
  expect(jurors.items.find((j: { email: string }) => j.email === 'jan@example.net').invitation).toBe('accepted');
});

it('lets two clicks at once sign in only one browser', async () => {
  await invite('kai@example.net');
  const link = linkIn((await mailsTo('kai@example.net'))[0]!.textBody);
  const a = new FormSession(t.app);
  const b = new FormSession(t.app);
  const csrfA = /name="_csrf" value="([^"]+)"/.exec((await a.get(link)).body)![1]!;
  const csrfB = /name="_csrf" value="([^"]+)"/.exec((await b.get(link)).body)![1]!;
  const answers = await Promise.all([
    a.request('POST', link, { _csrf: csrfA }),
    b.request('POST', link, { _csrf: csrfB }),
  ]);
  expect(answers.map((r) => r.statusCode).sort()).toEqual([303, 410]);
  expect([a, b].filter(sessionCookie)).toHaveLength(1);
});

it('refuses an expired link, and a new link sent by the organisers works while the old one is dead', async () => {
  const juror = await invite('lea@example.net');
  expect(juror.invitation).toBe('pending');
  const old = linkIn((await mailsTo('lea@example.net'))[0]!.textBody);
  await t.database.db
    .update(callJurors)
    .set({ inviteExpiresAt: new Date(Date.now() - 60_000) })
    .where(eq(callJurors.id, juror.id));
  const b = new FormSession(t.app);
  const page = await b.get(old);
  expect(page.statusCode).toBe(410);
  expect(page.body).toContain('expired');
  const post = await b.request('POST', old, { _csrf: csrfOf((await b.get('/login')).body) });
  expect(post.statusCode).toBe(410);
  expect(sessionCookie(b)).toBe(false);
  const listed = (await t.api('GET', `/api/v1/calls/${call.id}/jurors`, { token: admin.token })).json();
  expect(listed.items.find((j: { id: string }) => j.id === juror.id).invitation).toBe('expired');

  // Only call managers send a new link.
  const member = await t.user('member');
  const url = `/api/v1/calls/${call.id}/jurors/${juror.id}/invitation`;
  expect((await t.api('POST', url, { token: member.token })).statusCode).toBe(403);
  const resent = await t.api('POST', url, { token: admin.token });
  expect(resent.statusCode, resent.body).toBe(200);
  expect(resent.json().invitation).toBe('pending');
  expect(new Date(resent.json().invitationExpiresAt).getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
  const mails = await mailsTo('lea@example.net');
  expect(mails).toHaveLength(2);
  const fresh = linkIn(mails[1]!.textBody);
  expect(fresh).not.toBe(old);
  expect((await new FormSession(t.app).get(old)).statusCode).toBe(404);
  const c = new FormSession(t.app);
  expect((await c.submit(fresh, fresh, {})).statusCode).toBe(303);
  expect(sessionCookie(c)).toBe(true);
  expect(
    (await t.api('POST', `/api/v1/calls/${call.id}/jurors/${crypto.randomUUID()}/invitation`, { token: admin.token }))
      .statusCode,
  ).toBe(404);
});

it('an unknown link is a 404 page, a bad second invitation a 409 in the reader’s language', async () => {
  expect((await new FormSession(t.app).get('/jury/invite/not-a-real-token-at-all')).statusCode).toBe(404);
  const twice = await t.api('POST', `/api/v1/calls/${call.id}/jurors`, {
    token: admin.token,
    headers: { 'accept-language': 'nl' },
    body: { email: 'ines@example.net', name: 'Ines' },
  });
  expect(twice.statusCode).toBe(409);
  expect(twice.json().detail).toBe('ines@example.net zit al in de jury van deze fase.');
});

it('tells jurors about a new version of the call in their own language', async () => {
  const frozen = await t.api('PATCH', `/api/v1/calls/${call.id}`, {
    token: admin.token,
    body: { closesAt: new Date(Date.now() + 9 * 86_400_000).toISOString(), newVersion: { reason: 'Two more days' } },
  });
  expect(frozen.statusCode, frozen.body).toBe(200);
  const version = async (to: string) => (await mailsTo(to)).find((m) => m.kind === 'call.version')!;
  expect((await version('noor@example.net')).locale).toBe('nl');
  expect((await version('mara@example.net')).locale).toBe('en');
  expect((await version('odile@example.net')).locale).toBe('fr');
});
