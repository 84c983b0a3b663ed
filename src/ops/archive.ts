import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';

/** A file of a backup, as the manifest lists it. */
export interface ArchivedFile {
  path: string;
  size: number;
  sha256: string;
}

export class BackupFileError extends Error {}

export async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Writes `files` (paths inside the archive → files on disk) and the manifest into one zip,
 * through a temporary name: a backup interrupted half-way never sits under the final name.
 */
export async function writeArchive(target: string, files: Map<string, string>, manifest: object): Promise<void> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json');
  for (const [name, file] of files) zip.addFile(file, name);
  zip.end();
  const partial = `${target}.partial`;
  await pipeline(zip.outputStream, fs.createWriteStream(partial, { mode: 0o600 }));
  fs.renameSync(partial, target);
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, zip) => (err ? reject(err) : resolve(zip))),
  );
}

/**
 * Extracts a backup into `dir` and checks every file against the manifest's size and SHA-256
 * before anything is restored: a truncated or altered backup is refused as a whole.
 */
export async function extractArchive<M extends { files: ArchivedFile[] }>(file: string, dir: string): Promise<M> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (err) {
    throw new BackupFileError(
      `${file} is not a complete Essaim backup (${(err as Error).message}): it may be truncated or damaged — use another copy`,
    );
  }
  try {
    const names: string[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name.endsWith('/')) return zip.readEntry();
        const out = path.resolve(dir, name);
        if (!out.startsWith(path.resolve(dir) + path.sep))
          return reject(new BackupFileError(`${file} holds a file outside the backup (${name}): refused`));
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          fs.mkdirSync(path.dirname(out), { recursive: true });
          pipeline(stream, fs.createWriteStream(out)).then(() => {
            names.push(name);
            zip.readEntry();
          }, reject);
        });
      });
      zip.readEntry();
    });
    if (!names.includes('manifest.json')) throw new BackupFileError(`${file} has no manifest: not an Essaim backup`);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as M;
    for (const f of manifest.files) {
      const local = path.join(dir, f.path);
      if (!fs.existsSync(local)) throw new BackupFileError(`${file} is incomplete: ${f.path} is missing`);
      const { sha256, size } = await sha256File(local);
      if (size !== f.size || sha256 !== f.sha256)
        throw new BackupFileError(`${file} is damaged: ${f.path} does not match its checksum in the manifest`);
    }
    return manifest;
  } catch (err) {
    if (err instanceof BackupFileError) throw err;
    throw new BackupFileError(
      `${file} cannot be read as an Essaim backup (${(err as Error).message}): it may be truncated or damaged`,
    );
  } finally {
    zip.close();
  }
}
