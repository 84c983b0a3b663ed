import { eventPath } from '../web/event-path.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeEvent, makeVenue } from '../../test/support/factories.js';
import { csrfOf, signIn } from '../../test/support/forms.js';

let t: TestApp;
let admin: { token: string; user: { email: string }; password: string };
let member: { token: string };
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  member = await t.user('member');
});
afterAll(() => t.close());

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Ada Lovelace' } })
    .toBuffer();

/** A multipart/form-data body as a client sends it: text fields, then at most one file. */
function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type: string }) {
  const boundary = `----cover${Math.random().toString(16).slice(2)}`;
  const part = (head: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${head}\r\n`);
  const body = Buffer.concat([
    ...Object.entries(fields).flatMap(([k, v]) => [part(`name="${k}"\r\n`), Buffer.from(`${v}\r\n`)]),
    ...(file
      ? [
          part(`name="image"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n`),
          file.bytes,
          Buffer.from('\r\n'),
        ]
      : []),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

function putCover(url: string, token: string, fields: Record<string, string>, file?: Parameters<typeof multipart>[1]) {
  const { body, type } = multipart(fields, file);
  return t.app.inject({
    method: 'PUT',
    url,
    headers: { authorization: `Bearer ${token}`, 'content-type': type, 'accept-language': 'en' },
    payload: body,
  });
}

describe('cover pictures through the API', () => {
  it('takes a picture with its text alternative, re-encoded at several widths, shown on the event', async () => {
    const chapter = await makeChapter(t, admin.token);
    const event = await makeEvent(t, admin.token, chapter.slug);
    const res = await putCover(
      `/api/v1/events/${event.id}/cover`,
      admin.token,
      { alt: 'Forty people around a table in Charleroi' },
      { name: 'meetup.jpg', bytes: await photo(1600, 900), type: 'image/jpeg' },
    );
    expect(res.statusCode, res.body).toBe(200);
    const cover = res.json().cover;
    expect(cover.alt).toBe('Forty people around a table in Charleroi');
    expect(cover.srcset).toMatch(/\/media\/[0-9a-f-]+\/320\.webp 320w, .*640w, .*1280w$/);
    expect(cover.width).toBe(1280);
    // The variants are served as WebP, without the camera metadata of the original.
    const media = await t.app.inject({ method: 'GET', url: cover.url });
    expect(media.statusCode).toBe(200);
    expect(media.headers['content-type']).toBe('image/webp');
    expect((await sharp(media.rawPayload).metadata()).exif).toBeUndefined();

    const view = await t.api('GET', `/api/v1/events/${event.id}`);
    expect(view.json().cover).toEqual(cover);
  });

  it('refuses a file that is not a picture, even named .jpg, and changes nothing', async () => {
    const chapter = await makeChapter(t, admin.token);
    const res = await putCover(
      `/api/v1/chapters/${chapter.slug}/cover`,
      admin.token,
      { alt: 'Our logo' },
      { name: 'logo.jpg', bytes: Buffer.from('MZ\x90\x00 this is an executable, not a picture'), type: 'image/jpeg' },
    );
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'image' })]);
    expect(res.json().detail).toContain('logo.jpg');
    expect((await t.api('GET', `/api/v1/chapters/${chapter.slug}`)).json().cover).toBeNull();
  });

  it('refuses a picture cut short (its header reads, its pixels do not) with 415, not a server error', async () => {
    const chapter = await makeChapter(t, admin.token);
    const whole = await photo(1200, 800);
    const res = await putCover(
      `/api/v1/chapters/${chapter.slug}/cover`,
      admin.token,
      { alt: 'Half a picture' },
      { name: 'cut.jpg', bytes: whole.subarray(0, Math.floor(whole.length / 3)), type: 'image/jpeg' },
    );
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'image' })]);
  });

  it('requires the text alternative, naming the field in the reader’s language', async () => {
    const venue = await makeVenue(t, admin.token);
    const bytes = await photo(400, 300);
    const res = await putCover(
      `/api/v1/venues/${venue.slug}/cover`,
      admin.token,
      {},
      {
        name: 'hall.jpg',
        bytes,
        type: 'image/jpeg',
      },
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'alt', message: 'is required' })]);
    expect(res.json().detail).toContain('alt');

    const { body, type } = multipart({ alt: '   ' }, { name: 'hall.jpg', bytes, type: 'image/jpeg' });
    const fr = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/venues/${venue.slug}/cover`,
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': type, 'accept-language': 'fr' },
      payload: body,
    });
    expect(fr.statusCode).toBe(400);
    expect(fr.json().errors).toEqual([expect.objectContaining({ field: 'alt', message: 'est obligatoire' })]);
    expect((await t.api('GET', `/api/v1/venues/${venue.slug}`)).json().cover).toBeNull();
  });

  it('lets only those who run the thing change it, and removes the picture', async () => {
    const chapter = await makeChapter(t, admin.token);
    const url = `/api/v1/chapters/${chapter.slug}/cover`;
    const file = {
      name: 'c.png',
      bytes: await sharp({ create: { width: 300, height: 200, channels: 3, background: '#fa0' } })
        .png()
        .toBuffer(),
      type: 'image/png',
    };
    const refused = await putCover(url, member.token, { alt: 'A sunset' }, file);
    expect(refused.statusCode).toBe(403);
    expect((await putCover(url, admin.token, { alt: 'A sunset' }, file)).statusCode).toBe(200);
    // A picture smaller than the widths is kept at its own width, never enlarged.
    const cover = (await t.api('GET', `/api/v1/chapters/${chapter.slug}`)).json().cover;
    expect(cover.srcset).toMatch(/ 300w$/);
    expect((await t.api('DELETE', url, { token: member.token })).statusCode).toBe(403);
    expect((await t.api('DELETE', url, { token: admin.token })).statusCode).toBe(204);
    expect((await t.api('GET', `/api/v1/chapters/${chapter.slug}`)).json().cover).toBeNull();
    const missing = await putCover(`/api/v1/chapters/no-such-chapter/cover`, admin.token, { alt: 'x' }, file);
    expect(missing.statusCode).toBe(404);
  });
});

describe('cover pictures on pages', () => {
  it('shows the cover with srcset on the event page and in its JSON-LD and og:image, absolute', async () => {
    const chapter = await makeChapter(t, admin.token);
    const event = await makeEvent(t, admin.token, chapter.slug, { title: 'Rust in Namur' });
    const res = await putCover(
      `/api/v1/events/${event.id}/cover`,
      admin.token,
      { alt: 'A crab on a laptop' },
      { name: 'crab.jpg', bytes: await photo(1400, 700), type: 'image/jpeg' },
    );
    const cover = res.json().cover;
    const page = await t.app.inject({
      method: 'GET',
      url: eventPath(event),
      headers: { 'accept-language': 'en' },
    });
    expect(page.body).toContain(`srcset="${cover.srcset}"`);
    expect(page.body).toContain('alt="A crab on a laptop"');
    expect(page.body).toContain(`<meta property="og:image" content="${t.config.baseUrl}${cover.url}"`);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)![1]!);
    expect(ld.image).toEqual([`${t.config.baseUrl}${cover.url}`]);

    // The public list shows it as a card thumbnail.
    const list = await t.app.inject({ method: 'GET', url: `/events?chapter=${chapter.slug}` });
    expect(list.body).toMatch(/<img class="cover cover-card"[^>]*srcset="[^"]*320w/);
  });

  it('chapter and venue pages carry their cover in the page, og:image and JSON-LD', async () => {
    const chapter = await makeChapter(t, admin.token);
    const venue = await makeVenue(t, admin.token);
    const file = { name: 'p.jpg', bytes: await photo(800, 600), type: 'image/jpeg' };
    const c = (await putCover(`/api/v1/chapters/${chapter.slug}/cover`, admin.token, { alt: 'The team' }, file)).json();
    const v = (await putCover(`/api/v1/venues/${venue.slug}/cover`, admin.token, { alt: 'The hall' }, file)).json();
    for (const [url, cover, type] of [
      [`/chapters/${chapter.slug}`, c.cover, 'Organization'],
      [`/venues/${venue.slug}`, v.cover, 'Place'],
    ] as const) {
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.body).toContain(`srcset="${cover.srcset}"`);
      expect(page.body).toContain(`<meta property="og:image" content="${t.config.baseUrl}${cover.url}"`);
      const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)![1]!);
      // A chapter page is a WebPage about the chapter (an Organization); a venue page is the Place.
      expect(ld['@type'] === 'WebPage' ? ld.about['@type'] : ld['@type']).toBe(type);
      expect(ld.image).toEqual([`${t.config.baseUrl}${cover.url}`]);
    }
  });

  it('an organiser uploads, is told when the text alternative is missing, and removes the cover from the form', async () => {
    const chapter = await makeChapter(t, admin.token);
    const event = await makeEvent(t, admin.token, chapter.slug);
    const browser = await signIn(
      t.app,
      { email: admin.user.email, password: admin.password },
      { 'accept-language': 'nl' },
    );
    const edit = await browser.get(`/admin/events/${event.id}`);
    expect(edit.body).toContain(`href="/admin/events/${event.id}/cover"`);
    const pageUrl = `/admin/events/${event.id}/cover`;
    const form = await browser.get(pageUrl);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Alternatieve tekst');
    const file = { field: 'image', filename: 'zaal.jpg', content: await photo(700, 400), type: 'image/jpeg' };

    const noAlt = await browser.upload(pageUrl, { _csrf: csrfOf(form.body), alt: '' }, file);
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.body).toContain('id="f-alt-error"');
    expect(noAlt.body).toContain('is verplicht');

    const notImage = await browser.upload(
      pageUrl,
      { _csrf: csrfOf(form.body), alt: 'De zaal' },
      {
        ...file,
        content: 'not a picture at all',
      },
    );
    expect(notImage.statusCode).toBe(400);
    expect(notImage.body).toContain('id="f-image-error"');

    const ok = await browser.upload(pageUrl, { _csrf: csrfOf(form.body), alt: 'De zaal' }, file);
    expect(ok.statusCode, ok.body).toBe(303);
    const after = await browser.get(pageUrl);
    expect(after.body).toMatch(/<img class="cover cover-page"[^>]*alt="De zaal"/);
    expect((await t.api('GET', `/api/v1/events/${event.id}`)).json().cover.alt).toBe('De zaal');

    const removed = await browser.request('POST', `${pageUrl}/delete`, { _csrf: csrfOf(after.body) });
    expect(removed.statusCode).toBe(303);
    expect((await t.api('GET', `/api/v1/events/${event.id}`)).json().cover).toBeNull();
  });
});
