import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The uploaded file between the dry run and the confirmed import. The upload page shows the
 * report first; rather than asking the admin to choose the file again, it keeps the bytes in a
 * private temporary file named by a random token (256 bits) and records who uploaded it: only
 * the same admin of the same network may import it, once, within an hour. The token travels in
 * the confirmation form (itself CSRF-protected). Kept on the local disk: with several servers
 * behind a balancer, the confirmation must reach the same one (sticky sessions) — or the admin
 * uses the API or the command line. The folder is made by mkdtemp for this process (0700, a
 * name nobody can create in advance), so a restart forgets pending uploads: upload again.
 */
let folder: Promise<string> | undefined;
const stashDir = () => (folder ??= fs.mkdtemp(path.join(os.tmpdir(), 'essaim-imports-')));
const TTL_MS = 3_600_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

interface Meta {
  userId: string;
  networkId: string;
  fileName: string;
  createdAt: number;
}

export async function stashUpload(bytes: Uint8Array, meta: Omit<Meta, 'createdAt'>): Promise<string> {
  const dir = await stashDir();
  await sweep(dir);
  const token = randomBytes(32).toString('base64url');
  await fs.writeFile(path.join(dir, `${token}.csv`), bytes, { mode: 0o600 });
  await fs.writeFile(path.join(dir, `${token}.json`), JSON.stringify({ ...meta, createdAt: Date.now() }), {
    mode: 0o600,
  });
  return token;
}

/** The stashed file, taken (deleted) so it is imported once; undefined when unknown, expired or someone else's. */
export async function takeUpload(
  token: string,
  who: { userId: string; networkId: string },
): Promise<{ bytes: Buffer; fileName: string } | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const base = path.join(await stashDir(), token);
  let meta: Meta;
  try {
    meta = JSON.parse(await fs.readFile(`${base}.json`, 'utf8')) as Meta;
  } catch {
    return undefined;
  }
  if (meta.userId !== who.userId || meta.networkId !== who.networkId) return undefined;
  const bytes = await fs.readFile(`${base}.csv`).catch(() => undefined);
  await Promise.all([fs.rm(`${base}.csv`, { force: true }), fs.rm(`${base}.json`, { force: true })]);
  if (!bytes || Date.now() - meta.createdAt > TTL_MS) return undefined;
  return { bytes, fileName: meta.fileName };
}

/** Uploads checked but never confirmed are removed after an hour. */
async function sweep(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (n) => {
      const stat = await fs.stat(path.join(dir, n)).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > TTL_MS) await fs.rm(path.join(dir, n), { force: true });
    }),
  );
}
