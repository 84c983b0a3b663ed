import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config, S3Settings } from '../config.js';
import { sha256Hex, signRequest, uriEncode } from './sigv4.js';

/**
 * Where uploaded bytes live. One interface, two stores: files in the data directory
 * (`$ESSAIM_DATA_DIR/uploads`, the default, one machine) or an S3-compatible bucket (S3_* settings,
 * for installs on several machines). Features never know which.
 */
export interface BlobStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or undefined when nothing is stored under this key. */
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9._-]{0,199}$/;

/** Files on the local disk, two levels of folders by key prefix so no folder grows huge. */
export class DiskStore implements BlobStore {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    // Keys are made by the storage service, never by a visitor; refuse anything that could climb out.
    if (!KEY.test(key)) throw new Error(`invalid blob key ${JSON.stringify(key)}`);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a reader never sees half a file, and a crash leaves no truncated blob.
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, bytes, { mode: 0o640 });
    await fs.rename(tmp, file);
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}

export class BlobStoreError extends Error {}

/**
 * An S3-compatible bucket, path-style (`{endpoint}/{bucket}/{key}`), which every implementation
 * accepts. Requests are signed with SigV4 including the body's SHA-256, so a proxy cannot swap
 * the bytes. Errors name the bucket and key, never the credentials.
 */
export class S3Store implements BlobStore {
  constructor(
    readonly settings: S3Settings,
    private readonly timeoutMs = 30_000,
  ) {}

  private async send(method: 'GET' | 'PUT' | 'DELETE', key: string, body?: Uint8Array): Promise<Response> {
    if (!KEY.test(key)) throw new Error(`invalid blob key ${JSON.stringify(key)}`);
    const base = this.settings.endpoint.replace(/\/+$/, '');
    const url = new URL(`${base}/${uriEncode(this.settings.bucket, false)}/${uriEncode(key, false)}`);
    const payloadHash = sha256Hex(body ?? '');
    const headers = signRequest(
      { method, url, headers: { 'x-amz-content-sha256': payloadHash }, payloadHash },
      { ...this.settings, service: 's3' },
    );
    // fetch sets Host itself, from the same URL that was signed.
    delete headers.host;
    try {
      return await fetch(url, {
        method,
        headers: body ? { ...headers, 'content-type': 'application/octet-stream' } : headers,
        ...(body ? { body: new Uint8Array(body) as Uint8Array<ArrayBuffer> } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new BlobStoreError(
        `S3 ${method} ${this.settings.bucket}/${key} failed: ${(err as Error).cause ?? (err as Error).message}`,
      );
    }
  }

  private async fail(res: Response, method: string, key: string): Promise<never> {
    const text = await res.text().catch(() => '');
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    throw new BlobStoreError(
      `S3 ${method} ${this.settings.bucket}/${key} answered ${res.status}${code ? ` (${code})` : ''}`,
    );
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const res = await this.send('PUT', key, bytes);
    if (!res.ok) await this.fail(res, 'PUT', key);
    await res.arrayBuffer();
  }

  async get(key: string): Promise<Buffer | undefined> {
    const res = await this.send('GET', key);
    if (res.status === 404) {
      await res.arrayBuffer();
      return undefined;
    }
    if (!res.ok) await this.fail(res, 'GET', key);
    return Buffer.from(await res.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const res = await this.send('DELETE', key);
    // Deleting what is already gone is done.
    if (!res.ok && res.status !== 404) await this.fail(res, 'DELETE', key);
    await res.arrayBuffer();
  }
}

const stores = new Map<string, BlobStore>();

/**
 * The store of this configuration (one per bucket or data directory, shared by every feature of
 * the process): the S3 bucket when S3_* is set, the data directory's `uploads/` otherwise.
 */
export function blobStoreFor(config: Pick<Config, 'dataDir' | 's3'>): BlobStore {
  const id = config.s3
    ? `s3:${config.s3.endpoint}/${config.s3.bucket}:${config.s3.accessKeyId}`
    : path.resolve(config.dataDir, 'uploads');
  let store = stores.get(id);
  if (!store) {
    store = config.s3 ? new S3Store(config.s3) : new DiskStore(id);
    stores.set(id, store);
  }
  return store;
}
