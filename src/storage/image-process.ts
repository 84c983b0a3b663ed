// The picture worker: a process of its own, started by `images.ts` when a picture arrives and gone
// when none has for a while. sharp (libvips) decodes untrusted files here, so neither its memory —
// ~70 MB of native allocations the server kept after 30 covers (DECISIONS.md, "Pictures in a
// process of their own") — nor a decoder that crashes on a hostile file ever reaches the server.
import sharp from 'sharp';
import type { ImageAnswer, ImageJob } from './image-jobs.js';

// libvips' operation cache keeps decoded pictures for a pipeline that runs the same input again;
// every upload is a new input.
sharp.cache(false);

async function run(job: ImageJob): Promise<ImageAnswer> {
  try {
    if (job.kind === 'header') {
      // The header alone, without decoding: the pixel count is checked before any bitmap is made.
      const meta = await sharp(job.bytes, { limitInputPixels: false }).metadata();
      return { id: job.id, ok: true, width: meta.width ?? 0, height: meta.height ?? 0 };
    }
    // rotate() applies the EXIF orientation before the metadata is dropped.
    const { data, info } = await sharp(job.bytes, { limitInputPixels: job.maxPixels })
      .rotate()
      .resize(
        job.square
          ? { width: job.width, height: job.width, fit: 'cover', position: 'attention' }
          : { width: job.width, withoutEnlargement: true },
      )
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { id: job.id, ok: true, width: info.width, height: info.height, data };
  } catch {
    return { id: job.id, ok: false };
  }
}

process.on('message', (job: ImageJob) => {
  void run(job).then((answer) => process.send?.(answer));
});
// The server went away (or let this process go when it had nothing left to ask): so does this one.
process.on('disconnect', () => process.exit(0));
