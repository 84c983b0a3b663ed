import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  type AnyPgColumn,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { chapters } from '../chapters/tables.js';
import { networks } from '../networks/tables.js';
import { uploads } from '../storage/tables.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * draft → scheduled (publishes itself at `publish_at`) → published; `private` is seen by those who
 * may edit it only, `unlisted` by whoever has the address (never listed, fed or in the sitemap).
 */
export const articleStatuses = ['draft', 'scheduled', 'published', 'private', 'unlisted'] as const;
export const articleStatus = pgEnum('article_status', articleStatuses);
export type ArticleStatus = (typeof articleStatuses)[number];

/** Network editors: publish and edit every article of the network (admins can anyway). */
export const newsEditors = pgTable(
  'news_editors',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.userId] })],
);

/**
 * A byline: an account, or a contributor profile with no account (an imported WordPress author
 * gets no e-mail and no password). The author page is `/news/author/{slug}`.
 */
export const newsAuthors = pgTable(
  'news_authors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** Where an imported author came from (`wp:login`, `md:@handle`), to find them again on the next import. */
    sourceKey: text('source_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('news_authors_slug').on(t.networkId, t.slug),
    unique('news_authors_user').on(t.networkId, t.userId),
    unique('news_authors_source').on(t.networkId, t.sourceKey),
  ],
);

/** Hierarchical: `path` is the slugs from the root ("events/it-day"), unique in a network. */
export const newsCategories = pgTable(
  'news_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id'),
    slug: text('slug').notNull(),
    path: text('path').notNull(),
    name: text('name').notNull(),
  },
  (t) => [unique('news_categories_path').on(t.networkId, t.path)],
);

export const newsTags = pgTable(
  'news_tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
  },
  (t) => [unique('news_tags_slug').on(t.networkId, t.slug)],
);

export const articles = pgTable(
  'articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** Null: a network-wide article. */
    chapterId: uuid('chapter_id').references(() => chapters.id, { onDelete: 'set null' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    language: text('language').notNull(),
    /** Articles that translate each other share a group (hreflang links). */
    translationGroup: uuid('translation_group').notNull().defaultRandom(),
    bodyMarkdown: text('body_markdown').notNull().default(''),
    /** Sanitised HTML, rendered when the article is written, not on every read. */
    bodyHtml: text('body_html').notNull().default(''),
    excerpt: text('excerpt').notNull().default(''),
    /** False: the excerpt is generated from the body and follows it. */
    excerptWritten: boolean('excerpt_written').notNull().default(false),
    coverUploadId: uuid('cover_upload_id').references(() => uploads.id, { onDelete: 'set null' }),
    /** The cover's description for those who cannot see it (its `alt`); empty: a decorative picture. */
    coverAlt: text('cover_alt').notNull().default(''),
    /**
     * An imported featured image (WordPress's `_thumbnail_id`): the attachment's address on the old
     * site, kept so a later `--fetch-media` run can make it the cover once the file is stored.
     */
    coverSourceUrl: text('cover_source_url'),
    /** A page under another page (WordPress's post parent): its URL and breadcrumb follow the parents. */
    parentId: uuid('parent_id').references((): AnyPgColumn => articles.id, { onDelete: 'set null' }),
    partner: boolean('partner').notNull().default(false),
    /** Kept at the top of the network's news list (WordPress's sticky posts). */
    sticky: boolean('sticky').notNull().default(false),
    status: articleStatus('status').notNull().default('draft'),
    publishAt: timestamp('publish_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Title, excerpt, body text, tags: folded (web/fold.ts) for search. */
    searchText: text('search_text').notNull().default(''),
    /**
     * The words of search_text with their positions, written with it (news/compose.ts `derive`,
     * web/tsvector.ts) rather than generated by to_tsvector, whose parser was most of an import's cost.
     */
    searchDoc: tsvector('search_doc').notNull().default(sql`''::tsvector`),
    /** Stable key of an imported article (WXR base URL + post id, front-matter id, file path). */
    sourceKey: text('source_key'),
    /** Hash of what the import read, so a second run says "unchanged". */
    sourceHash: text('source_hash'),
    revision: integer('revision').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('articles_network_slug').on(t.networkId, t.slug),
    unique('articles_source').on(t.networkId, t.sourceKey),
    index('articles_public').on(t.networkId, t.status, t.publishedAt),
    index('articles_chapter').on(t.networkId, t.chapterId, t.publishedAt),
    index('articles_due').on(t.publishAt).where(sql`${t.status} = 'scheduled'`),
    index('articles_search').using('gin', t.searchDoc),
    index('articles_group').on(t.translationGroup),
    index('articles_parent').on(t.parentId),
  ],
);

export const articleAuthors = pgTable(
  'article_authors',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => newsAuthors.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.authorId] }), index('article_authors_author').on(t.authorId)],
);

export const articleCategories = pgTable(
  'article_categories',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => newsCategories.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.categoryId] }), index('article_categories_cat').on(t.categoryId)],
);

export const articleTags = pgTable(
  'article_tags',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => newsTags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.tagId] }), index('article_tags_tag').on(t.tagId)],
);

/** Every saved version: who, when, and the text then; editors see the diff between two. */
export const articleRevisions = pgTable(
  'article_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    bodyMarkdown: text('body_markdown').notNull(),
    status: articleStatus('status').notNull(),
    editedBy: uuid('edited_by').references(() => users.id, { onDelete: 'set null' }),
    /** Why this revision exists when no person made it: "import", "repair", "schedule". */
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('article_revisions_number').on(t.articleId, t.number)],
);

/**
 * The comments an imported WordPress post had: a read-only archive shown under the article. The
 * commenter's name and words only — their e-mail and IP address are never read from the export.
 * `sourceId`/`sourceParent` are WordPress's comment ids: the threads, and the key that makes a
 * second import update rather than duplicate.
 */
export const articleComments = pgTable(
  'article_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    sourceId: text('source_id').notNull(),
    sourceParent: text('source_parent'),
    authorName: text('author_name').notNull(),
    /** Sanitised HTML (a few inline tags, links marked nofollow ugc). */
    bodyHtml: text('body_html').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }),
  },
  (t) => [
    unique('article_comments_source').on(t.articleId, t.sourceId),
    index('article_comments_network').on(t.networkId),
  ],
);
