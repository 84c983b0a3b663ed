import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded bytes live. One interface so that an S3-compatible store can be added for
 * installs on several machines without touching the features; the default keeps files in the
 * data directory (`$ESSAIM_DATA_DIR/uploads`), which `essaim backup` includes.
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

const stores = new Map<string, BlobStore>();

/** The store of a data directory (one per directory, shared by every feature of the process). */
export function blobStoreFor(dataDir: string): BlobStore {
  const root = path.resolve(dataDir, 'uploads');
  let store = stores.get(root);
  if (!store) {
    store = new DiskStore(root);
    stores.set(root, store);
  }
  return store;
}
