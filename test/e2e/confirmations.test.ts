import { HtmlValidate } from 'html-validate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWalk, type Walk } from '../support/walk.js';

/**
 * What an organiser and a venue manager see before and after the acts that reach many people, in
 * Chromium on a 390-px phone, axe-checked page by page and html-validate clean: cancelling an event
 * says who will be told first; the venue's figures and public page read on a phone.
 */

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };
const phone = { locale: 'fr-BE', viewport: { width: 390, height: 844 } };

let walk: Walk;
let eventId: string;
const sources = new Map<string, string>();
const keep = async (page: Page) => {
  const url = new URL(page.url());
  sources.set(url.pathname + url.search, await (await page.request.get(page.url())).text());
};
/** Nothing sticks out sideways on a phone. */
const noSideScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

beforeAll(async () => {
  walk = await startWalk('e2e-confirm', { ESSAIM_ADMIN_EMAIL: ADMIN.email, ESSAIM_ADMIN_PASSWORD: ADMIN.password });
  const { token } = await walk.api<{ token: string }>('POST', '/api/v1/auth/tokens', { ...ADMIN, name: 'e2e' });
  await walk.api('POST', '/api/v1/chapters', { name: 'Charleroi', city: 'Charleroi', status: 'active' }, token);
  await walk.api(
    'POST',
    '/api/v1/venues',
    { name: 'Quai10', city: 'Charleroi', address: 'Quai Arthur Rimbaud 10', rooms: [{ name: 'Salle', capacity: 40 }] },
    token,
  );
  const at = (days: number) => {
    const d = new Date(Date.now() + days * 86_400_000);
    d.setUTCHours(17, 30, 0, 0);
    return { startsAt: d.toISOString(), endsAt: new Date(d.getTime() + 3 * 3_600_000).toISOString() };
  };
  await walk.api(
    'POST',
    '/api/v1/chapters/charleroi/events',
    { title: 'Retour sur 2026', ...at(-14), venue: 'quai10', room: 'Salle', capacity: 40 },
    token,
  );
  eventId = (
    await walk.api<{ id: string }>(
      'POST',
      '/api/v1/chapters/charleroi/events',
      { title: 'Atelier Git', ...at(12), venue: 'quai10', room: 'Salle', capacity: 1, waitlist: true },
      token,
    )
  ).id;
  for (const name of ['Ana', 'Ben'])
    await walk.api('POST', `/api/v1/events/${eventId}/registrations`, {
      name,
      email: `${name.toLowerCase()}@example.org`,
    });
}, 120_000);

afterAll(() => walk?.close(), 120_000);

describe('confirmations and landings', () => {
  it('an organiser sees who will be told before cancelling an event', { timeout: 120_000 }, async () => {
    const page = await walk.page(phone);
    await walk.visit(page, '/login');
    await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
    await walk.submit(page, 'Se connecter', /\/admin$/);
    await walk.visit(page, `/admin/events/${eventId}`);
    await Promise.all([page.waitForURL(/\/cancel$/), page.locator('#cancel-event').click()]);
    await walk.audit(page);
    await keep(page);
    expect(await page.locator('#who-is-told').textContent()).toContain(
      '1 personne inscrite et 1 personne en liste d’attente',
    );
    expect(await noSideScroll(page)).toBe(true);
    await page.getByLabel('Raison, communiquée aux inscrits', { exact: true }).fill('Formateur malade');
    await walk.submit(
      page,
      'Annuler l’événement et prévenir 2 personnes',
      /\/admin\/events\/[0-9a-f-]{36}\?done=saved$/,
    );
    expect(await page.locator('main').textContent()).toContain('Formateur malade');
  });

  it('the venue’s figures and its public page read on a phone', { timeout: 120_000 }, async () => {
    const page = await walk.page(phone);
    await walk.visit(page, '/login');
    await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
    await walk.submit(page, 'Se connecter', /\/admin$/);
    await walk.visit(page, '/venues/quai10/manage');
    await keep(page);
    expect(await page.locator('#venue-totals').textContent()).toContain('Événements tenus1');
    expect(await page.locator('#venue-events').textContent()).toContain('Retour sur 2026');
    expect(await noSideScroll(page)).toBe(true);
    await walk.visit(page, '/venues/quai10');
    await keep(page);
    expect(await page.getByRole('link', { name: 'Retour sur 2026' }).count()).toBe(1);
    expect(await noSideScroll(page)).toBe(true);
  });

  it('every page kept is html-validate clean', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const problems: string[] = [];
    for (const [path, html] of sources)
      for (const r of (await validator.validateString(html)).results)
        for (const m of r.messages) problems.push(`${path}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    expect(sources.size).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual([]);
  });
});
