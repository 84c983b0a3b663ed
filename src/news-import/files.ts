import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { AppError } from '../web/errors.js';
import { msg } from '../web/i18n.js';

export interface SourceFile {
  /** Path relative to what was given (the folder or the zip), with forward slashes. */
  path: string;
  text: string;
}

const MARKDOWN = /\.(md|markdown|mdown|txt)$/i;
/** One article is text: a file over 5 MB is not one, and a zip may not unpack to more than 200 MB. */
const MAX_FILE = 5 * 1_048_576;
const MAX_TOTAL = 200 * 1_048_576;

function decode(bytes: Buffer, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('validation', msg('newsImport.problem.notUtf8', { name }));
  }
}

function readZip(file: string): Promise<SourceFile[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, strictFileNames: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(new AppError('validation', msg('newsImport.problem.badZip', { name: file })));
      const out: SourceFile[] = [];
      let total = 0;
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        // Folders, hidden files, macOS resource forks and paths climbing out are not articles.
        if (/\/$/.test(name) || !MARKDOWN.test(name) || /(^|\/)(\.|__MACOSX)/.test(name) || name.includes('..'))
          return zip.readEntry();
        if (entry.uncompressedSize > MAX_FILE) {
          zip.close();
          return reject(new AppError('payload_too_large', msg('newsImport.problem.zipEntryLarge', { name })));
        }
        total += entry.uncompressedSize;
        if (total > MAX_TOTAL) {
          zip.close();
          return reject(new AppError('payload_too_large', msg('newsImport.problem.zipTotal')));
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            try {
              out.push({ path: name, text: decode(Buffer.concat(chunks), name) });
              zip.readEntry();
            } catch (x) {
              reject(x);
            }
          });
        });
      });
      zip.on('end', () => resolve(out.sort((a, b) => a.path.localeCompare(b.path))));
      zip.on('error', () => reject(new AppError('validation', msg('newsImport.problem.damagedZip', { name: file }))));
      zip.readEntry();
    });
  });
}

function walk(dir: string, base: string, out: SourceFile[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, base, out);
    else if (entry.isFile() && MARKDOWN.test(entry.name)) {
      if (fs.statSync(full).size > MAX_FILE)
        throw new AppError('payload_too_large', msg('newsImport.problem.fileLarge', { name: full }));
      out.push({
        path: path.relative(base, full).split(path.sep).join('/'),
        text: decode(fs.readFileSync(full), full),
      });
    }
  }
}

/** One file, a folder (recursively) or a zip: the Markdown and text files in it. */
export async function readSources(target: string): Promise<SourceFile[]> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new AppError('not_found', msg('newsImport.problem.missing', { name: target }));
  }
  if (stat.isDirectory()) {
    const out: SourceFile[] = [];
    walk(target, target, out);
    return out;
  }
  if (/\.zip$/i.test(target)) return readZip(target);
  if (stat.size > MAX_FILE)
    throw new AppError('payload_too_large', msg('newsImport.problem.fileLarge', { name: target }));
  return [{ path: path.basename(target), text: decode(fs.readFileSync(target), target) }];
}
