import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession, signIn } from '../../test/support/forms.js';
import { makeChapter, makeEvent, makeVenue, registered } from '../../test/support/factories.js';

/** Asking before what cannot be undone, and the organisers' tools on an event's registrations. */
let t: TestApp;
let admin: string;
let organiser: FormSession;

const secretOf = async (id: string) =>
  (await t.database.pool.query<{ secret: string }>('SELECT secret FROM registrations WHERE id = $1', [id])).rows[0]!
    .secret;
const statusOf = async (id: string) =>
  (await t.database.pool.query<{ status: string }>('SELECT status FROM registrations WHERE id = $1', [id])).rows[0]!
    .status;

beforeAll(async () => {
  t = await startTestApp();
  const a = await t.user('admin');
  admin = a.token;
  organiser = await signIn(t.app, { email: a.user.email, password: a.password });
  await makeChapter(t, admin, { name: 'Arlon', city: 'Arlon', status: 'active' });
});
afterAll(() => t.close());

describe('an attendee cancelling from their ticket', () => {
  it('is asked first, told what it costs in their language, and only the button cancels', async () => {
    const event = await makeEvent(t, admin, 'arlon', { capacity: 1 });
    const holder = await registered(t, event.id, { name: 'Hélène Holder' });
    const waiting = await registered(t, event.id, { name: 'Wim Waiting' });
    const visitor = new FormSession(t.app);
    const ticket = `/r/${await secretOf(holder.id)}`;

    const page = await visitor.get(`${ticket}?lang=fr`);
    expect(page.body).toContain(`href="${ticket}/cancel"`);
    expect(page.body).not.toContain(`action="${ticket}/cancel"`);

    const ask = await visitor.get(`${ticket}/cancel?lang=fr`);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('<h1>Annuler votre inscription ?</h1>');
    expect(ask.body).toContain('Votre place va aussitôt à la première personne de la liste d’attente.');
    expect(ask.body).toContain(`href="${ticket}"`); // keep it
    expect(await statusOf(holder.id)).toBe('confirmed'); // asking changed nothing

    const wimTicket = `/r/${await secretOf(waiting.id)}`;
    expect((await visitor.get(`${wimTicket}/cancel?lang=nl`)).body).toContain(
      'Je verlaat de wachtlijst, waar je op plaats 1 staat.',
    );

    const done = await visitor.submit(`${ticket}/cancel`, `${ticket}/cancel`, {});
    expect(done.statusCode).toBe(303);
    expect(await statusOf(holder.id)).toBe('cancelled');
    expect(await statusOf(waiting.id)).toBe('confirmed');
    // Nothing left to cancel: the question page sends back to the ticket.
    const again = await t.app.inject({ url: `${ticket}/cancel` });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(ticket);
  });
});

describe('the organisers’ list of registrations', () => {
  it('counts by status, filters by words and status, and keeps each waiting-list place', async () => {
    const event = await makeEvent(t, admin, 'arlon', { capacity: 2 });
    await registered(t, event.id, { name: 'Amélie Lambert' });
    await registered(t, event.id, { name: 'Bruno Kessel' });
    await registered(t, event.id, { name: 'Chloé Waiting' });
    await registered(t, event.id, { name: 'Didier Amel' });
    const url = `/admin/events/${event.id}/registrations`;

    const whole = await organiser.get(`${url}?lang=fr`);
    expect(whole.body).toContain('2 confirmées · 2 en liste d’attente · 0 annulée · 0 arrivée');
    expect(whole.body).not.toContain('Annuler mon inscription');
    expect(whole.body).toContain('>Annuler</a>');

    const amel = await organiser.get(`${url}?lang=en&q=amel`);
    expect(amel.body).toContain('Amélie Lambert');
    expect(amel.body).toContain('Didier Amel');
    expect(amel.body).not.toContain('Bruno Kessel');
    expect(amel.body).toContain('Showing 2 of 4.');
    // Didier is second on the waiting list even when Chloé is filtered out.
    expect(amel.body).toContain('Waitlisted #2');

    const waiting = await organiser.get(`${url}?lang=en&status=waitlisted`);
    expect(waiting.body).toContain('Chloé Waiting');
    expect(waiting.body).not.toContain('Amélie Lambert');
    expect((await organiser.get(`${url}?lang=nl&q=nobody`)).body).toContain(
      'Geen inschrijving komt overeen met deze zoekopdracht.',
    );
  });

  it('asks before confirming someone from the waiting list, saying who is passed and that a seat is added', async () => {
    const event = await makeEvent(t, admin, 'arlon', { capacity: 1 });
    await registered(t, event.id, { name: 'Seat Holder' });
    await registered(t, event.id, { name: 'First Waiting' });
    const third = await registered(t, event.id, { name: 'Second Waiting' });

    const list = await organiser.get(`/admin/events/${event.id}/registrations?lang=en`);
    expect(list.body).toContain(`href="/admin/registrations/${third.id}/confirm"`);
    expect(list.body).not.toContain(`action="/admin/registrations/${third.id}/confirm"`);

    const ask = await organiser.get(`/admin/registrations/${third.id}/confirm?lang=en`);
    expect(ask.body).toContain('<h1>Confirm Second Waiting from the waiting list?</h1>');
    expect(ask.body).toContain(
      'Second Waiting is in position 2 on the waiting list: 1 person is ahead of them and stays on the list.',
    );
    expect(ask.body).toContain(
      'The event is full (1 of 1 seats taken): confirming adds a seat, and the capacity becomes 2.',
    );
    expect(await statusOf(third.id)).toBe('waitlisted');

    const done = await organiser.submit(
      `/admin/registrations/${third.id}/confirm`,
      `/admin/registrations/${third.id}/confirm`,
      {},
    );
    expect(done.statusCode).toBe(303);
    expect(await statusOf(third.id)).toBe('confirmed');
    expect((await t.api('GET', `/api/v1/events/${event.id}`)).json().capacity).toBe(2);
    expect((await organiser.get(`/admin/registrations/${third.id}/confirm?lang=fr`)).body).toContain(
      'Cette inscription n’est plus sur la liste d’attente.',
    );
  });
});

describe('confirming from the waiting list in a full room', () => {
  it('adds no seat past the room’s seats: the page says so without a button, the API answers 409, the event stays editable', async () => {
    const venue = await makeVenue(t, admin, { rooms: [{ name: 'Petite salle', capacity: 2 }] });
    const event = await makeEvent(t, admin, 'arlon', { venue: venue.slug, room: 'Petite salle', capacity: 1 });
    await registered(t, event.id, { name: 'Seat Holder' });
    const second = await registered(t, event.id, { name: 'Second Person' });
    const third = await registered(t, event.id, { name: 'Third Person' });

    // One seat left in the room: confirming adds it, as before.
    const grows = await t.api('POST', `/api/v1/registrations/${second.id}/confirm`, { token: admin });
    expect(grows.statusCode, grows.body).toBe(200);
    expect((await t.api('GET', `/api/v1/events/${event.id}`)).json().capacity).toBe(2);

    // The room is full: said before the click, no button to press.
    const ask = await organiser.get(`/admin/registrations/${third.id}/confirm?lang=fr`);
    expect(ask.body).toContain(
      'Petite salle compte 2 places, toutes prises : l’inscription de Third Person ne peut pas être confirmée avant qu’une personne annule.',
    );
    expect(ask.body).not.toContain(`action="/admin/registrations/${third.id}/confirm"`);

    const refused = await t.api('POST', `/api/v1/registrations/${third.id}/confirm`, {
      token: admin,
      headers: { 'accept-language': 'nl' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toBe(
      'Petite salle heeft 2 plaatsen en die zijn allemaal bezet: Third Person kan pas bevestigd worden als iemand annuleert.',
    );
    expect(await statusOf(third.id)).toBe('waitlisted');
    expect((await t.api('GET', `/api/v1/events/${event.id}`)).json().capacity).toBe(2);

    // The event form still saves (its capacity is within the room).
    const edit = await t.api('PATCH', `/api/v1/events/${event.id}`, {
      token: admin,
      body: { title: 'Renamed', capacity: 2, room: 'Petite salle' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
  });

  it('lets an event already over its room (from before the rule) be edited as it is, but not raised further', async () => {
    const venue = await makeVenue(t, admin, { rooms: [{ name: 'Cave', capacity: 2 }] });
    const event = await makeEvent(t, admin, 'arlon', { venue: venue.slug, room: 'Cave', capacity: 2 });
    await t.database.pool.query('UPDATE events SET capacity = 3 WHERE id = $1', [event.id]);
    const same = await t.api('PATCH', `/api/v1/events/${event.id}`, {
      token: admin,
      body: { title: 'Still here', capacity: 3, venue: venue.slug, room: 'Cave' },
    });
    expect(same.statusCode, same.body).toBe(200);
    const more = await t.api('PATCH', `/api/v1/events/${event.id}`, { token: admin, body: { capacity: 4 } });
    expect(more.statusCode).toBe(400);
    expect(more.json().detail).toBe('Cave has 2 seats: the capacity cannot be more than that (asked: 4).');
  });
});

describe('the event named in the organiser’s language', () => {
  it('titles the registrations list and the door page with the translation, marking an untranslated original', async () => {
    const event = await makeEvent(t, admin, 'arlon', {
      title: 'Soirée Rust',
      language: 'fr',
      translations: { nl: { title: 'Rust-avond' } },
    });
    const list = await organiser.get(`/admin/events/${event.id}/registrations?lang=nl`);
    expect(list.body).toContain('Rust-avond');
    expect(list.body).not.toContain('Soirée Rust');
    const door = await organiser.get(`/admin/events/${event.id}/door?lang=nl`);
    expect(door.body).toContain('Rust-avond');
    // No English title: the French one, said to be the original.
    const en = await organiser.get(`/admin/events/${event.id}/door?lang=en`);
    expect(en.body).toContain('<span lang="fr">Soirée Rust</span>');
  });
});

describe('searching registrations, at the door and in the organisers’ list alike', () => {
  it('folds accents and case, and takes %, _ and \\ as typed', async () => {
    const event = await makeEvent(t, admin, 'arlon', { capacity: 10 });
    for (const name of ['José Peeters', 'Promo 50% Club', 'Promo 500 Club', 'Anna_Bell', 'Lara Bell', 'Back\\Slash'])
      await registered(t, event.id, { name });
    for (const page of [`/admin/events/${event.id}/door`, `/admin/events/${event.id}/registrations`]) {
      const search = async (q: string) => (await organiser.get(`${page}?lang=en&q=${encodeURIComponent(q)}`)).body;
      const jose = await search('Jose');
      expect(jose, page).toContain('José Peeters');
      expect(jose, page).not.toContain('Promo');
      expect(await search('PEETERS jOSÉ'), page).toContain('José Peeters');
      const percent = await search('50%');
      expect(percent, page).toContain('Promo 50% Club');
      expect(percent, page).not.toContain('Promo 500 Club');
      const underscore = await search('a_b');
      expect(underscore, page).toContain('Anna_Bell');
      expect(underscore, page).not.toContain('Lara Bell');
      const backslash = await search('k\\s');
      expect(backslash, page).toContain('Back\\Slash');
      expect(backslash, page).not.toContain('José Peeters');
    }
  });
});

describe('the door', () => {
  it('undoes a check-in made by mistake, on the page and through the API, and says when a search finds nobody', async () => {
    const event = await makeEvent(t, admin, 'arlon');
    const other = await makeEvent(t, admin, 'arlon');
    const ana = await registered(t, event.id, { name: 'Ana Door' });
    const stranger = await registered(t, other.id, { name: 'Stranger Elsewhere' });
    const door = `/admin/events/${event.id}/door`;
    const code = (await t.database.pool.query('SELECT check_in_code FROM registrations WHERE id = $1', [ana.id]))
      .rows[0].check_in_code as string;
    await organiser.submit(door, door, { code });

    const page = await organiser.get(`${door}?lang=fr`);
    expect(page.body).toContain(`action="${door}/${ana.id}/undo"`);
    expect(page.body).toContain('aria-label="Annuler l’arrivée d’Ana Door"');
    const undone = await organiser.submit(door, `${door}/${ana.id}/undo?lang=fr`, {});
    expect(undone.statusCode).toBe(200);
    expect(undone.body).toContain('Arrivée d’Ana Door annulée.');
    const row = await t.database.pool.query('SELECT checked_in_at FROM registrations WHERE id = $1', [ana.id]);
    expect(row.rows[0].checked_in_at).toBeNull();

    await t.api('POST', `/api/v1/events/${event.id}/check-ins`, { token: admin, body: { code } });
    const api = await t.api('DELETE', `/api/v1/events/${event.id}/check-ins/${ana.id}`, { token: admin });
    expect(api.statusCode).toBe(200);
    expect(api.json().checkedInAt).toBeNull();
    // Another event's registration, a malformed id, and nobody signed in.
    expect(
      (await t.api('DELETE', `/api/v1/events/${event.id}/check-ins/${stranger.id}`, { token: admin })).statusCode,
    ).toBe(404);
    expect((await organiser.submit(door, `${door}/not-an-id/undo`, {})).statusCode).toBe(404);
    expect((await t.api('DELETE', `/api/v1/events/${event.id}/check-ins/${ana.id}`)).statusCode).toBe(401);

    expect((await organiser.get(`${door}?lang=en&q=zzzz`)).body).toContain('Nobody confirmed matches “zzzz”.');
  });
});
