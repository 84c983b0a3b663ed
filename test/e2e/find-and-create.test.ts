import { createRequire } from 'node:module';
import { HtmlValidate, type ConfigData } from 'html-validate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWalk, type Walk } from '../support/walk.js';

/**
 * Two journeys of issue 11 in Chromium, every page checked with axe-core, then every page the
 * walk went through checked with html-validate: a visitor finds the next event from the home page
 * and registers; an organiser creates an event with an end before its start and is told why.
 */

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };
const TITLE = 'Soirée Rust & café';

let walk: Walk;
/** Each page's HTML as the server sent it, by path, for html-validate. */
const sources = new Map<string, string>();

const keep = async (page: Page) => {
  const url = new URL(page.url());
  const res = await page.request.get(page.url());
  sources.set(url.pathname + url.search, await res.text());
};

beforeAll(async () => {
  walk = await startWalk('e2e-find', { ESSAIM_ADMIN_EMAIL: ADMIN.email, ESSAIM_ADMIN_PASSWORD: ADMIN.password });
  const { token } = await walk.api<{ token: string }>('POST', '/api/v1/auth/tokens', { ...ADMIN, name: 'e2e find' });
  await walk.api('POST', '/api/v1/chapters', { name: 'Charleroi', city: 'Charleroi', status: 'active' }, token);
  const start = new Date(Date.now() + 9 * 86_400_000);
  start.setUTCHours(17, 30, 0, 0);
  await walk.api(
    'POST',
    '/api/v1/chapters/charleroi/events',
    {
      title: TITLE,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
      onlineUrl: 'https://meet.example.org/rust',
      capacity: 30,
    },
    token,
  );
}, 120_000);

afterAll(() => walk?.close(), 120_000);

describe('issue 11 journeys', () => {
  it('a visitor finds the next event from the home page and registers', { timeout: 120_000 }, async () => {
    const page = await walk.page({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    await walk.visit(page, '/');
    await keep(page);
    await Promise.all([
      page.waitForURL(/\/events\/[0-9a-f-]{36}-soiree-rust-cafe$/),
      page.getByRole('link', { name: TITLE }).click(),
    ]);
    await walk.audit(page);
    await keep(page);
    await page.getByLabel('Your name', { exact: true }).fill('Ada Lovelace');
    await page.getByLabel('Your e-mail', { exact: true }).fill('ada@example.org');
    await walk.submit(page, page.locator('form[action$="/register"] button[type="submit"]'), /\/r\/[A-Za-z0-9_-]+$/);
    await keep(page);
    await expect.poll(() => page.locator('#registration-status').getAttribute('data-status')).toBe('confirmed');
    // All upcoming events, from the home page's link.
    await walk.visit(page, '/events');
    await keep(page);
    expect(await page.getByRole('link', { name: TITLE }).count()).toBe(1);
  });

  it('an organiser creates an event ending before it starts and is told why, in French', {
    timeout: 120_000,
  }, async () => {
    const page = await walk.page({ locale: 'fr-BE' });
    await walk.visit(page, '/login');
    await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
    await walk.submit(page, 'Se connecter', /\/admin$/);
    await keep(page);
    await walk.visit(page, '/admin/chapters/charleroi/events/new');
    await keep(page);
    const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Titre (Français)', { exact: true }).fill('Nuit du code');
    await page.locator('#f-date').fill(day);
    await page.locator('#f-startTime').fill('21:00');
    await page.locator('#f-endTime').fill('18:00');
    await page.locator('#f-onlineUrl').fill('https://meet.example.org/nuit');
    await walk.submit(page, 'Créer', /\/admin\/chapters\/charleroi\/events$/);
    await expect
      .poll(() => page.locator('#f-endTime-error').textContent())
      .toContain('L’heure de fin précède l’heure de début');
    expect(await page.locator('#f-date-error').count()).toBe(0);
  });

  it('every page of the walk is html-validate clean', async () => {
    const validator = new HtmlValidate(createRequire(import.meta.url)('../../.htmlvalidate.cjs') as ConfigData);
    const problems: string[] = [];
    for (const [path, html] of sources) {
      const report = await validator.validateString(html);
      for (const r of report.results)
        for (const m of r.messages) problems.push(`${path}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(sources.size).toBeGreaterThanOrEqual(6);
    expect(problems).toEqual([]);
  });
});
