import yauzl from 'yauzl';
import yazl from 'yazl';
import { AppError } from '../web/errors.js';
import { msg, type Msg } from '../web/i18n.js';
import type { FileType } from '../storage/service.js';

/**
 * Identifying metadata is removed from attachments before they are stored: jurors of a blind stage
 * must not learn an applicant's name from a file's properties. What cannot be cleaned safely is refused.
 */
export type Cleaned = { bytes: Uint8Array; ext: string; contentType: string };

const refuse = (field: string, why: Msg) =>
  new AppError('unsupported_media_type', why, [{ field, message: msg('call.problem.metadata') }]);

// Loaded on first use: sharp and libvips weigh ~20 MB of a server's memory that most never need.
const loadSharp = () => import('sharp').then((m) => m.default);

export async function stripMetadata(bytes: Uint8Array, type: FileType, field: string): Promise<Cleaned> {
  if (type === 'application/pdf') return { bytes: cleanPdf(bytes, field), ext: 'pdf', contentType: type };
  if (type === 'application/zip') return { bytes: await cleanDocx(bytes, field), ext: 'docx', contentType: DOCX };
  // Pictures are decoded and encoded again: sharp writes no EXIF, XMP or IPTC unless asked to.
  const sharp = await loadSharp();
  const image = sharp(bytes, { limitInputPixels: 40_000_000 }).rotate();
  const out =
    type === 'image/png'
      ? { data: await image.png().toBuffer(), ext: 'png', contentType: 'image/png' }
      : type === 'image/webp'
        ? { data: await image.webp().toBuffer(), ext: 'webp', contentType: 'image/webp' }
        : { data: await image.jpeg({ quality: 90 }).toBuffer(), ext: 'jpg', contentType: 'image/jpeg' };
  return { bytes: new Uint8Array(out.data), ext: out.ext, contentType: out.contentType };
}

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const INFO_KEYS = ['Author', 'Creator', 'Producer', 'Title', 'Subject', 'Keywords'];
const XMP_TAGS = [
  'dc:creator',
  'dc:title',
  'dc:description',
  'pdf:Author',
  'pdf:Producer',
  'xmp:CreatorTool',
  'pdf:Keywords',
  'dc:rights',
];

/**
 * With no PDF library at hand, the PDF is cleaned in place: every value of the document information
 * dictionary's identifying keys, and the text of identifying XMP elements, is overwritten with
 * spaces of the same length. Byte offsets stay valid, so the cross-reference table still holds.
 * Metadata kept in compressed object streams or a compressed XMP stream cannot be reached this
 * way: such a PDF is refused with a way out, rather than stored with its author's name.
 */
export function cleanPdf(input: Uint8Array, field: string): Uint8Array {
  const bytes = Buffer.from(input);
  const text = bytes.toString('latin1');
  const infoRefs = [...text.matchAll(/\/Info\s+(\d+)\s+(\d+)\s+R/g)].map((m) => `${m[1]} ${m[2]}`);
  for (const ref of new Set(infoRefs)) {
    if (!new RegExp(`(^|[^0-9])${ref.replace(' ', '\\s+')}\\s+obj`).test(text))
      throw refuse(field, msg('call.problem.pdfCompressed'));
  }
  for (const key of INFO_KEYS) {
    const re = new RegExp(`/${key}\\s*([(<])`, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index + m[0].length - 1;
      const end = m[1] === '(' ? endOfLiteral(text, start) : text.indexOf('>', start);
      if (end < 0) throw refuse(field, msg('call.problem.pdfDamaged'));
      if (m[1] === '<' && text[start + 1] === '<') continue; // a dictionary, not a hex string
      bytes.fill(m[1] === '(' ? 0x20 : 0x30, start + 1, end);
    }
  }
  // Values kept as indirect objects (`/Author 13 0 R` → `13 0 obj (…) endobj`), as pdfkit writes them.
  for (const key of INFO_KEYS) {
    const re = new RegExp(`/${key}\\s+(\\d+)\\s+(\\d+)\\s+R`, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const obj = new RegExp(`(^|[^0-9])${m[1]}\\s+${m[2]}\\s+obj\\s*([(<])`).exec(text);
      if (!obj) throw refuse(field, msg('call.problem.pdfCompressed'));
      const start = obj.index + obj[0].length - 1;
      const end = obj[2] === '(' ? endOfLiteral(text, start) : text.indexOf('>', start);
      if (end < 0) throw refuse(field, msg('call.problem.pdfDamaged'));
      bytes.fill(obj[2] === '(' ? 0x20 : 0x30, start + 1, end);
    }
  }
  const metadata = /\/Type\s*\/Metadata/g;
  for (let m = metadata.exec(text); m; m = metadata.exec(text)) {
    const dictStart = text.lastIndexOf('obj', m.index);
    const streamAt = text.indexOf('stream', m.index);
    if (streamAt < 0) continue;
    if (/\/Filter/.test(text.slice(dictStart, streamAt))) throw refuse(field, msg('call.problem.pdfXmp'));
    const endAt = text.indexOf('endstream', streamAt);
    const xmp = text.slice(streamAt, endAt);
    for (const tag of XMP_TAGS) {
      const el = new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g');
      for (let x = el.exec(xmp); x; x = el.exec(xmp)) {
        // Blank the text between tags only, keeping the markup (and the length) intact.
        const inner = x[1]!;
        const innerAt = streamAt + x.index + x[0].indexOf(inner, tag.length + 1);
        for (let i = 0; i < inner.length; i++) {
          const inTag = inner.lastIndexOf('<', i) > inner.lastIndexOf('>', i);
          if (!inTag && inner[i] !== '<' && inner[i] !== '>') bytes[innerAt + i] = 0x20;
        }
      }
    }
  }
  return new Uint8Array(bytes);
}

function endOfLiteral(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

const CORE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>`;

/** A Word document is a zip: copied entry by entry, with empty core properties and no company or manager in app.xml. */
export async function cleanDocx(input: Uint8Array, field: string): Promise<Uint8Array> {
  const entries = await readZip(input).catch(() => {
    throw refuse(field, msg('call.problem.unreadableFile'));
  });
  if (!entries.has('word/document.xml'))
    throw new AppError('unsupported_media_type', msg('call.problem.accepted'), [
      { field, message: msg('validation.oneOf', { values: 'PDF, JPEG, PNG, WEBP, DOCX' }) },
    ]);
  const out = new yazl.ZipFile();
  for (const [name, data] of entries) {
    let content = data;
    if (name === 'docProps/core.xml') content = Buffer.from(CORE);
    if (name === 'docProps/app.xml')
      content = Buffer.from(data.toString('utf8').replace(/<(Company|Manager)>[\s\S]*?<\/\1>/g, '<$1></$1>'));
    if (name === 'docProps/custom.xml') continue;
    out.addBuffer(content, name, { mtime: new Date(0) });
  }
  out.end();
  const chunks: Buffer[] = [];
  for await (const c of out.outputStream) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

const MAX_ENTRIES = 2000;
const MAX_UNZIPPED = 100 * 1_048_576;

/** Every entry of a zip in memory, with limits against zip bombs. */
export function readZip(input: Uint8Array): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(input), { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const entries = new Map<string, Buffer>();
      let total = 0;
      zip.on('entry', (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        if (entries.size > MAX_ENTRIES || total > MAX_UNZIPPED) return reject(new Error('zip too large'));
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const parts: Buffer[] = [];
          stream.on('data', (d: Buffer) => parts.push(d));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
