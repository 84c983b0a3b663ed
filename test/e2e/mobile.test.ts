import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWalk, type Walk } from '../support/walk.js';

/**
 * A 390-px phone in Chromium: the header menu folds behind "Menu" and opens without JavaScript,
 * no main page scrolls sideways, and a wide table scrolls in its box with its first column in view.
 */

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };
const PHONE = { width: 390, height: 844 };

let walk: Walk;
let eventId: string;
let eventUrl: string;

beforeAll(async () => {
  walk = await startWalk('e2e-mobile', { ESSAIM_ADMIN_EMAIL: ADMIN.email, ESSAIM_ADMIN_PASSWORD: ADMIN.password });
  const { token } = await walk.api<{ token: string }>('POST', '/api/v1/auth/tokens', { ...ADMIN, name: 'e2e mobile' });
  await walk.api('POST', '/api/v1/chapters', { name: 'Mons–Borinage', city: 'Mons', status: 'active' }, token);
  await walk.api(
    'POST',
    '/api/v1/venues',
    {
      name: 'La Maison du Numérique et des Nouvelles Technologies',
      city: 'Mons',
      address: 'Avenue du Champ de Mars 8, 7000 Mons',
      rooms: [{ name: 'Grande salle', capacity: 80 }],
    },
    token,
  );
  const start = new Date(Date.now() + 12 * 86_400_000);
  start.setUTCHours(17, 30, 0, 0);
  ({ id: eventId, url: eventUrl } = await walk.api<{ id: string; url: string }>(
    'POST',
    '/api/v1/chapters/mons-borinage/events',
    {
      title: 'Une soirée consacrée aux architectures distribuées résilientes',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
      venue: 'la-maison-du-numerique-et-des-nouvelles-technologies',
      room: 'Grande salle',
      capacity: 80,
      questions: [
        { id: 'company', label: 'Your company or organisation', type: 'text' },
        { id: 'role', label: 'What do you do there, in a few words?', type: 'text' },
        { id: 'diet', label: 'Dietary needs we should know about', type: 'text' },
      ],
    },
    token,
  ));
  for (const name of ['Adélaïde Vandenberghe-Lombardi', 'Bartholomeus Van den Broeck', 'Chloé Dubois'])
    await walk.api('POST', `/api/v1/events/${eventId}/registrations`, {
      name,
      email: `${name
        .split(' ')[0]!
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]/g, '')}@example.org`,
      answers: {
        company: 'Une entreprise au nom particulièrement long SPRL',
        role: 'Architecte de solutions infonuagiques',
        diet: 'Végétarien, sans noix',
      },
    });
}, 120_000);

afterAll(() => walk?.close(), 120_000);

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function signIn(page: Page) {
  await walk.visit(page, '/login');
  await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await walk.submit(page, 'Sign in', /\/admin$/);
}

describe('on a 390-px phone', () => {
  it('folds the header menu behind a Menu button that opens without JavaScript', { timeout: 120_000 }, async () => {
    const page = await walk.page({ locale: 'en-GB', viewport: PHONE, javaScriptEnabled: false });
    // axe-core needs JavaScript: this page is opened, not audited (the others are).
    expect((await page.goto(new URL('/', walk.server.url).toString()))?.status()).toBe(200);
    const menu = page.locator('header summary');
    expect(await menu.textContent()).toContain('Menu');
    const venues = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Venues' });
    expect(await menu.isVisible()).toBe(true);
    expect(await venues.isVisible()).toBe(false);
    await menu.click();
    expect(await venues.isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Nederlands' }).isVisible()).toBe(true);
    expect(await sideways(page)).toBe(0);
    await Promise.all([page.waitForURL(/\/venues$/), venues.click()]);
    // A new page starts folded again.
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Venues' }).isVisible()).toBe(
      false,
    );
  });

  it('shows the whole menu on a wide screen, with no Menu button', { timeout: 120_000 }, async () => {
    const page = await walk.page({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    await walk.visit(page, '/');
    expect(await page.locator('header summary').count()).toBe(1);
    expect(await page.locator('header summary').isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Venues' }).isVisible()).toBe(
      true,
    );
    expect(await page.getByRole('link', { name: 'Français' }).isVisible()).toBe(true);
  });

  it('never scrolls sideways on the main pages, public and signed in', { timeout: 240_000 }, async () => {
    const page = await walk.page({ locale: 'fr-BE', viewport: PHONE });
    const publicPages = [
      '/',
      '/events',
      eventUrl,
      '/venues',
      '/venues/la-maison-du-numerique-et-des-nouvelles-technologies',
      '/chapters/mons-borinage',
      '/news',
      '/login',
      '/signup',
    ];
    const wide: string[] = [];
    for (const path of publicPages) {
      await walk.visit(page, path);
      const px = await sideways(page);
      if (px > 0) wide.push(`${path}: ${px} px`);
    }
    await walk.visit(page, '/login');
    await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
    await walk.submit(page, 'Se connecter', /\/admin$/);
    for (const path of [
      '/admin',
      '/me',
      '/members',
      `/admin/events/${eventId}`,
      `/admin/events/${eventId}/registrations`,
      `/admin/events/${eventId}/door`,
      '/admin/chapters/mons-borinage',
      '/admin/outbox',
    ]) {
      await walk.visit(page, path);
      const px = await sideways(page);
      if (px > 0) wide.push(`${path}: ${px} px`);
    }
    expect(wide).toEqual([]);

    // A long term ("M’afficher dans l’annuaire des membres") must not squeeze its value to a letter a line.
    await walk.visit(page, '/me');
    const narrowest = await page.evaluate(() =>
      Math.min(...Array.from(document.querySelectorAll('main dd'), (dd) => dd.getBoundingClientRect().width)),
    );
    expect(narrowest, 'the narrowest value of /me, in px').toBeGreaterThan(120);
    const email = page.locator('main dd', { hasText: ADMIN.email });
    expect((await email.boundingBox())!.height, 'the e-mail address on one line').toBeLessThan(36);
  });

  it('keeps the name column in view while a wide table scrolls in its box', { timeout: 120_000 }, async () => {
    const page = await walk.page({ locale: 'en-GB', viewport: PHONE });
    await signIn(page);
    await walk.visit(page, `/admin/events/${eventId}/registrations`);
    const box = page.locator('main .table-wrap').first();
    const scrollable = await box.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(scrollable, 'the table is wider than the phone').toBeGreaterThan(100);
    const name = page.getByRole('cell', { name: 'Chloé Dubois', exact: true });
    const email = page.getByRole('cell', { name: 'chloe@example.org', exact: true });
    await name.scrollIntoViewIfNeeded();
    await box.evaluate((el) => el.scrollTo(0, 0));
    const before = (await name.boundingBox())!;
    const emailBefore = (await email.boundingBox())!;
    await box.evaluate((el) => el.scrollBy(200, 0));
    const after = (await name.boundingBox())!;
    const emailAfter = (await email.boundingBox())!;
    // The other columns slide under it; the name stays where it was, readable.
    expect(emailAfter.x).toBeLessThan(emailBefore.x - 150);
    expect(Math.abs(after.x - before.x)).toBeLessThan(1);
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.textContent ?? '', {
      x: after.x + 5,
      y: after.y + after.height / 2,
    });
    expect(hit).toContain('Chloé Dubois');
    expect(await sideways(page)).toBe(0);
  });
});
