import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { audit, launchChromium } from '../support/browser.js';
import { makeVenue } from '../support/factories.js';

/**
 * The venue map in Chromium, with the pages' real Content-Security-Policy: Leaflet and the tiles
 * are fetched only once the map scrolls into view; without JavaScript the map is a link to
 * OpenStreetMap. There is no internet here: tile requests are answered with a 1-px PNG.
 */

const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

let t: TestApp;
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let venuePath: string;

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const admin = (await t.user('admin')).token;
  // A description long enough to put the map well below a phone's first screen.
  const description = Array.from(
    { length: 12 },
    (_, i) => `Paragraphe ${i + 1}. Un espace de coworking au centre de Charleroi, à deux pas de la gare.`,
  ).join('\n\n');
  const venue = await makeVenue(t, admin, {
    name: 'Quai 10',
    address: 'Quai Arthur Rimbaud 10',
    description,
    latitude: 50.4047,
    longitude: 4.4391,
  });
  venuePath = `/venues/${venue.slug}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close().catch(() => {});
  await t?.close();
});

/** A phone-sized page whose requests are recorded; tiles answered locally. CSP enforced unless `bypassCSP`. */
async function phone(options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 600 }, locale: 'fr-BE', ...options });
  context.setDefaultTimeout(30_000);
  contexts.push(context);
  const requests: string[] = [];
  const refused: string[] = [];
  await context.route('https://tile.openstreetmap.org/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }),
  );
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  return { page, requests, refused };
}

const leafletAsked = (requests: string[]) => requests.some((u) => u.includes('/assets/leaflet-1.9.4/leaflet.js'));
const tilesAsked = (requests: string[]) => requests.filter((u) => u.startsWith('https://tile.openstreetmap.org/'));

async function open(page: Page) {
  const res = await page.goto(base + venuePath, { waitUntil: 'load' });
  expect(res?.status()).toBe(200);
}

describe('the venue map', () => {
  it('loads Leaflet and the tiles only when scrolled into view, under the CSP', async () => {
    const { page, requests, refused } = await phone();
    await open(page);
    // The page has loaded and the map script has run, but the map is below the fold: nothing fetched.
    await page.waitForFunction(() => document.querySelector('[data-map]') !== null);
    await page.waitForTimeout(500);
    expect(requests.some((u) => u.endsWith('/assets/map.js'))).toBe(true);
    expect(leafletAsked(requests)).toBe(false);
    expect(tilesAsked(requests)).toEqual([]);
    expect(await page.locator('[data-map]').getAttribute('data-map')).toBe('waiting');

    await page.locator('[data-map]').scrollIntoViewIfNeeded();
    await page.locator('[data-map="drawn"]').waitFor();
    await page.locator('.leaflet-tile-loaded').first().waitFor();
    expect(leafletAsked(requests)).toBe(true);
    expect(tilesAsked(requests).length).toBeGreaterThan(0);
    expect(tilesAsked(requests)[0]).toMatch(/^https:\/\/tile\.openstreetmap\.org\/16\/\d+\/\d+\.png$/);
    // Leaflet's images and style come from our origin too; the attribution is on the map.
    expect(requests.filter((u) => !u.startsWith(base) && !u.startsWith('https://tile.openstreetmap.org/'))).toEqual([]);
    await expect
      .poll(() => page.locator('.leaflet-control-attribution').textContent())
      .toContain('contributeurs d’OpenStreetMap');
    expect(await page.locator('.leaflet-marker-icon').count()).toBe(1);
    expect(refused).toEqual([]);
  });

  it('without JavaScript is a link to OpenStreetMap at the coordinates, with directions; nothing else is fetched', async () => {
    const { page, requests } = await phone({ javaScriptEnabled: false });
    await open(page);
    const link = page.getByRole('link', { name: 'Voir sur OpenStreetMap' });
    await link.scrollIntoViewIfNeeded();
    expect(await link.isVisible()).toBe(true);
    expect(await link.getAttribute('href')).toBe(
      'https://www.openstreetmap.org/?mlat=50.4047&mlon=4.4391#map=17/50.4047/4.4391',
    );
    expect(await page.getByRole('link', { name: 'Itinéraire' }).getAttribute('href')).toBe(
      'https://www.openstreetmap.org/directions?route=%3B50.4047%2C4.4391',
    );
    expect(leafletAsked(requests)).toBe(false);
    expect(tilesAsked(requests)).toEqual([]);
  });

  it('drawn, the page stays free of serious accessibility problems', async () => {
    // axe is injected as an inline script, which the CSP forbids: this page alone bypasses it.
    const { page } = await phone({ bypassCSP: true });
    await open(page);
    await page.locator('[data-map]').scrollIntoViewIfNeeded();
    await page.locator('[data-map="drawn"]').waitFor();
    await audit(page);
  });
});
