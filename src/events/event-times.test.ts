import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn } from '../../test/support/forms.js';
import { inDays, makeChapter } from '../../test/support/factories.js';

/** What an organiser is told about the times of a new event, on the form and through the API. */
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  await makeChapter(t, admin.token, { name: 'Liege', city: 'Liège' });
});
afterAll(() => t.close());

const count = async () => (await t.database.pool.query(`SELECT count(*)::int AS n FROM events`)).rows[0].n as number;
const form = (over: Record<string, string> = {}) => ({
  title: 'Soirée code',
  kind: 'meetup',
  description: '',
  date: inDays(20).slice(0, 10),
  startTime: '18:30',
  endTime: '21:00',
  timeZone: 'Europe/Brussels',
  venue: '',
  room: '',
  onlineUrl: 'https://meet.example.org/x',
  capacity: '20',
  guestRegistration: 'on',
  waitlist: 'on',
  publish: 'on',
  repeat: 'none',
  count: '',
  rrule: '',
  ...over,
});
const NEW = '/admin/chapters/liege/events/new';
const POST = '/admin/chapters/liege/events';

describe('the times of a new event', () => {
  it('refuses a date in the past with a clear error on the date, in the organiser’s language', async () => {
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
    const before = await count();
    const res = await b.submit(NEW, POST, form({ date: '2020-01-02' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(
      '<p class="field-error" id="f-date-error">Cette date et cette heure sont déjà passées : un événement ne peut être créé que dans le futur.</p>',
    );
    expect(await count()).toBe(before);
    expect(await count()).toBe(before);
  });

  it('refuses a time the clocks skip (the night summer time starts) instead of moving it an hour', async () => {
    // The last Sunday of March of next year: Brussels goes from 02:00 to 03:00.
    const year = new Date().getUTCFullYear() + 1;
    const lastOfMarch = new Date(Date.UTC(year, 2, 31));
    const day = `${year}-03-${String(31 - lastOfMarch.getUTCDay()).padStart(2, '0')}`;
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
    const before = await count();
    const res = await b.submit(NEW, POST, form({ date: day, startTime: '02:30', endTime: '04:00' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(
      'id="f-startTime-error">02:30 n’existe pas ce jour-là dans le fuseau Europe/Brussels : les horloges avancent d’une heure cette nuit-là. Choisissez une autre heure.',
    );
    const end = await b.submit(NEW, POST, form({ date: day, startTime: '01:00', endTime: '02:15' }));
    expect(end.body).toContain('id="f-endTime-error">02:15 n’existe pas');
    expect(await count()).toBe(before);
    // The same night at 03:30 is a real time.
    expect((await b.submit(NEW, POST, form({ date: day, startTime: '03:30', endTime: '05:00' }))).statusCode).toBe(303);
    expect(await count()).toBe(before + 1);
  });

  it('refuses an end before the start unless "ends the next day" is ticked', async () => {
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
    const before = await count();
    const res = await b.submit(NEW, POST, form({ startTime: '21:00', endTime: '18:00' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="f-endTime-error">The end time is before the start time.');
    expect(res.body).not.toContain('id="f-date-error"');
    expect(await count()).toBe(before);

    const night = await b.submit(
      NEW,
      POST,
      form({ title: 'Hackathon', startTime: '21:00', endTime: '06:00', overnight: 'on' }),
    );
    expect(night.statusCode, night.body).toBe(303);
    const id = /\/admin\/events\/([0-9a-f-]{36})/.exec(String(night.headers.location))![1];
    const e = (await t.api('GET', `/api/v1/events/${id}`)).json();
    expect(new Date(e.endsAt).getTime() - new Date(e.startsAt).getTime()).toBe(9 * 3_600_000);
    // The edit form keeps the choice ticked.
    expect((await b.get(`/admin/events/${id}`)).body).toMatch(
      /<input type="checkbox" id="f-overnight" name="overnight" checked/,
    );
  });

  it('says "end before start" with the overnight hint in the organiser’s language (the form knows the error by its key)', async () => {
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
    const before = await count();
    const res = await b.submit(NEW, POST, form({ startTime: '21:00', endTime: '18:00' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(
      'id="f-endTime-error">L’heure de fin précède l’heure de début. Corrigez-la, ou cochez « Se termine le lendemain »',
    );
    expect(await count()).toBe(before);
  });

  it('blames a mistyped time zone on the zone field alone, and offers a select of zones', async () => {
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
    const page = await b.get(NEW);
    expect(page.body).toContain('<select id="f-timeZone" name="timeZone"');
    expect(page.body).toContain('<option value="Europe/Brussels" selected>Europe/Brussels</option>');
    expect(page.body).toContain('<option value="America/New_York">America/New York</option>');
    const before = await count();
    const res = await b.submit(NEW, POST, form({ timeZone: 'Europe/Bruxelles' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="f-timeZone-error"');
    expect(res.body).not.toContain('id="f-date-error"');
    expect(res.body).not.toContain('id="f-endTime-error"');
    expect(res.body).not.toContain('ISO 8601');
    expect(await count()).toBe(before);
  });

  it('says "full" on the admin event page only when the event is full', async () => {
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
    const res = await b.submit(NEW, POST, form({ title: 'Deux places', capacity: '2' }));
    const id = /\/admin\/events\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
    const page = await b.get(`/admin/events/${id}`);
    expect(page.body).toContain('2 places libres sur 2');
    expect(page.body).not.toContain('Complet —');
    for (const name of ['Ann', 'Bob', 'Cyd'])
      await t.api('POST', `/api/v1/events/${id}/registrations`, { body: { name, email: `${name}@example.org` } });
    const full = await b.get(`/admin/events/${id}`);
    // French counts 0 as singular: "0 place libre sur 2 · Complet — 1 personne en liste d’attente".
    expect(/<p>[^<]*libre sur 2[^<]*<\/p>/.exec(full.body)?.[0]).toContain('Complet — 1 personne en liste d’attente');
  });
});
