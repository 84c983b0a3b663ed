import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWalk, type Walk } from '../support/walk.js';

/**
 * The waitlist through the real, built server in a real browser: an event with one seat, taken
 * through the API; a guest fills the RSVP form and lands on the waitlist; the person with the seat
 * cancels from their ticket page; the guest reloads theirs and has the seat, with its QR code.
 * Every page on the way is checked with axe-core.
 */

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };
const GUEST = { name: 'Grace Hopper', email: 'grace@example.org', role: 'Developer', diet: 'Vegetarian' };
const HOLDER = { name: 'Seat Holder', email: 'holder@example.org' };
const TITLE = 'Soirée Rust & café';

let walk: Walk;
let eventId: string;
/** The event's canonical page, `/events/{id}-{slug}`. */
let eventUrl: string;
/** The path of the seat holder's secret link (its host is the server's BASE_URL). */
let holderPath: string;

beforeAll(async () => {
  walk = await startWalk('e2e-waitlist', { ESSAIM_ADMIN_EMAIL: ADMIN.email, ESSAIM_ADMIN_PASSWORD: ADMIN.password });
  const api = walk.api;

  // The organiser's side, through the JSON API.
  const { token } = await api<{ token: string }>('POST', '/api/v1/auth/tokens', { ...ADMIN, name: 'e2e waitlist' });
  await api(
    'POST',
    '/api/v1/venues',
    {
      name: 'Quai 10',
      city: 'Charleroi',
      address: 'Quai Arthur Rimbaud 10',
      rooms: [{ name: 'Salle 1', capacity: 40 }],
    },
    token,
  );
  await api('POST', '/api/v1/chapters', { name: 'Charleroi', city: 'Charleroi', status: 'active' }, token);
  const start = new Date(Date.now() + 30 * 86_400_000);
  start.setUTCHours(17, 30, 0, 0);
  const event = await api<{ id: string; url: string; capacity: number; waitlist: boolean }>(
    'POST',
    '/api/v1/chapters/charleroi/events',
    {
      title: TITLE,
      description: 'Une soirée **Rust**, une seule place.',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
      venue: 'quai-10',
      room: 'Salle 1',
      capacity: 1,
      questions: [
        { id: 'role', label: 'Your role', type: 'choice', choices: ['Developer', 'Designer', 'Other'], required: true },
        { id: 'diet', label: 'Dietary needs', type: 'text' },
      ],
    },
    token,
  );
  expect(event).toMatchObject({ capacity: 1, waitlist: true });
  eventId = event.id;
  eventUrl = event.url;
  const holder = await api<{ status: string; manageUrl: string }>('POST', `/api/v1/events/${eventId}/registrations`, {
    ...HOLDER,
    answers: { role: 'Designer' },
  });
  expect(holder.status).toBe('confirmed');
  holderPath = new URL(holder.manageUrl).pathname;
  expect(holderPath).toMatch(/^\/r\/[A-Za-z0-9_-]+$/);
}, 120_000);

afterAll(() => walk?.close(), 120_000);

const status = (page: Page) => page.locator('#registration-status');

describe('a guest on the waitlist gets the seat a cancellation frees', () => {
  it('registers on the waitlist through the form, and is confirmed with a QR code once the seat holder cancels', {
    timeout: 120_000,
  }, async () => {
    // The guest finds the event full, and its form offers the waitlist.
    const guest = await walk.page({ locale: 'en-GB' });
    await walk.visit(guest, eventUrl);
    expect(await guest.locator('html').getAttribute('lang')).toBe('en');
    // The title is the organiser's French, marked as such for an English reader.
    const heading = guest.getByRole('heading', { level: 1 });
    expect(await heading.locator('[lang="fr"]').textContent()).toBe(TITLE);
    expect(await heading.textContent()).toBe(`${TITLE} (original in French)`);
    expect(await guest.locator('main').textContent()).toContain('Full — 0 people on the waitlist');
    expect(await guest.getByRole('button', { name: 'Register', exact: true }).count()).toBe(0);

    await guest.getByLabel('Your name', { exact: true }).fill(GUEST.name);
    await guest.getByLabel('Your e-mail', { exact: true }).fill(GUEST.email);
    await guest.getByLabel('Your role').selectOption(GUEST.role);
    await guest.getByLabel('Dietary needs').fill(GUEST.diet);
    await Promise.all([
      guest.waitForURL(/\/r\/[A-Za-z0-9_-]+$/, { waitUntil: 'load' }),
      guest.getByRole('button', { name: 'Join the waitlist' }).click(),
    ]);
    await walk.audit(guest);
    const guestPath = new URL(guest.url()).pathname;
    expect(await guest.getByRole('heading', { level: 1 }).textContent()).toBe('Your registration');
    expect(await status(guest).getAttribute('data-status')).toBe('waitlisted');
    expect(await status(guest).textContent()).toBe(
      'You are on the waitlist, in position 1. You will get a seat as soon as one frees up.',
    );
    expect(await guest.locator('main').textContent()).toContain(`${GUEST.name} (${GUEST.email})`);
    expect(await guest.locator('.qr svg').count()).toBe(0);

    // The seat holder, a French speaker in a browser of their own, opens their link and cancels.
    const holder = await walk.page({ locale: 'fr-BE' });
    await walk.visit(holder, holderPath);
    expect(await holder.locator('html').getAttribute('lang')).toBe('fr');
    expect(await status(holder).getAttribute('data-status')).toBe('confirmed');
    expect(await holder.locator('.qr svg').count()).toBe(1);
    // Cancelling asks first, saying what it costs.
    await Promise.all([
      holder.waitForURL((u) => u.pathname === `${holderPath}/cancel`),
      holder.getByRole('link', { name: 'Annuler mon inscription' }).click(),
    ]);
    await holder.waitForLoadState('load');
    await walk.audit(holder);
    expect(await holder.locator('main').textContent()).toContain('Votre place va aussitôt à la première personne');
    await Promise.all([
      holder.waitForResponse((r) => new URL(r.url()).pathname === holderPath && r.request().method() === 'GET'),
      holder.getByRole('button', { name: 'Oui, annuler mon inscription' }).click(),
    ]);
    await holder.waitForLoadState('load');
    await walk.audit(holder);
    expect(new URL(holder.url()).pathname).toBe(holderPath);
    expect(await status(holder).getAttribute('data-status')).toBe('cancelled');
    expect(await status(holder).textContent()).toBe('Cette inscription est annulée.');
    expect(await holder.getByRole('link', { name: 'Annuler mon inscription' }).count()).toBe(0);
    expect(await holder.locator('.qr svg').count()).toBe(0);

    // The guest reloads their ticket: the seat is theirs, with the QR code and the check-in code.
    const reloaded = await guest.reload({ waitUntil: 'load' });
    expect(reloaded?.status()).toBe(200);
    await walk.audit(guest);
    expect(await status(guest).getAttribute('data-status')).toBe('confirmed');
    expect(await status(guest).textContent()).toBe('You are registered. Show this code at the door.');
    const code = (await guest.locator('figcaption code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-F]{16}$/);
    const qr = guest.getByRole('img', { name: `Check-in code: ${code}` });
    expect(await qr.count()).toBe(1);
    expect(await qr.locator('svg').isVisible()).toBe(true);
    const box = await qr.locator('svg').boundingBox();
    expect(box && box.width >= 100 && box.height >= 100, `QR code box ${JSON.stringify(box)}`).toBe(true);

    // The event page counts the seat as taken by the guest, and nobody waits any more.
    await walk.visit(guest, eventUrl);
    expect(await guest.locator('main').textContent()).toContain('Full — 0 people on the waitlist');

    expect(walk.audited).toEqual([
      eventUrl,
      guestPath,
      holderPath,
      `${holderPath}/cancel`,
      holderPath,
      guestPath,
      eventUrl,
    ]);
  });
});
