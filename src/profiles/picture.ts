import type { User } from '../accounts/service.js';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import {
  type BlobStore,
  DEFAULT_IMAGE_RULES,
  discardUpload,
  emptyBlobTrash,
  type IncomingFile,
  saveImage,
} from '../storage/service.js';
import { AppError } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import * as q from './queries.js';
import { findProfile, profileRow } from './service.js';
import type { PictureRef } from './tables.js';
import { PICTURE_WIDTHS, pictureView, type PictureView } from './picture-view.js';

/**
 * Sets the member's picture: re-encoded square at PICTURE_WIDTHS, kept out of /media. The one
 * it replaces is removed with its bytes; a refused picture changes nothing.
 */
export async function setMyPicture(
  db: Db,
  store: BlobStore,
  network: Network,
  user: User,
  file: IncomingFile | undefined,
): Promise<PictureView> {
  if (!file || file.bytes.byteLength === 0)
    throw new AppError('validation', msg('storage.problem.noPicture'), [
      { field: 'image', message: msg('validation.required') },
    ]);
  const ref = await db.transaction(async (tx) => {
    await q.lockProfile(tx, network.id, user.id);
    const current = await findProfile(tx, network.id, user.id);
    const upload = await saveImage(tx, store, network.id, file, user.id, DEFAULT_IMAGE_RULES, {
      widths: PICTURE_WIDTHS,
      square: true,
      restricted: { owner: user.id },
    });
    const next: PictureRef = { uploadId: upload.id, variants: upload.variants ?? [] };
    await q.upsertProfile(tx, { ...profileRow(network.id, user.id, user.name, current, {}), picture: next });
    if (current?.picture && current.picture.uploadId !== upload.id)
      await discardUpload(tx, network.id, current.picture.uploadId);
    return next;
  });
  await emptyBlobTrash(db, store).catch(() => undefined); // what is left waits for the timer
  return pictureView(user.id, user.name, ref)!;
}

/** Removes the member's picture and its bytes; removing none is done. */
export async function removeMyPicture(db: Db, store: BlobStore, network: Network, user: User): Promise<void> {
  await db.transaction(async (tx) => {
    await q.lockProfile(tx, network.id, user.id);
    const current = await findProfile(tx, network.id, user.id);
    if (!current?.picture) return;
    await q.setPicture(tx, network.id, user.id, null);
    await discardUpload(tx, network.id, current.picture.uploadId);
  });
  await emptyBlobTrash(db, store).catch(() => undefined);
}
