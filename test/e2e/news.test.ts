import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWalk, type Walk } from '../support/walk.js';

/**
 * News through the real, built server in a real browser: an editor writes an article with a
 * picture, schedules it, then publishes it; a visitor selects a sentence and presses Ctrl+Enter
 * to report an error; the editor accepts the report and a dated correction note appears under
 * the article. Every page on the way is checked with axe-core; the article's chrome in FR/NL/EN.
 */

const ADMIN = { email: 'redaction@example.org', password: 'correct horse battery' };
const TITLE = 'Le vélo à Namur';
const WRONG = 'Le rendez-vous est fixé à 14 h devant la gare.';

let walk: Walk;

beforeAll(async () => {
  walk = await startWalk('e2e-news', { ESSAIM_ADMIN_EMAIL: ADMIN.email, ESSAIM_ADMIN_PASSWORD: ADMIN.password });
}, 120_000);

afterAll(() => walk?.close(), 120_000);

/** The status a visitor without an account gets for a path. */
const anonymousStatus = async (path: string) => (await fetch(new URL(path, walk.server.url))).status;

async function saveArticle(page: Page) {
  await walk.submit(
    page,
    page.getByRole('button', { name: 'Save', exact: true }),
    /\/admin\/news\/[0-9a-f-]{36}\?done=saved$/,
  );
}

describe('an editor publishes an article and a reader’s report corrects it', () => {
  it('writes, schedules and publishes with a picture; Ctrl+Enter on a selection reports an error; the accepted correction is shown', {
    timeout: 180_000,
  }, async () => {
    const editor = await walk.page({ locale: 'en-GB' });
    await walk.visit(editor, '/login');
    await editor.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
    await editor.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await walk.submit(editor, editor.getByRole('button', { name: 'Sign in' }), /\/admin$/);

    // A draft with a cover picture.
    await walk.visit(editor, '/admin/news/new');
    await editor.getByLabel('Title', { exact: true }).fill(TITLE);
    await editor
      .getByLabel('Text (Markdown)', { exact: true })
      .fill(`Une balade à vélo au départ de Namur.\n\n${WRONG}`);
    await editor.locator('#f-language').selectOption('fr');
    const picture = await sharp({ create: { width: 900, height: 500, channels: 3, background: '#2a7' } })
      .jpeg()
      .toBuffer();
    await editor.getByLabel('Cover picture (JPEG, PNG or WebP)').setInputFiles({
      name: 'velo.jpg',
      mimeType: 'image/jpeg',
      buffer: picture,
    });
    await saveArticle(editor);
    const article = await walk.api<{ items: { id: string; slug: string }[] }>('GET', '/api/v1/articles?limit=5');
    expect(article.items).toEqual([]); // a draft is nobody's business
    const slug = 'le-velo-a-namur';
    expect(await anonymousStatus(`/news/${slug}`)).toBe(404);

    // Scheduled for tomorrow: still not public.
    await editor.getByLabel('Status', { exact: true }).selectOption('scheduled');
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Brussels',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .format(tomorrow)
      .replace(' ', 'T');
    await editor.getByLabel('Publish at (for “Scheduled”, Brussels time)').fill(local);
    await saveArticle(editor);
    expect(await editor.getByLabel('Status', { exact: true }).inputValue()).toBe('scheduled');
    expect(await anonymousStatus(`/news/${slug}`)).toBe(404);

    // Published now.
    await editor.getByLabel('Status', { exact: true }).selectOption('published');
    await editor.getByLabel('Publish at (for “Scheduled”, Brussels time)').fill('');
    await saveArticle(editor);
    expect(await anonymousStatus(`/news/${slug}`)).toBe(200);

    // A visitor reads it in French: the picture comes in several widths.
    const reader = await walk.page({ locale: 'fr-BE' });
    await walk.visit(reader, `/news/${slug}`);
    expect(await reader.locator('html').getAttribute('lang')).toBe('fr');
    const srcset = await reader.locator('article img').first().getAttribute('srcset');
    expect(srcset).toMatch(/\/media\/[0-9a-f-]{36}\/320\.webp 320w, .*640\.webp 640w/);
    expect(await reader.getByRole('link', { name: 'Signaler une erreur' }).count()).toBe(1);

    // They select the wrong sentence and press Ctrl+Enter: the form opens with it quoted.
    await reader.evaluate((text) => {
      const p = Array.from(document.querySelectorAll('.prose p')).find((e) => e.textContent === text)!;
      const range = document.createRange();
      range.selectNodeContents(p);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    }, WRONG);
    await Promise.all([
      reader.waitForURL(/\/news\/le-velo-a-namur\/report\?quote=/),
      reader.keyboard.press('Control+Enter'),
    ]);
    await walk.audit(reader);
    expect(await reader.getByLabel('Le passage concerné').inputValue()).toBe(WRONG);
    await reader.getByLabel('Votre message').fill('Le départ est à 15 h, pas à 14 h.');
    await walk.submit(
      reader,
      reader.getByRole('button', { name: 'Envoyer le signalement' }),
      /\/news\/le-velo-a-namur\/report$/,
    );
    expect(await reader.getByRole('status').textContent()).toContain('votre signalement a bien été reçu');

    // The editor accepts it with a public correction.
    await walk.visit(editor, '/admin/news/reports');
    expect(await editor.locator('blockquote').textContent()).toBe(WRONG);
    await editor
      .getByLabel('Public correction note (for an accepted report)')
      .fill('Le départ est à 15 h, et non à 14 h.');
    await walk.submit(
      editor,
      editor.getByRole('button', { name: 'Accept', exact: true }),
      // Back at the queue, opened at its notice (the queue can be long).
      /\/admin\/news\/reports\?done=saved#main$/,
    );

    // The note is under the article, dated, in each language's words.
    const today = new Intl.DateTimeFormat('fr-BE', { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(
      new Date(),
    );
    await walk.visit(reader, `/news/${slug}`);
    expect(await reader.locator('.corrections li').textContent()).toBe(
      `Corrigé le ${today} — Le départ est à 15 h, et non à 14 h.`,
    );
    await walk.visit(reader, `/news/${slug}?lang=nl`);
    expect(await reader.getByRole('heading', { name: 'Correcties' }).count()).toBe(1);
    expect(await reader.getByRole('link', { name: 'Fout melden' }).count()).toBe(1);
    await walk.visit(reader, `/news/${slug}?lang=en`);
    expect(await reader.locator('.corrections li strong').textContent()).toMatch(/^Corrected on \d{1,2} \w+ \d{4}$/);
    expect(await reader.getByRole('link', { name: 'Report an error' }).count()).toBe(1);
  });

  it('fits a 390-px phone: the cover, a card’s picture and a long URL as text; a radio on its label’s line', {
    timeout: 120_000,
  }, async () => {
    // The article of the walk above, its text now with an address no phone is wide enough for.
    const { token } = await walk.api<{ token: string }>('POST', '/api/v1/auth/tokens', { ...ADMIN, name: 'e2e phone' });
    const [article] = (await walk.api<{ items: { id: string }[] }>('GET', '/api/v1/articles?limit=1')).items;
    // No dash or slash to break at: one word of 200-odd letters.
    const url = `https://www.example.org/${'unchemintreslongsanscoupure'.repeat(8)}`;
    await walk.api(
      'PATCH',
      `/api/v1/articles/${article!.id}`,
      { bodyMarkdown: `Source : ${url}\n\n\`${url}\`` },
      token,
    );
    const phone = await walk.page({ locale: 'fr-BE', viewport: { width: 390, height: 844 } });
    const width = () => phone.evaluate(() => document.documentElement.scrollWidth);
    for (const path of ['/news/le-velo-a-namur', '/news']) {
      await walk.visit(phone, path);
      expect(await phone.locator('main img').count(), path).toBeGreaterThan(0);
      expect(await phone.locator('main').textContent(), path).toContain('unchemintreslong');
      expect(await width(), path).toBeLessThanOrEqual(390);
    }
    await walk.visit(phone, '/news/le-velo-a-namur/report');
    const radio = (await phone.locator('#f-kind-error').boundingBox())!;
    const label = (await phone.locator('label[for="f-kind-error"]').boundingBox())!;
    // Side by side: the label starts right of the box and overlaps its line.
    expect(label.x).toBeGreaterThan(radio.x + radio.width - 1);
    expect(label.y).toBeLessThan(radio.y + radio.height);
    if (process.env.E2E_SCREENSHOT) await phone.screenshot({ path: process.env.E2E_SCREENSHOT, fullPage: true });
  });
});
