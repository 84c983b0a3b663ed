import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, signIn } from '../../test/support/forms.js';
import { blobStoreFor, emptyBlobTrash } from '../storage/service.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const photo = (width: number, height: number, format: 'jpeg' | 'png' = 'jpeg') =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 90, b: 40 } } })
    [format]()
    .withExif({ IFD0: { Artist: 'Ada Lovelace' } })
    .toBuffer();

/** A multipart/form-data body with one `image` file, as a client sends it. */
function putPicture(token: string, file: { name: string; bytes: Buffer; type: string } | null, lang = 'en') {
  const boundary = `----pic${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    ...(file
      ? [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
          ),
          file.bytes,
          Buffer.from('\r\n'),
        ]
      : [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n`)]),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'PUT',
    url: '/api/v1/me/picture',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'accept-language': lang,
    },
    payload: body,
  });
}

const stored = (key: string) => fs.existsSync(path.join(t.config.dataDir, 'uploads', key.slice(0, 2), key));
const keysOf = async (userId: string) => {
  const { rows } = await t.database.pool.query<{ picture: { uploadId: string; variants: { key: string }[] } | null }>(
    'SELECT picture FROM member_profiles WHERE user_id = $1',
    [userId],
  );
  return rows[0]?.picture?.variants.map((v) => v.key) ?? [];
};
const get = (url: string, token?: string) =>
  t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('profile pictures through the API', () => {
  it('crops square, re-encodes at three widths without metadata, and keeps it out of /media', async () => {
    const ada = await t.user('member');
    const res = await putPicture(ada.token, { name: 'me.jpg', bytes: await photo(1200, 800), type: 'image/jpeg' });
    expect(res.statusCode, res.body).toBe(200);
    const picture = res.json().picture;
    expect(picture).toMatchObject({ width: 640, height: 640, alt: ada.user.name });
    expect(picture.srcset).toMatch(
      new RegExp(
        `^/members/${ada.user.id}/picture/[0-9a-f-]{36}/96\\.webp 96w, .*/320\\.webp 320w, .*/640\\.webp 640w$`,
      ),
    );
    const img = await get(picture.url, ada.token);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/webp');
    // A browser (session cookie) may keep it a year: a new picture is a new address.
    const browser = await signIn(t.app, { email: ada.user.email, password: ada.password });
    expect((await browser.get(picture.url)).headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const meta = await sharp(img.rawPayload).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([640, 640, undefined]);
    // The same upload is not public under /media, whatever its id.
    const uploadId = picture.url.split('/')[4];
    expect((await get(`/media/${uploadId}/640.webp`)).statusCode).toBe(404);
    expect((await t.api('GET', '/api/v1/me/profile', { token: ada.token })).json().picture).toEqual(picture);
  });

  it('is shown only to those who may see the profile, in the directory and its cards', async () => {
    const owner = await t.user('member');
    const other = await t.user('member');
    const picture = (
      await putPicture(owner.token, { name: 'p.png', bytes: await photo(500, 500, 'png'), type: 'image/png' })
    ).json().picture;
    // Not in the directory yet: another member gets 404, a visitor 401, like the profile itself.
    expect((await get(picture.url, other.token)).statusCode).toBe(404);
    expect((await get(`/api/v1/members/${owner.user.id}`, other.token)).statusCode).toBe(404);
    const visitor = await get(picture.url);
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/login/);
    await t.api('PATCH', '/api/v1/me/profile', { token: owner.token, body: { directoryVisible: true } });
    expect((await get(picture.url, other.token)).statusCode).toBe(200);
    const listed = (await t.api('GET', '/api/v1/members', { token: other.token })).json().items;
    expect(listed.find((m: { id: string }) => m.id === owner.user.id).picture).toEqual(picture);
    const page = await get('/members', other.token);
    expect(page.body).toContain(`srcset="${picture.srcset}"`);
    expect(page.body).toMatch(new RegExp(`<img class="avatar avatar-48"[^>]*alt="${owner.user.name}"`));
    // Hidden again: the picture goes with the profile.
    await t.api('PATCH', '/api/v1/me/profile', { token: owner.token, body: { directoryVisible: false } });
    expect((await get(picture.url, other.token)).statusCode).toBe(404);
  });

  it('replaces and removes, deleting the stored files of the old picture', async () => {
    const bo = await t.user('member');
    const first = (
      await putPicture(bo.token, { name: 'a.jpg', bytes: await photo(800, 800), type: 'image/jpeg' })
    ).json().picture;
    const firstKeys = await keysOf(bo.user.id);
    expect(firstKeys).toHaveLength(3);
    expect(firstKeys.every(stored)).toBe(true);
    const second = (
      await putPicture(bo.token, { name: 'b.jpg', bytes: await photo(900, 700), type: 'image/jpeg' })
    ).json().picture;
    expect(second.url).not.toBe(first.url);
    expect((await get(first.url, bo.token)).statusCode).toBe(404);
    expect(firstKeys.some(stored)).toBe(false);
    const secondKeys = await keysOf(bo.user.id);
    expect((await t.api('DELETE', '/api/v1/me/picture', { token: bo.token })).statusCode).toBe(204);
    expect((await t.api('GET', '/api/v1/me/profile', { token: bo.token })).json().picture).toBeNull();
    expect(secondKeys.some(stored)).toBe(false);
    expect((await t.database.pool.query('SELECT 1 FROM uploads WHERE created_by = $1', [bo.user.id])).rowCount).toBe(0);
    // Removing none is done.
    expect((await t.api('DELETE', '/api/v1/me/picture', { token: bo.token })).statusCode).toBe(204);
  });

  it('refuses what is not a picture, too many pixels and no file, in the reader’s language, changing nothing', async () => {
    const cy = await t.user('member');
    const notImage = await putPicture(
      cy.token,
      { name: 'cv.jpg', bytes: Buffer.from('%PDF-1.4 not a picture'), type: 'image/jpeg' },
      'fr',
    );
    expect(notImage.statusCode).toBe(415);
    expect(notImage.json().detail).toBe('cv.jpg n’est pas un fichier d’un type accepté (JPEG, PNG, WEBP, GIF).');
    const huge = await putPicture(
      cy.token,
      { name: 'huge.png', bytes: await photo(7000, 6000, 'png'), type: 'image/png' },
      'nl',
    );
    expect(huge.statusCode).toBe(413);
    expect(huge.json().detail).toBe('huge.png is een te grote afbeelding: hoogstens 40 megapixels.');
    const none = await putPicture(cy.token, null);
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe('image');
    expect((await t.api('GET', '/api/v1/me/profile', { token: cy.token })).json().picture).toBeNull();
    expect((await putPicture('not-a-token', null)).statusCode).toBe(401);
  });

  it('is listed in the GDPR export and deleted with the account', async () => {
    const di = await t.user('member');
    const picture = (
      await putPicture(di.token, { name: 'd.jpg', bytes: await photo(400, 400), type: 'image/jpeg' })
    ).json().picture;
    const keys = await keysOf(di.user.id);
    const data = (await t.api('GET', '/api/v1/me/export', { token: di.token })).json();
    expect(data.profile.picture).toEqual(picture.srcset.split(', '));
    const del = await t.api('DELETE', '/api/v1/me', { token: di.token, body: { confirm: di.user.email } });
    expect(del.statusCode, del.body).toBe(204);
    expect(
      (await t.database.pool.query('SELECT 1 FROM uploads WHERE id = $1', [picture.url.split('/')[4]])).rowCount,
    ).toBe(0);
    // The bytes go with the next round of the blob trash (a timer of `essaim serve`).
    expect(await emptyBlobTrash(t.database.db, blobStoreFor(t.config))).toBeGreaterThanOrEqual(keys.length);
    expect(keys.some(stored)).toBe(false);
  });
});

describe('the profile picture page', () => {
  it('uploads from /me in Dutch, says what is wrong beside the field, and removes', async () => {
    const eva = await t.user('member');
    const browser = await signIn(t.app, { email: eva.user.email, password: eva.password }, { 'accept-language': 'nl' });
    const me = await browser.get('/me');
    expect(me.body).toContain('href="/me/picture"');
    const form = await browser.get('/me/picture');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Mijn profielfoto');
    const file = { field: 'image', filename: 'ik.jpg', content: await photo(600, 900), type: 'image/jpeg' };
    const wrong = await browser.upload('/me/picture', { _csrf: csrfOf(form.body) }, { ...file, content: 'no picture' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('id="f-image-error"');
    const ok = await browser.upload('/me/picture', { _csrf: csrfOf(form.body) }, file);
    expect(ok.statusCode, ok.body).toBe(303);
    const after = await browser.get('/me/picture');
    expect(after.body).toMatch(new RegExp(`<img class="avatar avatar-160"[^>]*alt="${eva.user.name}"`));
    const removed = await browser.request('POST', '/me/picture/delete', { _csrf: csrfOf(after.body) });
    expect(removed.statusCode).toBe(303);
    expect((await t.api('GET', '/api/v1/me/profile', { token: eva.token })).json().picture).toBeNull();
  });
});
