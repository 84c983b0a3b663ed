import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { networks } from '../networks/tables.js';
import { uploads } from '../storage/tables.js';

/**
 * A WordPress import started from the admin page: the uploaded file waits in the data directory
 * while an editor reads the dry run, then the same import as the CLI runs in the server, writing
 * its progress here; the page polls this row. `previewed` → `running` → `done` | `failed`; a
 * `running` job whose server stopped becomes `interrupted` at the next start, and `running` again
 * when an editor resumes it (the import is one transaction, so the stopped run left nothing).
 */
export const newsImportJobs = pgTable(
  'news_import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    /** Where the upload waits, removed once the import is done or failed. */
    filePath: text('file_path').notNull(),
    totalBytes: integer('total_bytes').notNull(),
    /** The CLI's --base-url, --fetch-media and --keep-going, chosen with the upload. */
    baseUrl: text('base_url'),
    fetchMedia: boolean('fetch_media').notNull().default(false),
    keepGoing: boolean('keep_going').notNull().default(false),
    status: text('status').$type<JobStatus>().notNull().default('previewed'),
    items: integer('items').notNull().default(0),
    bytesRead: integer('bytes_read').notNull().default(0),
    /** Counts of the dry run, then of the import. */
    preview: jsonb('preview').$type<JobSummary>(),
    result: jsonb('result').$type<JobSummary>(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('news_import_jobs_network').on(t.networkId, t.createdAt)],
);

export type JobStatus = 'previewed' | 'running' | 'interrupted' | 'done' | 'failed';

export interface JobSummary {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  redirects: number;
  repairsApplied: number;
  repairsQueued: number;
  attachments: number;
  /** Files of the old site brought home and those that could not be (--fetch-media). */
  mediaFetched?: number;
  mediaFailed?: number;
  /** Items skipped past (--keep-going) and files not fetched, with why: the first PROBLEMS_SHOWN. */
  problems?: { item: string; reason: string }[];
  problemsTotal?: number;
}

/**
 * An old site's attachment that is stored here now: its address there → the upload. A featured
 * image whose attachment is listed here becomes the article's cover at import; one that is not
 * waits on the article (`cover_source_url`) until the file is fetched and recorded here.
 */
export const newsImportMedia = pgTable(
  'news_import_media',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    sourceUrl: text('source_url').notNull(),
    uploadId: uuid('upload_id')
      .notNull()
      .references(() => uploads.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.sourceUrl] })],
);
