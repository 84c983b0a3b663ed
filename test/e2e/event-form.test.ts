import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { audit, launchChromium } from '../support/browser.js';
import { makeChapter, makeVenue } from '../support/factories.js';

/** The event form in Chromium: the room select offers the chosen venue's rooms only. */

let t: TestApp;
let base: string;
let browser: Browser;
let admin: Awaited<ReturnType<TestApp['user']>>;

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  admin = await t.user('admin');
  await makeChapter(t, admin.token, { name: 'Mons', city: 'Mons' });
  await makeVenue(t, admin.token, {
    name: 'Le Manège',
    city: 'Mons',
    rooms: [
      { name: 'Grande salle', capacity: 200 },
      { name: 'Studio', capacity: 30 },
    ],
  });
  await makeVenue(t, admin.token, { name: 'Mundaneum', city: 'Mons', rooms: [{ name: 'Atrium', capacity: 80 }] });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => {});
  await t?.close();
});

/** The rooms a person can pick now: enabled options of visible groups, and the "no room" one. */
const pickable = (page: Page) =>
  page.locator('#f-room').evaluate((select: HTMLSelectElement) =>
    Array.from(select.options)
      .filter((o) => !o.disabled && !(o.parentElement as HTMLOptGroupElement).disabled)
      .map((o) => o.value),
  );

describe('the room select', () => {
  it('follows the chosen venue, and drops a room of the venue left behind', async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'en' });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.getByLabel('E-mail', { exact: true }).fill(admin.user.email);
      await page.getByLabel('Password', { exact: true }).fill(admin.password);
      await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: 'Sign in' }).click()]);
      await page.goto(`${base}/admin/chapters/mons/events/new`, { waitUntil: 'load' });

      // Nothing chosen yet: no venue's rooms are offered.
      expect(await page.locator('#f-venue').inputValue()).toBe('');
      await expect.poll(() => pickable(page)).toEqual(['']);

      await page.locator('#f-venue').selectOption('le-manege');
      expect(await pickable(page)).toEqual(['', 'Grande salle', 'Studio']);
      await page.locator('#f-room').selectOption('Studio');

      await page.locator('#f-venue').selectOption('mundaneum');
      expect(await pickable(page)).toEqual(['', 'Atrium']);
      expect(await page.locator('#f-room').inputValue()).toBe('');
      await audit(page);
    } finally {
      await context.close();
    }
  });
});
