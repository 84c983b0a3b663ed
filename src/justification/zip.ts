import yazl from 'yazl';
import type { BlobStore } from '../storage/service.js';
import type { Pack } from './pack.js';

/** The receipts of the pack's lines, as received, in one zip beside the pack's tables. */
export async function packZip(
  pack: Pack,
  store: BlobStore,
  files: { name: string; bytes: Buffer | string }[],
): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const f of files) zip.addBuffer(Buffer.from(f.bytes), f.name);
  const seen = new Set<string>();
  for (const l of pack.lines)
    for (const r of l.receipts) {
      const bytes = await store.get(r.key);
      if (!bytes) continue;
      const ext = r.contentType.split('/')[1] === 'jpeg' ? 'jpg' : r.contentType.split('/')[1];
      const safe = `${l.date}-${l.supplier}`.replace(/[^\w.-]+/g, '_').slice(0, 60);
      let name = `receipts/${safe}-${r.sha256.slice(0, 8)}.${ext}`;
      for (let n = 2; seen.has(name); n++) name = `receipts/${safe}-${r.sha256.slice(0, 8)}-${n}.${ext}`;
      seen.add(name);
      zip.addBuffer(bytes, name);
    }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
