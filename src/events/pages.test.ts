import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, FormSession, signIn } from '../../test/support/forms.js';
import { catalogues, translator } from '../web/i18n.js';
import type { MessageKey } from '../web/i18n/en.js';
import { ruleFromChoice } from './event-form.js';

// Every feature's messages, registered when the application module is loaded (src/catalogues.ts).
const { en, fr, nl } = catalogues;

/**
 * The event pages as a visitor and an organiser use them, through app.inject: the public event page
 * and its RSVP form, the ticket page behind the secret link, the waitlist, and the organiser's forms.
 */

let t: TestApp;
let admin: { token: string; email: string; password: string };
let member: { token: string; email: string; password: string };
let organiser: { token: string; email: string; password: string };

/** As preact-render-to-string escapes text and attributes ("&lt;b>", not "&lt;b&gt;"). */
const escapeHtml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');
type Dict = Record<string, string>;
/** A translated message with its {placeholders} filled in, escaped as the page prints it. */
/** A catalogue message as the page shows it (ICU plurals, numbers of the locale), HTML-escaped. */
const msg = (dict: Dict, key: string, params: Record<string, string | number> = {}) =>
  escapeHtml(translator(dict === fr ? 'fr' : dict === nl ? 'nl' : 'en')(key as MessageKey, params));

const browser = () => new FormSession(t.app);
const signedIn = (who: { email: string; password: string }) => signIn(t.app, who);

const api = async (
  method: InjectOptions['method'],
  url: string,
  body?: unknown,
  token: string | undefined = admin.token,
) => {
  const res = await t.api(method, url, { token, body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};
const createEvent = (body: Record<string, unknown>) =>
  api('POST', '/api/v1/chapters/charleroi/events', body) as Promise<{
    id: string;
    url: string;
    seriesId: string | null;
  }>;
const registrationsOf = async (eventId: string) =>
  (
    (await api('GET', `/api/v1/events/${eventId}/registrations`)).items as {
      name: string;
      email: string;
      status: string;
      waitlistPosition?: number;
      answers: Record<string, string>;
    }[]
  ).map((r) => [r.name, r.status, r.waitlistPosition]);
const countRows = async (table: 'events' | 'registrations' | 'event_series') =>
  (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

/** The path of a redirect to a ticket page; fails unless it is one. */
const ticketPath = (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body).toBe(303);
  const location = String(res.headers.location);
  expect(location).toMatch(/^\/r\/[A-Za-z0-9_-]{32}$/);
  return location;
};
const statusOf = (html: string) =>
  /<p class="(?:notice|errors)" role="status" id="registration-status" data-status="([a-z]+)">([^<]*)<\/p>/.exec(html);

// Thursday 4 March 2027, 18:30–21:00 in Brussels (CET, UTC+1).
const MARCH_4 = { startsAt: '2027-03-04T17:30:00Z', endsAt: '2027-03-04T20:00:00Z' };
const later = (days: number, hour = 17) => {
  const x = new Date(Date.now() + days * 86_400_000);
  x.setUTCHours(hour, 0, 0, 0);
  return x.toISOString();
};

beforeAll(async () => {
  t = await startTestApp();
  const a = await t.user('admin');
  admin = { token: a.token, email: a.user.email, password: a.password };
  const m = await t.user('member');
  member = { token: m.token, email: m.user.email, password: m.password };
  const o = await t.user('member');
  organiser = { token: o.token, email: o.user.email, password: o.password };
  await api('POST', '/api/v1/venues', {
    name: 'Switch',
    city: 'Charleroi',
    address: 'Rue de la Science 1',
    rooms: [{ name: 'Event room', capacity: 50 }],
  });
  await api('POST', '/api/v1/chapters', { name: 'Charleroi', city: 'Charleroi', status: 'active' });
  await api('POST', '/api/v1/chapters/charleroi/organizers', { email: organiser.email });
});
afterAll(() => t?.close());

describe('ruleFromChoice', () => {
  it('turns "every month, same weekday of the month" into the nth weekday of the first date', () => {
    // 2027-01-07 is the first Thursday of January.
    expect(ruleFromChoice('monthly-nth', '2027-01-07', '', '')).toBe('FREQ=MONTHLY;BYDAY=1TH');
    expect(ruleFromChoice('monthly-nth', '2027-01-07', '3', '')).toBe('FREQ=MONTHLY;BYDAY=1TH;COUNT=3');
    expect(ruleFromChoice('monthly-nth', '2027-01-14', '', '')).toBe('FREQ=MONTHLY;BYDAY=2TH');
    expect(ruleFromChoice('monthly-nth', '2027-01-28', '', '')).toBe('FREQ=MONTHLY;BYDAY=4TH');
    // Saturday 2027-01-02, Wednesday 2027-03-31 (the fifth Wednesday).
    expect(ruleFromChoice('monthly-nth', '2027-01-02', '', '')).toBe('FREQ=MONTHLY;BYDAY=1SA');
    expect(ruleFromChoice('monthly-nth', '2027-03-31', '', '')).toBe('FREQ=MONTHLY;BYDAY=5WE');
  });

  it('turns "the last such weekday" into BYDAY=-1 and "every week" into the weekday', () => {
    expect(ruleFromChoice('monthly-last', '2027-01-28', '', '')).toBe('FREQ=MONTHLY;BYDAY=-1TH');
    expect(ruleFromChoice('monthly-last', '2027-02-26', '6', '')).toBe('FREQ=MONTHLY;BYDAY=-1FR;COUNT=6');
    expect(ruleFromChoice('weekly', '2027-01-07', '', '')).toBe('FREQ=WEEKLY;BYDAY=TH');
    expect(ruleFromChoice('weekly', '2027-01-10', '12', '')).toBe('FREQ=WEEKLY;BYDAY=SU;COUNT=12');
  });

  it('adds COUNT as typed (trimmed), so that a wrong count is reported by the rule check', () => {
    expect(ruleFromChoice('weekly', '2027-01-07', ' 4 ', '')).toBe('FREQ=WEEKLY;BYDAY=TH;COUNT=4');
    // A count that is not a number is kept, so that the rule's validation reports it.
    expect(ruleFromChoice('weekly', '2027-01-07', 'four', '')).toBe('FREQ=WEEKLY;BYDAY=TH;COUNT=four');
    expect(ruleFromChoice('weekly', '2027-01-07', '-2', '')).toBe('FREQ=WEEKLY;BYDAY=TH;COUNT=-2');
  });

  it('passes a custom rule through trimmed, and gives no rule for "none", an unknown choice or a bad date', () => {
    expect(ruleFromChoice('custom', '2027-01-07', '3', '  FREQ=DAILY;COUNT=2 ')).toBe('FREQ=DAILY;COUNT=2');
    expect(ruleFromChoice('none', '2027-01-07', '3', 'FREQ=DAILY')).toBeUndefined();
    expect(ruleFromChoice('yearly-ish', '2027-01-07', '', '')).toBeUndefined();
    expect(ruleFromChoice('weekly', '', '', '')).toBeUndefined();
    expect(ruleFromChoice('weekly', '07/01/2027', '', '')).toBeUndefined();
  });
});

describe('the event page', () => {
  let eventId: string;
  let eventUrl: string;
  beforeAll(async () => {
    ({ id: eventId, url: eventUrl } = await createEvent({
      title: 'Rust & <friends>',
      description: 'Bring **your laptop**',
      kind: 'talk',
      ...MARCH_4,
      venue: 'switch',
      room: 'Event room',
      capacity: 20,
      questions: [
        { id: 'role', label: 'Your role', type: 'choice', choices: ['dev', 'designer'], required: true },
        { id: 'diet', label: 'Food allergies?', type: 'text' },
      ],
    }));
  });

  it("shows the title, the date in the visitor's language and the seats left", async () => {
    const cases = [
      { lang: 'fr-BE,fr;q=0.9', html: 'fr', dict: fr, date: 'jeudi 4 mars 2027, 18:30 – 21:00' },
      { lang: 'nl-BE,nl;q=0.9', html: 'nl', dict: nl, date: 'donderdag 4 maart 2027, 18:30 – 21:00' },
      { lang: 'en', html: 'en', dict: en, date: /Thursday, 4 March 2027, 18:30 – 21:00/ },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ url: eventUrl, headers: { 'accept-language': c.lang } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain(`<html lang="${c.html}">`);
      // Written in French (the default language): other visitors read the original, marked as such.
      expect(res.body).toMatch(/<h1>(<span lang="fr">)?Rust &amp; &lt;friends&gt;(<\/span>)?/);
      const time = /<time dateTime="2027-03-04T17:30:00.000Z">([^<]+)<\/time>/i.exec(res.body);
      expect(time, `<time> on the ${c.html} page`).not.toBeNull();
      if (typeof c.date === 'string') expect(time![1]).toBe(c.date);
      else expect(time![1]).toMatch(c.date);
      expect(res.body).toContain(`<strong>${msg(c.dict, 'event.seatsLeft', { count: 20, capacity: 20 })}</strong>`);
      expect(res.body).toContain('<strong>your laptop</strong>');
      // The venue's name and room as written (French), with their language for a reader of another one.
      const fr = c.html === 'fr';
      expect(res.body).toContain(
        fr
          ? '<a href="/venues/switch">Switch</a> — Event room, <span class="address">Rue de la Science 1, Charleroi</span>'
          : '<a href="/venues/switch"><span lang="fr">Switch</span></a> — <span lang="fr">Event room</span>',
      );
    }
  });

  it("builds the RSVP form from the event's questions", async () => {
    const res = await t.app.inject({ url: eventUrl, headers: { 'accept-language': 'en' } });
    const form = new RegExp(`<form method="post" action="${eventUrl}/register"[^>]*>([\\s\\S]*?)</form>`).exec(
      res.body,
    );
    expect(form, 'the RSVP form').not.toBeNull();
    const html = form![1]!;
    expect(html).toMatch(/<input type="hidden" name="_csrf" value="[^"]+">/);
    expect(html).toMatch(/<label for="f-name">Your name<\/label><input id="f-name" name="name" required type="text"/);
    expect(html).toMatch(/<input id="f-email" name="email" required type="email"/);
    // The choice question: a select with its choices, required, without an empty option.
    // The event is written in French (its questions too): an English reader sees them marked as such.
    expect(html).toContain('<label for="f-answers-role"><span lang="fr">Your role</span><small');
    const select = /<select id="f-answers-role" name="answer_role"( required)?[^>]*>([\s\S]*?)<\/select>/.exec(html);
    expect(select, 'the select of the choice question').not.toBeNull();
    expect(select![1]).toBe(' required');
    expect([...select![2]!.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(['dev', 'designer']);
    // The optional text question.
    expect(html).toContain('<label for="f-answers-diet"><span lang="fr">Food allergies?</span>');
    expect(html).toMatch(/<input type="text" id="f-answers-diet" name="answer_diet" value>/);
    expect(html).toContain(`<button type="submit">${en['event.register']}</button>`);
    expect(html).not.toContain(escapeHtml(en['event.joinWaitlist']));
  });

  it('refuses a registration posted without the CSRF token with 403, and stores nothing', async () => {
    const before = await countRows('registrations');
    const cold = await browser().request('POST', `${eventUrl}/register`, {
      name: 'Eve',
      email: 'eve@example.org',
      answer_role: 'dev',
    });
    expect(cold.statusCode).toBe(403);
    const b = browser();
    await b.get(eventUrl);
    const noToken = await b.request('POST', `${eventUrl}/register`, {
      name: 'Eve',
      email: 'eve@example.org',
      answer_role: 'dev',
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.headers.location).toBeUndefined();
    expect(await countRows('registrations')).toBe(before);
  });

  it('registers a guest: 303 to the ticket page with the status, an inline SVG QR code and the check-in code', async () => {
    const b = browser();
    const res = await b.submit(eventUrl, `${eventUrl}/register`, {
      name: 'Ada Lovelace',
      email: 'Ada@Example.org',
      answer_role: 'designer',
      answer_diet: 'none',
    });
    const path = ticketPath(res);
    const ticket = await b.get(path);
    expect(ticket.statusCode).toBe(200);
    expect(ticket.headers['referrer-policy']).toBe('no-referrer');
    expect(ticket.headers['cache-control']).toBe('private, no-store');
    expect(ticket.body).toContain(`<h1>${escapeHtml(en['ticket.title'])}</h1>`);
    expect(ticket.body).toContain('<strong>Ada Lovelace</strong> (ada@example.org)');
    expect(statusOf(ticket.body)?.slice(1)).toEqual(['confirmed', escapeHtml(en['ticket.confirmed'])]);
    const code = /<code>([0-9A-F]{16})<\/code>/.exec(ticket.body)?.[1];
    expect(code, 'the check-in code').toBeDefined();
    // The QR code is inline SVG (no request to another site), labelled with the code for screen readers.
    const qr = /<div class="qr" role="img" aria-label="([^"]*)"><svg[\s\S]*?<\/svg>\s*<\/div>/.exec(ticket.body);
    expect(qr, 'the inline SVG QR code').not.toBeNull();
    expect(qr![1]).toBe(`${escapeHtml(en['ticket.code'])}: ${code}`);
    expect(qr![0]).toMatch(/<path[^>]+d="M/);
    // Stored as the organisers see it, with the answers.
    const [stored] = (await api('GET', `/api/v1/events/${eventId}/registrations`)).items;
    expect(stored).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      status: 'confirmed',
      answers: { role: 'designer', diet: 'none' },
    });
    const row = (
      await t.database.pool.query('SELECT secret, check_in_code FROM registrations WHERE email = $1', [
        'ada@example.org',
      ])
    ).rows[0];
    expect(path).toBe(`/r/${row.secret}`);
    expect(code).toBe(row.check_in_code);
    // The event page now counts the seat.
    expect((await b.get(eventUrl)).body).toContain(msg(en, 'event.seatsLeft', { count: 19, capacity: 20 }));
  });

  it('does not give a guest the ticket of someone already registered with that e-mail', async () => {
    const { secret } = (
      await t.database.pool.query('SELECT secret FROM registrations WHERE email = $1', ['ada@example.org'])
    ).rows[0];
    const before = await countRows('registrations');
    const res = await browser().submit(eventUrl, `${eventUrl}/register`, {
      name: 'Mallory',
      email: 'ADA@example.org',
      answer_role: 'dev',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.location).toBeUndefined();
    expect(res.body).not.toContain(secret);
    expect(res.body).toContain(escapeHtml(en['event.alreadyRegistered']));
    expect(res.body).toContain('value="Mallory"');
    expect(await countRows('registrations')).toBe(before);
    expect(await registrationsOf(eventId)).toEqual([['Ada Lovelace', 'confirmed', undefined]]);
  });

  it('re-renders the form with 400 and the field error for an invalid e-mail, and stores nothing', async () => {
    const before = await countRows('registrations');
    const res = await browser().submit(eventUrl, `${eventUrl}/register`, {
      name: 'Bob',
      email: 'not-an-email',
      answer_role: 'dev',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(escapeHtml(en['form.errors']));
    expect(res.body).toContain(
      '<p class="field-error" id="f-email-error">must be an e-mail address such as ada@example.org</p>',
    );
    expect(res.body).toMatch(
      /<input id="f-email" name="email" required aria-invalid="true" aria-describedby="f-email-error"/,
    );
    expect(res.body).toContain('value="Bob"');
    expect(res.body).toMatch(/<option value="dev" selected>dev<\/option>/);
    expect(await countRows('registrations')).toBe(before);
  });

  it('refuses an answer that is not one of the choices with 400 beside the question, and stores nothing', async () => {
    const before = await countRows('registrations');
    const res = await browser().submit(eventUrl, `${eventUrl}/register`, {
      name: 'Cy',
      email: 'cy@example.org',
      answer_role: 'boss',
    });
    expect(res.statusCode).toBe(400);
    // The message is the question's own, next to it, and the summary links to the field.
    expect(res.body).toContain(
      '<p class="field-error" id="f-answers-role-error">must be one of: dev, designer (Your role)</p>',
    );
    expect(res.body).toContain('href="#f-answers-role"');
    expect(await countRows('registrations')).toBe(before);
  });
});

describe('a signed-in member', () => {
  it('registers without typing name and e-mail, and then sees their own registration on the event page', async () => {
    const { url } = await createEvent({
      title: 'Members meetup',
      ...MARCH_4,
      capacity: 5,
      onlineUrl: 'https://meet.example.org/mm',
    });
    const b = await signedIn(member);
    const page = await b.get(url);
    expect(page.body).toContain(`value="${member.email}"`);
    const res = await b.submit(url, `${url}/register`, { name: 'Member', email: member.email });
    expect(res.statusCode).toBe(303);
    const ticket = res.headers.location as string;
    const again = await b.get(url);
    expect(again.body).toContain(en['ticket.confirmed']);
    expect(again.body).toContain(`href="${ticket}"`);
    expect(again.body).not.toContain(`action="${url}/register"`);
    // A visitor sees the form, not the member's registration.
    expect((await browser().get(url)).body).toContain(`action="${url}/register"`);
  });
});

describe('a full event and its waitlist', () => {
  let eventId: string;
  let eventUrl: string;
  let first: { manageUrl: string; name: string };
  const waiting: { browser: FormSession; path: string }[] = [];

  beforeAll(async () => {
    ({ id: eventId, url: eventUrl } = await createEvent({
      title: 'Tiny meetup',
      startsAt: later(20),
      endsAt: later(20, 19),
      capacity: 1,
      onlineUrl: 'https://meet.example.org/tiny',
    }));
    first = await api(
      'POST',
      `/api/v1/events/${eventId}/registrations`,
      { name: 'Seat Holder', email: 'seat@example.org' },
      undefined,
    );
  });

  it('shows "join the waitlist" once the seats are taken, and the ticket page gives the position', async () => {
    const page = await t.app.inject({ url: eventUrl, headers: { 'accept-language': 'en' } });
    expect(page.body).toContain(`<strong>${msg(en, 'event.full', { count: 0 })}</strong>`);
    expect(page.body).toContain(`<button type="submit">${escapeHtml(en['event.joinWaitlist'])}</button>`);
    expect(page.body).not.toContain(`<button type="submit">${en['event.register']}</button>`);
    const frPage = await t.app.inject({ url: eventUrl, headers: { 'accept-language': 'fr' } });
    expect(frPage.body).toContain(`<button type="submit">${escapeHtml(fr['event.joinWaitlist'])}</button>`);

    for (const [i, name] of ['Wanda', 'Walt'].entries()) {
      const b = browser();
      const path = ticketPath(
        await b.submit(`/events/${eventId}`, `/events/${eventId}/register`, {
          name,
          email: `${name.toLowerCase()}@example.org`,
        }),
      );
      const ticket = await b.get(path);
      expect(ticket.statusCode).toBe(200);
      expect(statusOf(ticket.body)?.slice(1)).toEqual([
        'waitlisted',
        msg(en, 'ticket.waitlisted', { position: i + 1 }),
      ]);
      // No seat, so no QR code nor check-in code.
      expect(ticket.body).not.toContain('<svg');
      expect(ticket.body).not.toMatch(/<code>[0-9A-F]{16}<\/code>/);
      waiting.push({ browser: b, path });
    }
    expect((await t.app.inject({ url: eventUrl, headers: { 'accept-language': 'nl' } })).body).toContain(
      msg(nl, 'event.full', { count: 2 }),
    );
    expect(await registrationsOf(eventId)).toEqual([
      ['Seat Holder', 'confirmed', undefined],
      ['Wanda', 'waitlisted', 1],
      ['Walt', 'waitlisted', 2],
    ]);
  });

  it('cancelling from the ticket page needs the CSRF token, then gives the seat to the head of the waitlist', async () => {
    expect(waiting).toHaveLength(2);
    const path = new URL(first.manageUrl).pathname;
    expect(path).toMatch(/^\/r\/[A-Za-z0-9_-]{32}$/);
    const holder = browser();
    const ticket = await holder.get(path);
    expect(ticket.statusCode).toBe(200);
    // The ticket links to a page that asks first; that page carries the form.
    expect(ticket.body).toContain(`href="${path}/cancel"`);
    const ask = await holder.get(`${path}/cancel`);
    expect(ask.body).toContain(`<form method="post" action="${path}/cancel" class="actions" novalidate>`);

    const forged = await holder.request('POST', `${path}/cancel`, {});
    expect(forged.statusCode).toBe(403);
    expect(await registrationsOf(eventId)).toEqual([
      ['Seat Holder', 'confirmed', undefined],
      ['Wanda', 'waitlisted', 1],
      ['Walt', 'waitlisted', 2],
    ]);

    const token = csrfOf(ask.body);
    const res = await holder.request('POST', `${path}/cancel`, { _csrf: token });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(path);
    const after = await holder.get(path);
    expect(statusOf(after.body)?.slice(1)).toEqual(['cancelled', escapeHtml(en['ticket.cancelled'])]);
    expect(after.body).not.toContain(`href="${path}/cancel"`);
    // No longer reads like a ticket, and offers a way back in.
    expect(after.body).toContain('<p class="errors" role="status" id="registration-status" data-status="cancelled">');
    expect(after.body).toContain(`<a href="${eventUrl}">${escapeHtml(en['ticket.registerAgain'])}</a>`);
    expect(after.body).not.toContain(escapeHtml(en['ticket.keepLink']));

    expect(await registrationsOf(eventId)).toEqual([
      ['Seat Holder', 'cancelled', undefined],
      ['Wanda', 'confirmed', undefined],
      ['Walt', 'waitlisted', 1],
    ]);
    const wanda = await waiting[0]!.browser.get(waiting[0]!.path);
    expect(statusOf(wanda.body)?.[1]).toBe('confirmed');
    expect(wanda.body).toMatch(/<div class="qr" role="img" aria-label="[^"]+"><svg/);
    const walt = await waiting[1]!.browser.get(waiting[1]!.path);
    expect(statusOf(walt.body)?.slice(1)).toEqual(['waitlisted', msg(en, 'ticket.waitlisted', { position: 1 })]);
    // Cancelling twice changes nothing more.
    expect((await holder.request('POST', `${path}/cancel`, { _csrf: token })).statusCode).toBe(303);
    expect(await registrationsOf(eventId)).toEqual([
      ['Seat Holder', 'cancelled', undefined],
      ['Wanda', 'confirmed', undefined],
      ['Walt', 'waitlisted', 1],
    ]);
  });
});

describe('organiser pages', () => {
  const newEventForm = (over: Record<string, string> = {}) => ({
    title: 'Jeudi du code',
    kind: 'meetup',
    description: 'Every first Thursday',
    date: '2027-03-04',
    startTime: '18:30',
    endTime: '21:00',
    timeZone: 'Europe/Brussels',
    venue: 'switch',
    room: '',
    onlineUrl: '',
    capacity: '30',
    guestRegistration: 'on',
    waitlist: 'on',
    publish: 'on',
    repeat: 'monthly-nth',
    count: '3',
    rrule: '',
    ...over,
  });

  it('creates a "first Thursday" series from the form: three occurrences at 18:30 Brussels time', async () => {
    const b = await signedIn(admin);
    const page = await b.get('/admin/chapters/charleroi/events/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post" action="/admin/chapters/charleroi/events"');
    expect(page.body).toContain(`<option value="monthly-nth">${escapeHtml(en['repeat.monthlyNth'])}</option>`);

    const before = await countRows('events');
    const res = await b.request('POST', '/admin/chapters/charleroi/events', {
      _csrf: csrfOf(page.body),
      ...newEventForm(),
    });
    expect(res.statusCode, res.body).toBe(303);
    const m = /^\/admin\/events\/([0-9a-f-]{36})\?done=created$/.exec(String(res.headers.location));
    expect(m, String(res.headers.location)).not.toBeNull();
    expect(await countRows('events')).toBe(before + 3);

    const created = await api('GET', `/api/v1/events/${m![1]}`);
    expect(created).toMatchObject({
      title: 'Jeudi du code',
      startsAt: '2027-03-04T17:30:00.000Z',
      endsAt: '2027-03-04T20:00:00.000Z',
      timeZone: 'Europe/Brussels',
      capacity: 30,
      status: 'published',
      venue: { slug: 'switch' },
    });
    const series = await api('GET', `/api/v1/series/${created.seriesId}`);
    expect(series).toMatchObject({
      rrule: 'FREQ=MONTHLY;BYDAY=1TH;COUNT=3',
      timeZone: 'Europe/Brussels',
      firstStartLocal: '2027-03-04T18:30',
    });
    const occurrences = await Promise.all(
      (series.occurrences as { id: string }[]).map((o) => api('GET', `/api/v1/events/${o.id}`)),
    );
    // 18:30 in Brussels is 17:30 UTC in winter and 16:30 UTC after the switch to summer time (28 March 2027).
    expect(occurrences.map((e: { startsAt: string; endsAt: string }) => [e.startsAt, e.endsAt])).toEqual([
      ['2027-03-04T17:30:00.000Z', '2027-03-04T20:00:00.000Z'],
      ['2027-04-01T16:30:00.000Z', '2027-04-01T19:00:00.000Z'],
      ['2027-05-06T16:30:00.000Z', '2027-05-06T19:00:00.000Z'],
    ]);
    for (const e of occurrences) {
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Brussels',
        weekday: 'long',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(e.startsAt));
      expect(local).toBe('Thursday 18:30');
    }

    const edit = await b.get(String(res.headers.location));
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain(escapeHtml(en['form.created']));
  });

  it('re-renders the form with 400 and field errors for a missing end time, and creates nothing', async () => {
    const b = await signedIn(admin);
    const before = await countRows('events');
    const res = await b.submit(
      '/admin/chapters/charleroi/events/new',
      '/admin/chapters/charleroi/events',
      newEventForm({ title: 'No end', endTime: '', date: '2027-06-03' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(escapeHtml(en['form.errors']));
    expect(res.body).toMatch(/<input id="f-endTime" name="endTime" required aria-invalid="true"/);
    expect(res.body).toContain('<p class="field-error" id="f-endTime-error">is required</p>');
    expect(res.body).toContain('<a href="#f-endTime"><span class="label">Ends at</span>: is required</a>');
    // The date was right: it is not the field blamed.
    expect(res.body).not.toContain('id="f-date-error"');
    // What was typed stays in the form.
    expect(res.body).toContain('value="No end"');
    expect(res.body).toContain('value="2027-06-03"');
    expect(res.body).toMatch(/<option value="monthly-nth" selected>/);
    expect(await countRows('events')).toBe(before);
  });

  it('re-renders the form with 400 and the problem of a bad custom RRULE, and creates nothing', async () => {
    const b = await signedIn(admin);
    const [events, series] = [await countRows('events'), await countRows('event_series')];
    const res = await b.submit(
      '/admin/chapters/charleroi/events/new',
      '/admin/chapters/charleroi/events',
      newEventForm({ title: 'Bad rule', date: '2027-06-03', repeat: 'custom', rrule: 'FREQ=SOMETIMES;COUNT=3' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(
      '<p class="field-error" id="f-rrule-error">is not a valid RRULE: FREQ must be one of YEARLY, MONTHLY, WEEKLY, DAILY</p>',
    );
    expect(res.body).toMatch(/<input id="f-rrule" name="rrule" aria-invalid="true"/);
    expect(res.body).toContain('value="FREQ=SOMETIMES;COUNT=3"');
    expect(await countRows('events')).toBe(events);
    expect(await countRows('event_series')).toBe(series);
  });

  describe('door check-in and the registrations', () => {
    let eventId: string;
    let otherId: string;
    let ada: { checkInCode: string };
    let bob: { checkInCode: string };
    let stranger: { checkInCode: string };

    beforeAll(async () => {
      eventId = (
        await createEvent({
          title: 'Door night',
          startsAt: later(30),
          endsAt: later(30, 19),
          capacity: 10,
          onlineUrl: 'https://meet.example.org/door',
        })
      ).id;
      otherId = (
        await createEvent({
          title: 'Other "night"',
          startsAt: later(31),
          endsAt: later(31, 19),
          capacity: 10,
          onlineUrl: 'https://meet.example.org/other',
        })
      ).id;
      ada = await api(
        'POST',
        `/api/v1/events/${eventId}/registrations`,
        { name: 'Ada', email: 'ada.door@example.org' },
        undefined,
      );
      bob = await api(
        'POST',
        `/api/v1/events/${eventId}/registrations`,
        { name: 'Bob, "the builder"', email: 'bob.door@example.org' },
        undefined,
      );
      stranger = await api(
        'POST',
        `/api/v1/events/${otherId}/registrations`,
        { name: 'Stranger', email: 'stranger@example.org' },
        undefined,
      );
    });

    it('checks a code in, says so, and refuses the code of another event with its message', async () => {
      const b = await signedIn(organiser);
      const door = await b.get(`/admin/events/${eventId}/door`);
      expect(door.statusCode).toBe(200);
      expect(door.body).toContain(`<h1>${escapeHtml(en['admin.door'])}</h1>`);
      expect(door.body).toContain('0 / 2');

      const ok = await b.request('POST', `/admin/events/${eventId}/door`, {
        _csrf: csrfOf(door.body),
        code: ` ${ada.checkInCode.toLowerCase()} `,
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain(`<p class="notice" role="status">Ada — ${escapeHtml(en['admin.checkedIn'])} ✔</p>`);
      expect(ok.body).toContain('1 / 2');
      const checked = (await api('GET', `/api/v1/events/${eventId}/registrations`)).items as {
        name: string;
        checkedInAt: string | null;
      }[];
      expect(checked.find((r) => r.name === 'Ada')!.checkedInAt).not.toBeNull();
      expect(checked.find((r) => r.name !== 'Ada')!.checkedInAt).toBeNull();

      // A second scan is harmless.
      const again = await b.submit(`/admin/events/${eventId}/door`, `/admin/events/${eventId}/door`, {
        code: ada.checkInCode,
      });
      expect(again.statusCode).toBe(200);
      expect(again.body).toContain(`<p class="notice" role="status">Ada — ${escapeHtml(en['admin.checkedIn'])}</p>`);

      const wrong = await b.submit(`/admin/events/${eventId}/door`, `/admin/events/${eventId}/door`, {
        code: stranger.checkInCode,
      });
      expect(wrong.statusCode).toBe(409);
      expect(wrong.body).toContain(
        `<p class="errors" role="status">${escapeHtml('This ticket is for another event: "Other "night"".')}</p>`,
      );
      const unknown = await b.submit(`/admin/events/${eventId}/door`, `/admin/events/${eventId}/door`, {
        code: 'FFFFFFFFFFFFFFFF',
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('<p class="errors" role="status">No ticket of this event has this code.</p>');
      expect((await api('GET', `/api/v1/events/${otherId}/registrations`)).items[0].checkedInAt).toBeNull();

      // Without the CSRF token nobody is checked in.
      expect((await b.request('POST', `/admin/events/${eventId}/door`, { code: bob.checkInCode })).statusCode).toBe(
        403,
      );
      expect(
        (
          (await api('GET', `/api/v1/events/${eventId}/registrations`)).items as { checkedInAt: string | null }[]
        ).filter((r) => r.checkedInAt),
      ).toHaveLength(1);
    });

    it('exports the registrations as CSV to organisers, and sends anonymous visitors to sign in', async () => {
      const b = await signedIn(organiser);
      const res = await b.get(`/admin/events/${eventId}/registrations.csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="registrations-${eventId}.csv"`);
      const lines = res.body.trim().split('\r\n');
      expect(lines[0]).toBe('name,email,status,waitlist_position,registered_at,checked_in_at,attendance');
      expect(lines).toHaveLength(3);
      // Ada was checked in at the door above.
      expect(lines[1]).toMatch(
        /^Ada,ada\.door@example\.org,confirmed,,\d{4}-\d\d-\d\dT[^,]+,\d{4}-\d\d-\d\dT[^,]+,attended$/,
      );
      expect(lines[2]).toMatch(/^"Bob, ""the builder""",bob\.door@example\.org,confirmed,,/);

      const anonymous = await t.app.inject({ url: `/admin/events/${eventId}/registrations.csv` });
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toBe(
        `/login?next=${encodeURIComponent(`/admin/events/${eventId}/registrations.csv`)}`,
      );
      expect(anonymous.body).not.toContain('door@example.org');
    });

    it('refuses the admin event pages to a member who is not an organiser with 403', async () => {
      const b = await signedIn(member);
      for (const url of [
        `/admin/events/${eventId}`,
        `/admin/events/${eventId}/registrations`,
        `/admin/events/${eventId}/door`,
        `/admin/events/${eventId}/registrations.csv`,
        '/admin/chapters/charleroi/events/new',
      ]) {
        const res = await b.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.body, url).not.toContain('door@example.org');
        expect(res.body, url).not.toContain(ada.checkInCode);
      }
      // Nor can they post: a page of their own gives them a valid token for their cookie.
      const token = csrfOf((await b.get('/me')).body);
      const door = await b.request('POST', `/admin/events/${eventId}/door`, { _csrf: token, code: bob.checkInCode });
      expect(door.statusCode).toBe(403);
      const before = await countRows('events');
      const create = await b.request('POST', '/admin/chapters/charleroi/events', {
        _csrf: token,
        ...newEventForm({ repeat: 'none' }),
      });
      expect(create.statusCode).toBe(403);
      expect(await countRows('events')).toBe(before);
      expect(
        (
          (await api('GET', `/api/v1/events/${eventId}/registrations`)).items as { checkedInAt: string | null }[]
        ).filter((r) => r.checkedInAt),
      ).toHaveLength(1);
      // Nor can an anonymous visitor with a token from a public page: 401, and nobody is checked in.
      const visitor = browser();
      const publicToken = csrfOf((await visitor.get(`/events/${eventId}`)).body);
      const anonymousDoor = await visitor.request('POST', `/admin/events/${eventId}/door`, {
        _csrf: publicToken,
        code: bob.checkInCode,
      });
      expect(anonymousDoor.statusCode).toBe(401);
      expect(anonymousDoor.body).not.toContain('Bob');
      expect(
        (
          (await api('GET', `/api/v1/events/${eventId}/registrations`)).items as { checkedInAt: string | null }[]
        ).filter((r) => r.checkedInAt),
      ).toHaveLength(1);
      // The organiser of the chapter, not an admin, is let in.
      expect((await (await signedIn(organiser)).get(`/admin/events/${eventId}`)).statusCode).toBe(200);
    });
  });
});
