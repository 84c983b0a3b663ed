import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { networks } from '../networks/tables.js';

/** A width of an uploaded image, re-encoded; `key` names its bytes in the blob store. */
export interface ImageVariant {
  width: number;
  height: number;
  key: string;
}

/**
 * A cover picture as the thing it illustrates keeps it (events, chapters, venues): the upload,
 * the text that stands in for it, and its widths. The widths are copied from the upload because
 * they never change once made, so every list and page can write `srcset` without another query.
 */
export interface CoverRef {
  uploadId: string;
  alt: string;
  variants: ImageVariant[];
}

/**
 * A stored file: an image, a receipt, an attachment. The bytes live in the blob store (the data
 * directory by default) under `key`; the row says what they are. Features point at an upload by
 * id and decide who may read it — nothing here is public by itself except image variants, which
 * are served by `/media/…` because they are only ever made for public pictures.
 */
export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** SHA-256 of the bytes as received (hex): what a funder or a juror can check a file against. */
    sha256: text('sha256').notNull(),
    /** The blob store key of the stored bytes (the re-encoded largest width, for images). */
    key: text('key').notNull(),
    /** Media type found from the content, never from the file name. */
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    /** The name the file had on the uploader's machine, for display only. */
    originalName: text('original_name').notNull(),
    /** Images only: the widths made for `srcset`, smallest first. */
    variants: jsonb('variants').$type<ImageVariant[]>(),
    /**
     * Not served by `/media`: a picture whose audience a feature decides (a member's profile
     * picture follows the profile's visibility), served by that feature after its own check.
     */
    restricted: boolean('restricted').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('uploads_network').on(t.networkId, t.createdAt), uniqueIndex('uploads_key').on(t.networkId, t.key)],
);

/**
 * Blobs to delete once their upload row is gone (a removed profile picture, an erased member's):
 * the row goes in the caller's transaction and its keys are queued here in the same one, so a
 * rolled-back change deletes nothing; `emptyBlobTrash` deletes the bytes afterwards (right away
 * after a removal, and on a timer for what an erasure leaves).
 */
export const blobTrash = pgTable('blob_trash', {
  key: text('key').primaryKey(),
  queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
});
