import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { createTestDatabase } from '../../test/support/db.js';
import { expectedSignature, startS3, type TestS3 } from '../../test/support/s3.js';
import { ConfigError, loadConfig, type S3Settings } from '../config.js';
import { backup, restore } from '../ops/backup.js';
import { imageUrl, saveImage } from './service.js';
import { sha256Hex, signRequest } from './sigv4.js';
import { BlobStoreError, blobStoreFor, S3Store } from './store.js';

let s3: TestS3;
let settings: S3Settings;
let t: TestApp;
beforeAll(async () => {
  s3 = await startS3();
  settings = loadConfig(s3.env).s3!;
  t = await startTestApp({ s3: settings });
});
afterAll(async () => {
  await t.close();
  await s3.close();
});

describe('the test S3 server', () => {
  it("derives AWS's published signature for the S3 GET Object example on its own", () => {
    const signature = expectedSignature({
      method: 'GET',
      target: '/test.txt',
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        range: 'bytes=0-9',
        'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-amz-date': '20130524T000000Z',
      },
      signedHeaders: ['host', 'range', 'x-amz-content-sha256', 'x-amz-date'],
      amzDate: '20130524T000000Z',
      region: 'us-east-1',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });
    expect(signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it('refuses a body other than the one signed', async () => {
    const url = new URL(`${s3.env.S3_ENDPOINT}/${s3.env.S3_BUCKET}/swapped.bin`);
    const signedFor = sha256Hex('the bytes that were signed');
    const headers = signRequest(
      { method: 'PUT', url, headers: { 'x-amz-content-sha256': signedFor }, payloadHash: signedFor },
      { ...settings, service: 's3' },
    );
    delete headers.host;
    const res = await fetch(url, { method: 'PUT', headers, body: 'other bytes' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('XAmzContentSHA256Mismatch');
    expect(s3.objects.has('swapped.bin')).toBe(false);
  });
});

describe('S3Store', () => {
  it('puts, gets and deletes objects with signed requests', async () => {
    const store = new S3Store(settings);
    const bytes = Buffer.from('%PDF-1.4 a receipt');
    await store.put('ab12-receipt.pdf', bytes);
    expect(s3.objects.get('ab12-receipt.pdf')).toEqual(bytes);
    expect(await store.get('ab12-receipt.pdf')).toEqual(bytes);
    await store.delete('ab12-receipt.pdf');
    expect(await store.get('ab12-receipt.pdf')).toBeUndefined();
    await store.delete('ab12-receipt.pdf');
    const mine = s3.log.filter((l) => l.key === 'ab12-receipt.pdf');
    expect(mine.map((l) => `${l.method} ${l.status}`)).toEqual([
      'PUT 200',
      'GET 200',
      'DELETE 204',
      'GET 404',
      'DELETE 204',
    ]);
  });

  it('reports a refused signature with the bucket and key, never the secret', async () => {
    const wrong = new S3Store({ ...settings, secretAccessKey: 'not-the-right-secret' });
    const err = await wrong.put('cd34-photo.webp', Buffer.from('x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlobStoreError);
    expect((err as Error).message).toBe('S3 PUT essaim-test/cd34-photo.webp answered 403 (SignatureDoesNotMatch)');
    expect(s3.objects.has('cd34-photo.webp')).toBe(false);
    const unknownKey = new S3Store({ ...settings, accessKeyId: 'AKIAUNKNOWN' });
    await expect(unknownKey.get('cd34-photo.webp')).rejects.toThrow(/answered 403 \(InvalidAccessKeyId\)/);
  });

  it('reports an unreachable endpoint', async () => {
    const gone = new S3Store({ ...settings, endpoint: 'http://127.0.0.1:1' }, 2000);
    await expect(gone.get('ef56.webp')).rejects.toThrow(/^S3 GET essaim-test\/ef56\.webp failed: /);
  });
});

describe('an application configured with S3_*', () => {
  it('keeps pictures in the bucket, not the data directory, and serves them from there', async () => {
    expect(blobStoreFor(t.config)).toBeInstanceOf(S3Store);
    const jpeg = await sharp({ create: { width: 700, height: 300, channels: 3, background: '#c80' } })
      .jpeg()
      .toBuffer();
    const upload = await saveImage(
      t.database.db,
      blobStoreFor(t.config),
      t.network.id,
      { bytes: jpeg, name: 'cover.jpg', field: 'cover' },
      null,
    );
    for (const v of upload.variants!) expect(s3.objects.has(v.key)).toBe(true);
    expect(fs.existsSync(path.join(t.config.dataDir, 'uploads'))).toBe(false);
    const res = await t.app.inject({ method: 'GET', url: imageUrl(upload, 640) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.rawPayload).toEqual(s3.objects.get(upload.variants!.find((v) => v.width === 640)!.key));
  });

  it('needs all four S3 settings or none', () => {
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'uploads' })).toThrow(ConfigError);
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'uploads' })).toThrow(
      /S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/,
    );
    expect(() => loadConfig({ ...s3.env, S3_BUCKET: 'Not_A_Bucket' })).toThrow(/S3_BUCKET: must be a bucket name/);
    expect(loadConfig({}).s3).toBeUndefined();
    expect(loadConfig({ ...s3.env, S3_REGION: '' }).s3!.region).toBe('us-east-1');
  });
});

describe('backups of an install on S3', () => {
  it('carry the blobs the uploads name, and restore them to disk or into another bucket', async () => {
    const png = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#08c' } })
      .png()
      .toBuffer();
    const upload = await saveImage(
      t.database.db,
      blobStoreFor(t.config),
      t.network.id,
      { bytes: png, name: 'logo.png', field: 'logo' },
      null,
    );
    const keys = upload.variants!.map((v) => v.key);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-s3-backup-'));
    const other = await startS3({ bucket: 'restored' });
    const toDisk = await createTestDatabase({ empty: true });
    const toBucket = await createTestDatabase({ empty: true });
    try {
      const file = path.join(work, 'b.zip');
      const made = await backup({ databaseUrl: t.database.url, dataDir: t.config.dataDir, s3: settings }, file);
      expect(made.uploads).toBeGreaterThanOrEqual(keys.length);

      // Into a data directory: the layout the disk store reads.
      const dir = path.join(work, 'data');
      await restore({ databaseUrl: toDisk.url, dataDir: dir }, file);
      for (const key of keys)
        expect(fs.readFileSync(path.join(dir, 'uploads', key.slice(0, 2), key))).toEqual(s3.objects.get(key));

      // Into another bucket, through signed PUTs.
      const otherSettings = loadConfig(other.env).s3!;
      await restore({ databaseUrl: toBucket.url, dataDir: path.join(work, 'unused'), s3: otherSettings }, file);
      for (const key of keys) expect(other.objects.get(key)).toEqual(s3.objects.get(key));
      expect(other.log.filter((l) => l.status !== 200)).toEqual([]);
      expect(fs.existsSync(path.join(work, 'unused', 'uploads'))).toBe(false);
    } finally {
      await toDisk.close();
      await toBucket.close();
      await other.close();
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
