import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWalk, type Walk } from '../support/walk.js';

/**
 * Quoting a passage in "Report an error" on a phone, in a real browser: there is no Ctrl+Enter on
 * a touch screen, so selecting text in the event's description shows a "quote" link that a tap
 * follows, and the form opens with the passage quoted. Without JavaScript the link never shows
 * and the quote is typed into the form. Every page on the way is checked with axe-core.
 */

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };
const WRONG = 'Le départ est fixé à 14 h devant la gare.';
const phone = { locale: 'fr-BE', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

let walk: Walk;
let eventId: string;
let eventUrl: string;

beforeAll(async () => {
  walk = await startWalk('e2e-report-quote', {
    ESSAIM_ADMIN_EMAIL: ADMIN.email,
    ESSAIM_ADMIN_PASSWORD: ADMIN.password,
  });
  const { token } = await walk.api<{ token: string }>('POST', '/api/v1/auth/tokens', { ...ADMIN, name: 'e2e' });
  await walk.api('POST', '/api/v1/chapters', { name: 'Namur', city: 'Namur', status: 'active' }, token);
  const start = new Date(Date.now() + 20 * 86_400_000);
  start.setUTCHours(8, 0, 0, 0);
  const event = await walk.api<{ id: string; url: string }>(
    'POST',
    '/api/v1/chapters/namur/events',
    {
      title: 'Balade à vélo',
      description: `Une balade le long de la Meuse.\n\n${WRONG}\n\nPrévoyez un casque.`,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
      onlineUrl: 'https://meet.example.org/velo',
      capacity: 20,
    },
    token,
  );
  eventId = event.id;
  eventUrl = event.url;
}, 120_000);

afterAll(() => walk?.close(), 120_000);

/** Selects a whole paragraph, or the page's heading, as a long press on a phone does. */
async function select(page: Page, selector: string, text?: string) {
  await page.evaluate(
    ([sel, t]) => {
      const el = Array.from(document.querySelectorAll(sel)).find((e) => !t || e.textContent === t)!;
      const range = document.createRange();
      range.selectNodeContents(el);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    [selector, text] as const,
  );
}

describe('quoting a passage in a report on a phone', () => {
  it('a selection in the description shows a link that opens the form with it quoted', {
    timeout: 120_000,
  }, async () => {
    const page = await walk.page(phone);
    await walk.visit(page, eventUrl);
    const quote = page.getByRole('link', { name: 'Citer la sélection dans un signalement' });
    expect(await quote.isVisible()).toBe(false);

    // Text outside the description (the heading) is not a passage of it: nothing shows.
    await select(page, 'h1');
    await page.waitForTimeout(100);
    expect(await quote.isVisible()).toBe(false);

    await select(page, '[data-report-body] p', WRONG);
    await quote.waitFor({ state: 'visible' });
    // Fixed at the bottom of the screen, where a thumb reaches it, whatever the scroll.
    const box = (await quote.boundingBox())!;
    expect(box.y + box.height).toBeGreaterThan(844 - 60);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    await walk.audit(page);

    await Promise.all([page.waitForURL(new RegExp(`/events/${eventId}/report\\?quote=`)), quote.tap()]);
    await walk.audit(page);
    expect(await page.getByLabel('Le passage concerné').inputValue()).toBe(WRONG);
    await page.getByLabel('Votre message').fill('Le départ est à 15 h.');
    await walk.submit(page, 'Envoyer le signalement', new RegExp(`/events/${eventId}/report$`));
    expect(await page.getByRole('status').textContent()).toContain('votre signalement a bien été reçu');
  });

  it('without JavaScript the link never shows and the quote is typed into the form', { timeout: 120_000 }, async () => {
    const page = await walk.page({ ...phone, javaScriptEnabled: false });
    // axe needs JavaScript: these pages were audited with it above.
    expect((await page.goto(new URL(eventUrl, walk.server.url).toString()))?.status()).toBe(200);
    expect(await page.getByRole('link', { name: 'Citer la sélection dans un signalement' }).count()).toBe(0);
    await Promise.all([
      page.waitForURL(new RegExp(`/events/${eventId}/report$`)),
      page.getByRole('link', { name: 'Signaler une erreur' }).tap(),
    ]);
    await page.getByLabel('Le passage concerné').fill(WRONG);
    await page.getByLabel('Votre message').fill('Le départ est à 15 h, pas à 14 h.');
    await Promise.all([
      page.waitForURL(new RegExp(`/events/${eventId}/report$`)),
      page.getByRole('button', { name: 'Envoyer le signalement' }).tap(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain('votre signalement a bien été reçu');
  });
});

describe('deciding on reports in a long queue, on a phone', () => {
  it('a refused decision comes back at its report, a recorded one at the notice', { timeout: 120_000 }, async () => {
    // The notice of illegal content is the oldest: last in the queue, far below the fold.
    const report = (body: Record<string, unknown>) => walk.api('POST', `/api/v1/events/${eventId}/reports`, body);
    await report({
      kind: 'illegal',
      message: 'Une photo d’une personne publiée sans son accord.',
      name: 'Irène Dubois',
      email: 'irene@example.org',
      goodFaith: true,
    });
    await report({ kind: 'error', message: 'Le lieu de départ a changé.' });
    await report({ kind: 'error', message: 'Le casque est fourni, dit le club.' });

    const page = await walk.page(phone);
    await walk.visit(page, '/login');
    await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
    await walk.submit(page, 'Se connecter', /\/admin$/);
    await walk.visit(page, '/admin/news/reports');
    const notice = page.locator('main section', { hasText: 'Irène Dubois' });
    const inView = (el: { boundingBox(): Promise<{ y: number; height: number } | null> }) =>
      el.boundingBox().then((b) => b !== null && b.y >= 0 && b.y + b.height <= phone.viewport.height);

    // Declined without its reasons: refused, and the page opens at that report's error.
    await walk.submit(
      page,
      notice.getByRole('button', { name: 'Refuser' }),
      /\/admin\/news\/reports\/[0-9a-f-]{36}#rep-/,
    );
    const summary = page.getByRole('alert');
    expect(await summary.textContent()).toContain('ne peut être refusé qu’avec ses motifs');
    expect(await inView(summary), 'the refusal is on screen').toBe(true);

    await notice.getByLabel(/^Motifs du refus/).fill('La personne a donné son accord par écrit.');
    await walk.submit(
      page,
      notice.getByRole('button', { name: 'Refuser' }),
      /\/admin\/news\/reports\?done=saved#main$/,
    );
    expect(await inView(page.getByRole('status')), 'the notice that it was recorded is on screen').toBe(true);
  });
});
