import { createHash } from 'node:crypto';
import type { Tx } from '../db/connection.js';
import { AppError } from '../web/errors.js';
import { imageSize, imageVariant } from './images.js';
import * as q from './queries.js';
import { type FileType, IMAGE_TYPES, sniffType } from './sniff.js';
import type { BlobStore } from './store.js';
import type { CoverRef, ImageVariant } from './tables.js';
import { msg } from '../web/i18n.js';

export type Upload = q.UploadRow;
export { blobStoreFor, type BlobStore } from './store.js';
export { sniffType, IMAGE_TYPES, type FileType } from './sniff.js';
export { imageMultipart, uploadedImage } from './multipart.js';
export type { CoverRef } from './tables.js';

export interface IncomingFile {
  bytes: Uint8Array;
  /** The name on the uploader's machine (display only). */
  name: string;
  /** The form field or API property the file came from, to name it in errors. */
  field: string;
}

export interface FileRules {
  accept: readonly FileType[];
  maxBytes: number;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const megabytes = (n: number) => `${Math.round((n / 1_048_576) * 10) / 10} MB`;

/** Checks a file by its content and size; the error names the field and says what is accepted. */
export function checkFile(file: IncomingFile, rules: FileRules): FileType {
  if (file.bytes.byteLength === 0)
    throw new AppError('validation', msg('storage.problem.empty', { name: file.name }), [
      { field: file.field, message: msg('storage.problem.emptyField') },
    ]);
  if (file.bytes.byteLength > rules.maxBytes)
    throw new AppError(
      'payload_too_large',
      msg('storage.problem.tooLarge', { name: file.name, size: megabytes(rules.maxBytes) }),
      [{ field: file.field, message: msg('validation.max', { max: megabytes(rules.maxBytes) }) }],
    );
  const type = sniffType(file.bytes);
  if (!type || !rules.accept.includes(type)) {
    const accepted = rules.accept.map((t) => t.split('/')[1]!.toUpperCase()).join(', ');
    throw new AppError('unsupported_media_type', msg('storage.problem.type', { name: file.name, accepted }), [
      { field: file.field, message: msg('validation.oneOf', { values: accepted }) },
    ]);
  }
  return type;
}

/**
 * Stores a document (a receipt, an attachment) as received, byte for byte: its SHA-256 is what
 * a funder checks, so it must never be re-encoded. Content-addressed: the same file twice is one blob.
 */
export async function saveFile(
  db: Tx,
  store: BlobStore,
  networkId: string,
  file: IncomingFile,
  rules: FileRules,
  createdBy: string | null,
): Promise<Upload> {
  const contentType = checkFile(file, rules);
  const hash = sha256(file.bytes);
  const key = `${hash}.${contentType.split('/')[1]}`;
  await store.put(key, file.bytes);
  return q.insertUpload(db, {
    networkId,
    sha256: hash,
    key,
    contentType,
    byteSize: file.bytes.byteLength,
    originalName: file.name.slice(0, 200),
    createdBy,
  });
}

export interface ImageRules {
  maxBytes: number;
  /** Width × height of the decoded picture: a small file can decode to a huge bitmap. */
  maxPixels: number;
}

export const DEFAULT_IMAGE_RULES: ImageRules = { maxBytes: 10 * 1_048_576, maxPixels: 40_000_000 };
/** Widths made for `srcset`: a phone card, a desktop card, a full-width cover. */
export const IMAGE_WIDTHS = [320, 640, 1280] as const;

/**
 * How a feature wants its pictures: other widths than the covers' (a profile picture is small),
 * cropped square, or restricted — kept out of `/media` and served by the feature after its own
 * check, under keys of their own (`owner` in the key), so the same bytes uploaded elsewhere never
 * share their row and removing one never takes another's.
 */
export interface ImageShape {
  widths?: readonly number[];
  square?: boolean;
  restricted?: { owner: string };
}

/**
 * Stores a picture for public pages: decoded, re-encoded as WebP at a few widths (never larger
 * than the original) with its metadata (EXIF: camera, GPS position) stripped. The original bytes
 * are not kept, so nothing in them can leak.
 */
export async function saveImage(
  db: Tx,
  store: BlobStore,
  networkId: string,
  file: IncomingFile,
  createdBy: string | null,
  rules: ImageRules = DEFAULT_IMAGE_RULES,
  shape: ImageShape = {},
): Promise<Upload> {
  checkFile(file, { accept: IMAGE_TYPES, maxBytes: rules.maxBytes });
  const tooBig = () =>
    new AppError(
      'payload_too_large',
      msg('storage.problem.pixels', { name: file.name, megapixels: Math.round(rules.maxPixels / 1_000_000) }),
      [
        {
          field: file.field,
          message: msg('storage.problem.pixelsField', { megapixels: Math.round(rules.maxPixels / 1_000_000) }),
        },
      ],
    );
  const unreadable = () =>
    new AppError('unsupported_media_type', msg('storage.problem.unreadable', { name: file.name }), [
      { field: file.field, message: msg('storage.problem.unreadableField') },
    ]);
  // Decoded in the picture worker (images.ts), a process of its own.
  const meta = await imageSize(file.bytes);
  if (!meta) throw unreadable();
  if (!meta.width || !meta.height) throw tooBig();
  if (meta.width * meta.height > rules.maxPixels) throw tooBig();
  const hash = sha256(file.bytes);
  const wanted = shape.widths ?? IMAGE_WIDTHS;
  // A square crop is as wide as the shorter side allows.
  const fullWidth = shape.square ? Math.min(meta.width, meta.height) : meta.width;
  const widths: number[] = wanted.filter((w) => w < fullWidth);
  if (widths.length < wanted.length) widths.push(Math.min(fullWidth, wanted.at(-1)!));
  const prefix = shape.restricted ? `${hash}-${shape.restricted.owner}` : hash;
  const variants: ImageVariant[] = [];
  for (const width of [...new Set(widths)]) {
    // A file whose header reads but whose pixels do not (cut short, corrupt) is refused like any
    // unreadable picture.
    const variant = await imageVariant(file.bytes, { width, square: !!shape.square, maxPixels: rules.maxPixels });
    if (!variant) throw unreadable();
    const { data, ...info } = variant;
    const key = `${prefix}-${width}.webp`;
    await store.put(key, data);
    variants.push({ width: info.width, height: info.height, key });
  }
  const largest = variants.at(-1)!;
  return q.insertUpload(db, {
    networkId,
    sha256: hash,
    key: largest.key,
    contentType: 'image/webp',
    byteSize: file.bytes.byteLength,
    originalName: file.name.slice(0, 200),
    variants,
    restricted: !!shape.restricted,
    createdBy,
  });
}

/**
 * Removes an upload: its row now, in the caller's transaction, and its bytes once that commits
 * (queued in the blob trash, which `emptyBlobTrash` empties). Only for uploads a feature owns
 * alone — a restricted picture, whose keys name its owner.
 */
export async function discardUpload(tx: Tx, networkId: string, uploadId: string): Promise<void> {
  const row = await q.deleteUpload(tx, networkId, uploadId);
  if (!row) return;
  await q.queueBlobs(tx, [...new Set([row.key, ...(row.variants ?? []).map((v) => v.key)])]);
}

/**
 * Deletes the bytes queued by `discardUpload`, except those an upload names again (the same
 * picture uploaded anew). Returns how many were deleted; a store error leaves the rest queued.
 */
export async function emptyBlobTrash(db: Tx, store: BlobStore, limit = 200): Promise<number> {
  const keys = await q.selectTrashedKeys(db, limit);
  for (const key of keys) {
    await store.delete(key);
    await q.unqueueBlob(db, key);
  }
  return keys.length;
}

export const findUpload = (db: Tx, networkId: string, id: string) => q.selectUpload(db, networkId, id);

/** The `srcset` attribute of an image upload: every width, served from /media. */
export function srcsetOf(upload: Pick<Upload, 'id' | 'variants'>): string {
  return (upload.variants ?? []).map((v) => `/media/${upload.id}/${v.width}.webp ${v.width}w`).join(', ');
}

/** The address of the width closest to (and not under) `width`, or the largest. */
export function imageUrl(upload: Pick<Upload, 'id' | 'variants'>, width = 640): string {
  const variants = upload.variants ?? [];
  const v = variants.find((x) => x.width >= width) ?? variants.at(-1);
  return `/media/${upload.id}/${v?.width ?? width}.webp`;
}

// Cover pictures of events, chapters and venues: each keeps a CoverRef in a column of its own.

/** What pages and the API show of a cover. */
export interface CoverView {
  url: string;
  srcset: string;
  width: number;
  height: number;
  alt: string;
}

/** A stored cover → its addresses; null when there is none. */
export function coverView(ref: CoverRef | null | undefined): CoverView | null {
  if (!ref?.variants.length) return null;
  const upload = { id: ref.uploadId, variants: ref.variants };
  const largest = ref.variants.at(-1)!;
  return {
    url: imageUrl(upload, 1280),
    srcset: srcsetOf(upload),
    width: largest.width,
    height: largest.height,
    alt: ref.alt,
  };
}

/** The smallest width at least `width` wide (a card's thumbnail), or the largest. */
export function coverThumb(ref: CoverRef | null | undefined, width = 320): string | null {
  return ref?.variants.length ? imageUrl({ id: ref.uploadId, variants: ref.variants }, width) : null;
}

/**
 * Stores a cover: the picture re-encoded at its widths by saveImage, with its text alternative.
 * The caller has already checked who may change the thing it illustrates.
 */
export async function makeCover(
  db: Tx,
  store: BlobStore,
  networkId: string,
  file: IncomingFile | undefined,
  alt: string,
  createdBy: string | null,
): Promise<CoverRef> {
  if (!file || file.bytes.byteLength === 0)
    throw new AppError('validation', msg('storage.problem.noPicture'), [
      { field: 'image', message: msg('validation.required') },
    ]);
  const upload = await saveImage(db, store, networkId, file, createdBy);
  return { uploadId: upload.id, alt, variants: upload.variants ?? [] };
}

/** Uploads nothing points at any more, deleted in the caller's transaction: the blob keys to remove after it commits. */
export const releaseUploads = (db: Tx, networkId: string, ids: string[]) => q.deleteUnusedUploads(db, networkId, ids);

/**
 * Removes bytes from the store once the rows that named them are committed away; a key that an
 * upload uses again meanwhile (the same file uploaded anew) is kept.
 */
export async function deleteBlobs(db: Tx, store: BlobStore, keys: string[]): Promise<void> {
  for (const key of await q.unusedKeys(db, keys)) await store.delete(key);
}
