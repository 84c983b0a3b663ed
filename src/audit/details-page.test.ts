import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, signIn } from '../../test/support/forms.js';
import { setPasswordFromConsole } from '../accounts/password-change.js';
import { makeCall } from '../calls/test-fixtures.js';
import { makeEvent } from '../../test/support/factories.js';

// /admin/audit after real acts — a redirect changed, a password set from the command line, a call
// opened on a date, a juror's recusal recorded — read in French and Dutch: labels, days, words, names.

let t: TestApp;
let browse: Awaited<ReturnType<typeof signIn>>;
let jurorId: string;
let organiserName: string;
/** The details column of the page, as text (entities and tags left out). */
const details = (html: string) =>
  [...html.matchAll(/<td class="muted">([^<]*)<\/td>/g)].map((m) =>
    m[1]!.replaceAll('&amp;', '&').replaceAll('&#39;', '’').replaceAll('&quot;', '"'),
  );
const cells = (html: string) => [...html.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]!);

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.user('admin');
  const member = await t.user('member');
  browse = await signIn(t.app, { email: admin.user.email, password: admin.password });
  const as = (method: 'POST' | 'PATCH', url: string, body: unknown) => t.api(method, url, { token: admin.token, body });

  const redirect = (await as('POST', '/api/v1/redirects', { from: '/news', to: '/events' })).json();
  expect((await as('PATCH', `/api/v1/redirects/${redirect.id}`, { to: '/agenda' })).statusCode).toBe(200);
  await setPasswordFromConsole(t.database.db, t.network, member.user, 'a much longer new password', 'http://x.test');

  await as('POST', '/api/v1/chapters', { name: 'Charleroi', city: 'Charleroi', status: 'active' });
  const organiser = await t.user('member', 'orga@example.org');
  await as('POST', '/api/v1/chapters/charleroi/organizers', { email: 'orga@example.org' });
  organiserName = organiser.user.name;
  const event = await makeEvent(t, admin.token, 'charleroi', {
    title: 'Apéro numérique',
    startsAt: '2026-12-10T18:30:00.000Z',
    endsAt: '2026-12-10T20:00:00.000Z',
  });
  expect((await as('POST', `/api/v1/events/${event.id}/cancel`, { reason: 'Salle indisponible' })).statusCode).toBe(
    200,
  );
  const body = makeCall({
    chapter: 'charleroi',
    slug: 'audit-call',
    opensAt: '2026-11-14T01:23:37.879Z',
    closesAt: '2026-12-24T17:30:00.000Z',
  });
  const call = (await as('POST', '/api/v1/calls', body)).json();
  expect(call.id).toBeTruthy();
  const submission = (
    await t.api('POST', `/api/v1/calls/${call.id}/submissions`, {
      body: {
        name: 'Ann Applicant',
        email: 'ann@applicant.be',
        answers: { summary: 'x' },
        eligibility: { public_partner: true },
        title: 'T',
        submit: true,
      },
    })
  ).json();
  jurorId = (await as('POST', `/api/v1/calls/${call.id}/jurors`, { email: 'jay@jury.net', name: 'Jay' })).json().id;
  const recusal = await as('POST', `/api/v1/calls/${call.id}/conflicts`, {
    submissionId: submission.id,
    level: 'hard',
    jurorId,
  });
  expect(recusal.statusCode, recusal.body).toBe(201);
});
afterAll(() => t.close());

describe('what changed, in the reader’s language', () => {
  it('reads the acts in French: labels, Belgian days and 24-hour times, words for the code’s values', async () => {
    const page = await browse.get('/admin/audit', { 'accept-language': 'fr' });
    expect(page.statusCode).toBe(200);
    const shown = details(page.body);
    expect(shown).toContain('Destination\u202f: /events → /agenda');
    expect(shown).toContain('Destination\u202f: /events');
    expect(shown).toContain(
      'Comment\u202f: ligne de commande; Sessions fermées\u202f: 0; Clés d’API révoquées\u202f: 1',
    );
    expect(shown).toContain('Type\u202f: projets; Ouverture\u202f: 14/11/2026 02:23; Clôture\u202f: 24/12/2026 18:30');
    expect(shown).toContain('Niveau\u202f: récusation; Origine\u202f: déclaré');
    // The subject that names no thing: its words translated, its ids shortened.
    const subject = cells(page.body).find((c) => c.startsWith('juré '));
    expect(subject).toMatch(new RegExp(`^juré ${jurorId.slice(0, 8)}… · candidature [0-9a-f]{8}…$`));
    expect(shown).toContain(
      'Personnes prévenues\u202f: 0; Motif\u202f: Salle indisponible; Événement\u202f: Apéro numérique; Début\u202f: 10/12/2026 19:30',
    );
    // The id of the account given rights, named in the page's one query of names.
    expect(shown).toContain(`Nom dans l’adresse\u202f: charleroi; Membre\u202f: ${organiserName}`);
    // Who acted, when nobody signed in: the command line, in words.
    expect(cells(page.body)).toContain('ligne de commande');
    const table = [...shown, ...cells(page.body)].join(' | ');
    for (const raw of ['sessionsEnded', 'opensAt', 'command line', '2026-11-14T', 'hard', 'submission', jurorId])
      expect(table).not.toContain(raw);
  });

  it('names the subjects and the ids of the details of a page in one query', async () => {
    const named: string[] = [];
    const pool = t.database.pool as unknown as { query: (...a: unknown[]) => unknown };
    const query = pool.query.bind(pool);
    pool.query = (...a: unknown[]) => {
      const text = typeof a[0] === 'string' ? a[0] : (a[0] as { text?: string })?.text;
      if (text?.includes("SELECT 'event'") || text?.includes("SELECT 'member'")) named.push(text);
      return query(...a);
    };
    try {
      const page = await browse.get('/admin/audit', { 'accept-language': 'fr' });
      expect(details(page.body)).toContain(`Nom dans l’adresse\u202f: charleroi; Membre\u202f: ${organiserName}`);
    } finally {
      pool.query = query;
    }
    expect(named).toHaveLength(1);
  });

  it('reads the same acts in Dutch', async () => {
    const page = await browse.get('/admin/audit', { 'accept-language': 'nl' });
    expect(page.statusCode).toBe(200);
    const shown = details(page.body);
    expect(shown).toContain('Bestemming: /events → /agenda');
    expect(shown).toContain('Hoe: opdrachtregel; Beëindigde sessies: 0; Ingetrokken API-sleutels: 1');
    expect(shown).toContain('Soort: projecten; Opent: 14/11/2026 02:23; Sluit: 24/12/2026 18:30');
    expect(shown).toContain('Niveau: wraking; Bron: gemeld');
    expect(shown).toContain(
      'Verwittigde personen: 0; Reden: Salle indisponible; Evenement: Apéro numérique; Begin: 10/12/2026 19:30',
    );
    expect(shown).toContain(`Naam in het adres: charleroi; Lid: ${organiserName}`);
    expect(shown).toContain('Naam in het adres: charleroi; Status: actief');
    expect(cells(page.body)).toContain('opdrachtregel');
    expect(cells(page.body).find((c) => c.startsWith('jurylid '))).toMatch(
      new RegExp(`^jurylid ${jurorId.slice(0, 8)}… · inzending [0-9a-f]{8}…$`),
    );
  });

  it('leaves the export as it was: the raw keys and values, for programs and archives', async () => {
    const form = await browse.get('/admin/audit?action=account.password_change');
    expect(form.statusCode).toBe(200);
    const csv = await browse.request(
      'POST',
      '/admin/audit/export',
      { _csrf: csrfOf(form.body), action: 'account.password_change', actor: '', subject: '', from: '', to: '' },
      { 'accept-language': 'nl' },
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('by: command line; sessionsEnded: 0; tokensRevoked: 1');
  });
});
