import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWalk, type Walk } from '../support/walk.js';

/**
 * The path of a network admin through the real, built server in a real browser: sign in, record a
 * coworking space and a chapter, bind them with a partnership, then look at the public home page as
 * a French- and a Dutch-speaking visitor. Every page on the way is checked with axe-core.
 */

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };
const VENUE = {
  name: 'Cowork Meuse',
  city: 'Liège',
  address: 'Quai de la Batte 10',
  coworkers: '40',
  room: 'Grande salle',
  capacity: '45',
};
const CHAPTER = { name: 'Liège', city: 'Liège', region: 'Wallonie' };
const PARTNERSHIP = {
  venueProvides: 'La salle, le projecteur et le café',
  networkProvides: 'Des orateurs et des membres',
};

let walk: Walk;

beforeAll(async () => {
  walk = await startWalk('e2e', { ESSAIM_ADMIN_EMAIL: ADMIN.email, ESSAIM_ADMIN_PASSWORD: ADMIN.password });
}, 120_000);

afterAll(() => walk?.close(), 120_000);

const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

describe('an admin builds a chapter that visitors then find', () => {
  it('signs in, creates a venue and an active chapter with a partnership; the home page shows it in French and Dutch', {
    timeout: 120_000,
  }, async () => {
    const page = await walk.page({ locale: 'en-GB' });

    // Sign in through the form; the login page sends an admin to /admin.
    await walk.visit(page, '/login');
    expect(await htmlLang(page)).toBe('en');
    await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await walk.submit(page, page.getByRole('button', { name: 'Sign in' }), /\/admin$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBeTruthy();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);

    // A coworking space with one room.
    await page.getByRole('link', { name: 'New venue' }).click();
    await page.waitForURL(/\/admin\/venues\/new$/);
    await walk.audit(page);
    // The texts side by side in three languages; the page's language (English) is the original.
    await page.getByLabel('Name (English)', { exact: true }).fill(VENUE.name);
    await page.getByLabel('Kind', { exact: true }).selectOption('coworking');
    await page.getByLabel('Address', { exact: true }).fill(VENUE.address);
    await page.getByLabel('City', { exact: true }).fill(VENUE.city);
    await page.getByLabel('Number of coworkers (optional)', { exact: true }).fill(VENUE.coworkers);
    await page.getByLabel('Room 1 (English)', { exact: true }).fill(VENUE.room);
    await page.locator('#f-room0_capacity').fill(VENUE.capacity);
    await walk.submit(page, page.getByRole('button', { name: 'Create' }), /\/admin\/venues\/[a-z0-9-]+\?done=created$/);
    const venueSlug = /\/admin\/venues\/([a-z0-9-]+)/.exec(page.url())![1]!;
    expect(venueSlug).toBe('cowork-meuse');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Created.');
    expect(await page.locator('#f-room0_name-en').inputValue()).toBe(VENUE.room);
    expect(await page.locator('#f-room0_capacity').inputValue()).toBe(VENUE.capacity);

    // An active chapter whose name carries an accent.
    await walk.visit(page, '/admin');
    await page.getByRole('link', { name: 'New chapter' }).click();
    await page.waitForURL(/\/admin\/chapters\/new$/);
    await walk.audit(page);
    await page.getByLabel('Name (English)', { exact: true }).fill(CHAPTER.name);
    await page.getByLabel('City', { exact: true }).fill(CHAPTER.city);
    await page.getByLabel('Region or province', { exact: true }).fill(CHAPTER.region);
    await page.getByLabel('Status', { exact: true }).selectOption('active');
    await walk.submit(
      page,
      page.getByRole('button', { name: 'Create' }),
      /\/admin\/chapters\/[a-z0-9-]+\?done=created$/,
    );
    const chapterSlug = /\/admin\/chapters\/([a-z0-9-]+)/.exec(page.url())![1]!;
    expect(chapterSlug).toBe('liege');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Edit ${CHAPTER.name}`);

    // On the chapter's admin page: the partnership with the venue.
    const form = page.locator(`form[action="/admin/chapters/${chapterSlug}/partnerships"]`);
    await form.getByLabel('Venue', { exact: true }).selectOption(venueSlug);
    await form.getByLabel('The venue provides (English)', { exact: true }).fill(PARTNERSHIP.venueProvides);
    await form.getByLabel('The network provides (English)', { exact: true }).fill(PARTNERSHIP.networkProvides);
    await form.getByLabel('Status', { exact: true }).selectOption('active');
    await walk.submit(
      page,
      form.getByRole('button', { name: 'Add' }),
      new RegExp(`/admin/chapters/${chapterSlug}\\?done=added$`),
    );
    const row = page.locator('table tbody tr', { hasText: VENUE.name });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(PARTNERSHIP.venueProvides);
    expect(await row.textContent()).toContain(PARTNERSHIP.networkProvides);
    expect(await row.textContent()).toContain('Active');

    // A French-speaking visitor, without the admin's cookies.
    const fr = await walk.page({ locale: 'fr-BE' });
    await walk.visit(fr, '/');
    expect(await htmlLang(fr)).toBe('fr');
    expect(await fr.getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
    expect(await fr.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    const activeFr = fr.locator('section', { has: fr.getByRole('heading', { level: 2, name: 'Antennes actives' }) });
    const cardFr = activeFr.locator(`#chapter-${chapterSlug}`);
    expect(await cardFr.getByRole('heading', { level: 3 }).textContent()).toBe(CHAPTER.name);
    expect(await cardFr.textContent()).toContain('Accueillie par');
    expect(await cardFr.getByRole('link', { name: VENUE.name }).getAttribute('href')).toBe(`/venues/${venueSlug}`);

    // The public chapter and venue pages it links to.
    await cardFr.getByRole('link', { name: CHAPTER.name }).click();
    await fr.waitForURL(new RegExp(`/chapters/${chapterSlug}$`));
    await walk.audit(fr);
    expect(await fr.getByRole('heading', { level: 1 }).textContent()).toContain(CHAPTER.name);
    expect(await fr.getByRole('link', { name: VENUE.name }).count()).toBe(1);
    await fr.getByRole('link', { name: VENUE.name }).click();
    await fr.waitForURL(new RegExp(`/venues/${venueSlug}$`));
    await walk.audit(fr);
    expect(await fr.getByRole('heading', { level: 1 }).textContent()).toBe(VENUE.name);
    expect(await fr.locator('main').textContent()).toContain('Espace de coworking');
    expect(await fr.locator('table tbody tr', { hasText: VENUE.room }).count()).toBe(1);

    // The same visitor switches to Dutch with the language link.
    await walk.visit(fr, '/');
    await fr.locator('a[hreflang="nl"]').click();
    await fr.waitForURL(/\/\?lang=nl$/);
    await walk.audit(fr);
    expect(await htmlLang(fr)).toBe('nl');
    const activeNl = fr.locator('section', { has: fr.getByRole('heading', { level: 2, name: 'Actieve afdelingen' }) });
    expect(await activeNl.locator(`#chapter-${chapterSlug}`).textContent()).toContain('Te gast bij');
    expect(await activeNl.locator(`#chapter-${chapterSlug}`).getByRole('link', { name: VENUE.name }).count()).toBe(1);

    // A Dutch-speaking visitor whose browser asks for Dutch.
    const nl = await walk.page({ locale: 'nl-BE' });
    await walk.visit(nl, '/');
    expect(await htmlLang(nl)).toBe('nl');
    expect(await nl.getByRole('heading', { level: 2, name: 'Actieve afdelingen' }).count()).toBe(1);
    const cardNl = nl.locator(`#chapter-${chapterSlug}`);
    expect(await cardNl.getByRole('heading', { level: 3 }).textContent()).toBe(CHAPTER.name);
    expect(await cardNl.textContent()).toContain('Te gast bij');
    expect(await cardNl.getByRole('link', { name: VENUE.name }).count()).toBe(1);
    expect(await nl.getByRole('link', { name: 'Aanmelden' }).count()).toBe(1);

    expect(walk.audited).toEqual([
      '/login',
      '/admin',
      '/admin/venues/new',
      `/admin/venues/${venueSlug}?done=created`,
      '/admin',
      '/admin/chapters/new',
      `/admin/chapters/${chapterSlug}?done=created`,
      `/admin/chapters/${chapterSlug}?done=added`,
      '/',
      `/chapters/${chapterSlug}`,
      `/venues/${venueSlug}`,
      '/',
      '/?lang=nl',
      '/',
    ]);
  });
});
