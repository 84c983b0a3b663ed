import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishIn } from '../support/english.js';
import { startWalk, type Walk } from '../support/walk.js';

/**
 * A French, a Dutch and an English visitor walk the same pages in a real browser — home, a
 * chapter, an event, an RSVP with mistakes, a sign-up with mistakes — each page audited with
 * axe-core; the French and Dutch pages carry no sentence of the English interface.
 */

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };
const PREFIXES = ['nav.', 'home.', 'chapter.', 'event.', 'registration.', 'signup.', 'form.', 'validation.', 'error.'];

let walk: Walk;
/** The event's canonical page, `/events/{id}-{slug}`. */
let eventUrl: string;

beforeAll(async () => {
  walk = await startWalk('e2e-languages', { ESSAIM_ADMIN_EMAIL: ADMIN.email, ESSAIM_ADMIN_PASSWORD: ADMIN.password });
  const { token } = await walk.api<{ token: string }>('POST', '/api/v1/auth/tokens', {
    ...ADMIN,
    name: 'e2e languages',
  });
  await walk.api(
    'POST',
    '/api/v1/chapters',
    {
      name: 'Kortrijk',
      city: 'Kortrijk',
      status: 'active',
      language: 'nl',
      description: 'Meetups voor de tech-community.',
      translations: { fr: { name: 'Courtrai', description: 'Des meetups pour la communauté tech.' } },
    },
    token,
  );
  const start = new Date(Date.now() + 30 * 86_400_000);
  start.setUTCHours(17, 30, 0, 0);
  const event = await walk.api<{ id: string; url: string }>(
    'POST',
    '/api/v1/chapters/kortrijk/events',
    {
      title: 'Zeta-avond',
      language: 'nl',
      translations: { fr: { title: 'Soirée Zeta' }, en: { title: 'Zeta evening' } },
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
      onlineUrl: 'https://meet.example.org/zeta',
      capacity: 10,
    },
    token,
  );
  eventUrl = event.url;
}, 120_000);

afterAll(() => walk?.close(), 120_000);

const visible = (page: Page) =>
  page
    .locator('body')
    .textContent()
    .then((s) => s ?? '');

for (const [lang, locale, title] of [
  ['fr', 'fr-BE', 'Soirée Zeta'],
  ['nl', 'nl-BE', 'Zeta-avond'],
  ['en', 'en-GB', 'Zeta evening'],
] as const) {
  describe(`a visitor reading ${lang}`, () => {
    it('goes through home, chapter, event, an RSVP and a sign-up with mistakes, in their language', {
      timeout: 180_000,
    }, async () => {
      const page = await walk.page({ locale });
      const pages: string[] = [];
      const read = async () => pages.push(`${page.url()}\n${await visible(page)}`);

      await walk.visit(page, `/?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await read();

      await walk.visit(page, '/chapters/kortrijk');
      // The chapter speaks the visitor's language when written in it; English falls back on the Dutch original, marked.
      if (lang === 'fr') expect((await page.locator('h1').textContent()) ?? '').toContain('Courtrai');
      if (lang === 'en') expect(await page.locator('.original-language').count()).toBeGreaterThan(0);
      await read();

      await walk.visit(page, eventUrl);
      expect((await page.locator('h1').textContent()) ?? '').toContain(title);
      await read();

      // RSVP with no name and a wrong address: the errors come back in the visitor's language.
      const rsvp = page.locator(`form[action="${eventUrl}/register"]`);
      await rsvp.locator('input[name="email"]').fill('not-an-address');
      await Promise.all([page.waitForLoadState('load'), rsvp.locator('button[type="submit"]').click()]);
      await page.waitForSelector('.errors');
      await walk.audit(page);
      await read();

      await walk.visit(page, '/signup');
      const signup = page.locator('form[action="/signup"]');
      await signup.locator('input[name="email"]').fill('nobody');
      await Promise.all([page.waitForLoadState('load'), signup.locator('button[type="submit"]').click()]);
      await page.waitForSelector('.errors');
      await walk.audit(page);
      await read();

      if (lang !== 'en') for (const text of pages) expect(englishIn(text, PREFIXES), text.split('\n')[0]).toEqual([]);
      else expect(englishIn(pages.join('\n'), PREFIXES).length).toBeGreaterThan(0);
    });
  });
}
