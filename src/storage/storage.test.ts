import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { AppError } from '../web/errors.js';
import {
  blobStoreFor,
  DEFAULT_IMAGE_RULES,
  discardUpload,
  emptyBlobTrash,
  imageUrl,
  saveFile,
  saveImage,
  sniffType,
  srcsetOf,
} from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Ada Lovelace', Copyright: 'private' } })
    .toBuffer();

describe('file types', () => {
  it('are found from the content, not the name', async () => {
    expect(sniffType(pdf)).toBe('application/pdf');
    expect(sniffType(await photo(10, 10))).toBe('image/jpeg');
    expect(sniffType(Buffer.from('MZ\x90\x00 an executable'))).toBeUndefined();
  });
});

describe('documents', () => {
  it('are kept byte for byte with their SHA-256, once per content', async () => {
    const store = blobStoreFor(t.config);
    const file = { bytes: pdf, name: 'receipt.pdf', field: 'receipt' };
    const rules = { accept: ['application/pdf'] as const, maxBytes: 1_000_000 };
    const a = await saveFile(t.database.db, store, t.network.id, file, rules, null);
    const b = await saveFile(t.database.db, store, t.network.id, { ...file, name: 'again.pdf' }, rules, null);
    expect(a.id).toBe(b.id);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.contentType).toBe('application/pdf');
    expect(Buffer.compare((await store.get(a.key))!, pdf)).toBe(0);
  });

  it('refuse a file whose content is not what its name claims, naming the field', async () => {
    const store = blobStoreFor(t.config);
    const err = await saveFile(
      t.database.db,
      store,
      t.network.id,
      { bytes: Buffer.from('<script>alert(1)</script>'), name: 'receipt.pdf', field: 'receipt' },
      { accept: ['application/pdf'], maxBytes: 1_000_000 },
      null,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(415);
    expect((err as AppError).errors).toEqual([
      { field: 'receipt', message: { key: 'validation.oneOf', params: { values: 'PDF' } } },
    ]);
  });

  it('refuse a file over the size limit', async () => {
    const err = await saveFile(
      t.database.db,
      blobStoreFor(t.config),
      t.network.id,
      { bytes: pdf, name: 'big.pdf', field: 'receipt' },
      { accept: ['application/pdf'], maxBytes: 10 },
      null,
    ).catch((e: unknown) => e);
    expect((err as AppError).status).toBe(413);
  });
});

describe('pictures', () => {
  it('are re-encoded at a few widths without their metadata and served with a long cache', async () => {
    const store = blobStoreFor(t.config);
    const upload = await saveImage(
      t.database.db,
      store,
      t.network.id,
      { bytes: await photo(1000, 500), name: 'cover.jpg', field: 'cover' },
      null,
    );
    expect(upload.variants!.map((v) => v.width)).toEqual([320, 640, 1000]);
    expect(srcsetOf(upload)).toContain(`/media/${upload.id}/320.webp 320w`);
    const res = await t.app.inject({ method: 'GET', url: imageUrl(upload, 600) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['cache-control']).toContain('immutable');
    const meta = await sharp(res.rawPayload).metadata();
    expect(meta.width).toBe(640);
    expect(meta.exif).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: `/media/${upload.id}/999.webp` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/media/../../etc/passwd' })).statusCode).toBe(404);
  });

  it('refuse a picture of too many pixels', async () => {
    const err = await saveImage(
      t.database.db,
      blobStoreFor(t.config),
      t.network.id,
      { bytes: await photo(400, 400), name: 'huge.jpg', field: 'cover' },
      null,
      { maxBytes: 10_000_000, maxPixels: 100_000 },
    ).catch((e: unknown) => e);
    expect((err as AppError).status).toBe(413);
    expect((err as AppError).errors[0]!.field).toBe('cover');
  });
});

describe('restricted pictures and the blob trash', () => {
  const restricted = (bytes: Buffer, owner: string) =>
    saveImage(
      t.database.db,
      blobStoreFor(t.config),
      t.network.id,
      { bytes, name: 'me.jpg', field: 'image' },
      null,
      DEFAULT_IMAGE_RULES,
      {
        widths: [96, 320],
        square: true,
        restricted: { owner },
      },
    );

  it('are never served by /media, and two owners of the same bytes get rows of their own', async () => {
    const bytes = await photo(500, 300);
    const a = await restricted(bytes, '00000000-0000-4000-8000-00000000000a');
    const b = await restricted(bytes, '00000000-0000-4000-8000-00000000000b');
    expect(a.id).not.toBe(b.id);
    expect(a.variants!.map((v) => [v.width, v.height])).toEqual([
      [96, 96],
      [300, 300],
    ]);
    expect((await t.app.inject({ method: 'GET', url: `/media/${a.id}/96.webp` })).statusCode).toBe(404);
    // The same picture as a public upload is served: only the restricted row is refused.
    const open = await saveImage(
      t.database.db,
      blobStoreFor(t.config),
      t.network.id,
      { bytes, name: 'c.jpg', field: 'cover' },
      null,
    );
    expect((await t.app.inject({ method: 'GET', url: imageUrl(open, 320) })).statusCode).toBe(200);
  });

  it('deletes the bytes of a discarded upload after the commit, but not bytes uploaded again meanwhile', async () => {
    const store = blobStoreFor(t.config);
    const owner = '00000000-0000-4000-8000-0000000000cc';
    const first = await restricted(await photo(401, 401), owner);
    await t.database.db.transaction((tx) => discardUpload(tx, t.network.id, first.id));
    // Uploaded again before the trash was emptied: wanted after all.
    const again = await restricted(await photo(401, 401), owner);
    expect(again.variants!.map((v) => v.key)).toEqual(first.variants!.map((v) => v.key));
    await emptyBlobTrash(t.database.db, store);
    for (const v of again.variants!) expect(await store.get(v.key)).toBeDefined();
    // A rolled-back discard deletes nothing.
    await t.database.db
      .transaction(async (tx) => {
        await discardUpload(tx, t.network.id, again.id);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await emptyBlobTrash(t.database.db, store)).toBe(0);
    for (const v of again.variants!) expect(await store.get(v.key)).toBeDefined();
    await t.database.db.transaction((tx) => discardUpload(tx, t.network.id, again.id));
    expect(await emptyBlobTrash(t.database.db, store)).toBe(again.variants!.length);
    for (const v of again.variants!) expect(await store.get(v.key)).toBeUndefined();
  });
});
