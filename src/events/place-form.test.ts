import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn, type FormSession } from '../../test/support/forms.js';
import { inDays, makeChapter, makeEvent, makeVenue } from '../../test/support/factories.js';

/** The event form's place and capacity: a venue chosen on purpose, its rooms only, no more people than seats. */
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let fr: FormSession;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  await makeChapter(t, admin.token, { name: 'Namur', city: 'Namur' });
  await makeVenue(t, admin.token, {
    name: 'Le Pavillon',
    city: 'Namur',
    rooms: [
      { name: 'Petite salle', capacity: 10 },
      { name: 'Auditoire', capacity: 120 },
    ],
  });
  await makeVenue(t, admin.token, { name: 'La Forge', city: 'Namur', rooms: [{ name: 'Atelier', capacity: 30 }] });
  fr = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
});
afterAll(() => t.close());

const count = async () => (await t.database.pool.query(`SELECT count(*)::int AS n FROM events`)).rows[0].n as number;
const form = (over: Record<string, string> = {}) => ({
  'fr.title': 'Soirée code',
  language: 'fr',
  kind: 'meetup',
  date: inDays(20).slice(0, 10),
  startTime: '18:30',
  endTime: '21:00',
  timeZone: 'Europe/Brussels',
  venue: 'le-pavillon',
  room: 'Auditoire',
  onlineUrl: '',
  capacity: '100',
  guestRegistration: 'on',
  waitlist: 'on',
  publish: 'on',
  repeat: 'none',
  ...over,
});
const NEW = '/admin/chapters/namur/events/new';
const POST = '/admin/chapters/namur/events';
const created = (location: unknown) => /\/admin\/events\/([0-9a-f-]{36})/.exec(String(location))![1]!;

describe('the place on the event form', () => {
  it('does not default to online: the venue is to be chosen, and "online only" is a choice of its own', async () => {
    const page = (await fr.get(NEW)).body;
    const venue = /<select id="f-venue" name="venue"[^>]*>([\s\S]*?)<\/select>/.exec(page)![1]!;
    // The first option, what a browser shows when none is selected, asks for a choice.
    expect(venue).toMatch(/^<option value>— Choisissez un lieu, ou en ligne seulement —<\/option>/);
    expect(venue).toContain('<option value="(online)">En ligne seulement (pas de lieu)</option>');
    expect(venue).not.toContain(' selected');

    const before = await count();
    const none = await fr.submit(NEW, POST, form({ venue: '', room: '' }));
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('id="f-venue-error">Un événement a lieu dans un lieu, en ligne, ou les deux');
    expect(await count()).toBe(before);

    const online = await fr.submit(
      NEW,
      POST,
      form({ venue: '(online)', room: '', onlineUrl: 'https://meet.example.org/x', capacity: '40' }),
    );
    expect(online.statusCode, online.body).toBe(303);
    const event = (await t.api('GET', `/api/v1/events/${created(online.headers.location)}`)).json();
    expect(event).toMatchObject({ venue: null, room: null, onlineUrl: 'https://meet.example.org/x' });
    // Its edit form says so again.
    expect((await fr.get(`/admin/events/${event.id}`)).body).toContain(
      '<option value="(online)" selected>En ligne seulement (pas de lieu)</option>',
    );
  });

  it('offers the rooms grouped by venue, with their seats, and no free text', async () => {
    const page = (await fr.get(NEW)).body;
    expect(page).not.toContain('<datalist id="room-names">');
    const room = /<select id="f-room" name="room"[^>]*>([\s\S]*?)<\/select>/.exec(page)![1]!;
    expect(room).toMatch(/^<option value>Pas de salle en particulier<\/option><optgroup label="La Forge"/);
    expect(room).toContain(
      '<optgroup label="Le Pavillon" data-venue="le-pavillon"><option value="Auditoire">Auditoire — 120 places</option><option value="Petite salle">Petite salle — 10 places</option></optgroup>',
    );
    expect(room).toContain(
      '<optgroup label="La Forge" data-venue="la-forge"><option value="Atelier">Atelier — 30 places</option></optgroup>',
    );
    expect(page).toContain('<script src="/assets/event-form.js" defer');
    const script = await t.app.inject('/assets/event-form.js');
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('data-rooms-of');
  });

  it('refuses a room of another venue (what a page without JavaScript may send), on the room', async () => {
    const before = await count();
    const res = await fr.submit(NEW, POST, form({ venue: 'le-pavillon', room: 'Atelier', capacity: '20' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(
      'id="f-room-error">Le Pavillon n’a pas de salle « Atelier » (ses salles : Auditoire, Petite salle).',
    );
    expect(await count()).toBe(before);
  });

  it('keeps the chosen room selected in its venue’s group on the edit form', async () => {
    const res = await fr.submit(NEW, POST, form({ room: 'Petite salle', capacity: '10', 'fr.title': 'Petit comité' }));
    expect(res.statusCode, res.body).toBe(303);
    const page = (await fr.get(`/admin/events/${created(res.headers.location)}`)).body;
    expect(page).toContain('<option value="le-pavillon" selected>');
    expect(page).toContain('<option value="Petite salle" selected>Petite salle — 10 places</option>');
  });
});

describe('the capacity on the event form', () => {
  it('−1 is told "at least 1" in the organiser’s language, not "a whole number"', async () => {
    const before = await count();
    const res = await fr.submit(NEW, POST, form({ capacity: '-1' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="f-capacity-error">doit valoir au moins 1</p>');
    expect(await count()).toBe(before);
    const nl = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'nl' });
    expect((await nl.submit(NEW, POST, form({ capacity: '-1' }))).body).toContain(
      'id="f-capacity-error">moet minstens 1 zijn</p>',
    );
  });

  it('above the room’s seats is refused, naming the room and its seats', async () => {
    const before = await count();
    const res = await fr.submit(NEW, POST, form({ room: 'Petite salle', capacity: '500' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(
      'id="f-capacity-error">Petite salle compte 10 places : la capacité ne peut pas dépasser ce nombre (demandé : 500).</p>',
    );
    expect(await count()).toBe(before);

    const api = await t.api('POST', '/api/v1/chapters/namur/events', {
      token: admin.token,
      body: {
        title: 'Trop grand',
        startsAt: inDays(30),
        endsAt: inDays(30, 19),
        venue: 'le-pavillon',
        room: 'Petite salle',
        capacity: 500,
      },
    });
    expect(api.statusCode).toBe(400);
    expect(api.json().detail).toBe('Petite salle has 10 seats: the capacity cannot be more than that (asked: 500).');
    expect(api.json().errors).toEqual([
      expect.objectContaining({ field: 'capacity', message: 'at most 10 seats, as in Petite salle' }),
    ]);
    expect(await count()).toBe(before);
  });

  it('a change above the seats (a bigger capacity, or a smaller room) is refused and changes nothing', async () => {
    const event = await makeEvent(t, admin.token, 'namur', {
      venue: 'le-pavillon',
      room: 'Auditoire',
      onlineUrl: null,
      capacity: 100,
    });
    const patch = (body: Record<string, unknown>) =>
      t.api('PATCH', `/api/v1/events/${event.id}`, { token: admin.token, body });
    expect((await patch({ capacity: 121 })).statusCode).toBe(400);
    expect((await patch({ room: 'Petite salle', capacity: 100 })).statusCode).toBe(400);
    expect((await t.api('GET', `/api/v1/events/${event.id}`)).json()).toMatchObject({
      capacity: 100,
      room: { name: 'Auditoire' },
    });
    expect((await patch({ capacity: 120 })).statusCode).toBe(200);
    // A smaller room without a capacity takes the room's seats, as at creation.
    const moved = await patch({ room: 'Petite salle' });
    expect(moved.json()).toMatchObject({ capacity: 10, room: { name: 'Petite salle' } });
  });
});
