import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../web/errors.js';
import { msg } from '../web/i18n.js';

const MAX_BYTES = 10 * 1_048_576;

interface UploadedFile {
  bytes: Buffer;
  filename: string;
  truncated: boolean;
}

/**
 * Options for @fastify/multipart on picture uploads (covers, profile pictures), registered in the
 * feature's own scope. Multipart bodies (the API and the form alike): the text fields as strings, the one file read
 * into memory up to the storage module's 10 MB. A larger file is cut short and refused below,
 * rather than by a bare framework error that would not name the field.
 */
export const imageMultipart = {
  attachFieldsToBody: 'keyValues' as const,
  throwFileSizeLimit: false,
  limits: { fileSize: MAX_BYTES, files: 1, fields: 5, parts: 6 },
  async onFile(part: MultipartFile) {
    const bytes = await part.toBuffer();
    (part as unknown as { value: UploadedFile }).value = {
      bytes,
      filename: part.filename,
      truncated: part.file.truncated,
    };
  },
};

/** The `image` part of a picture upload (a cover, a profile picture) as storage takes it; undefined when none was sent. */
export function uploadedImage(value: unknown): { bytes: Uint8Array; name: string; field: string } | undefined {
  if (typeof value !== 'object' || value === null || !('bytes' in value)) return undefined;
  const file = value as UploadedFile;
  if (file.truncated)
    throw new AppError('payload_too_large', msg('storage.problem.tooLarge', { name: file.filename, size: '10 MB' }), [
      { field: 'image', message: msg('validation.max', { max: '10 MB' }) },
    ]);
  return { bytes: file.bytes, name: file.filename || 'image', field: 'image' };
}
