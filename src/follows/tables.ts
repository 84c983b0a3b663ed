import { index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { chapters } from '../chapters/tables.js';
import { networks } from '../networks/tables.js';

/** Chapters a member follows: their news and invitations, and the organisers' view of them. */
export const chapterFollowers = pgTable(
  'chapter_followers',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => chapters.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.chapterId, t.userId] }), index('chapter_followers_user').on(t.userId)],
);

/**
 * A follow that ended (the member unfollowed): when it began and when it ended, and whose it was
 * not — the chapter growth report counts followers lost without keeping who they were. Follows
 * that go with a deleted account are not recorded here (their person is erased).
 */
export const chapterUnfollows = pgTable(
  'chapter_unfollows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => chapters.id, { onDelete: 'cascade' }),
    followedAt: timestamp('followed_at', { withTimezone: true }).notNull(),
    unfollowedAt: timestamp('unfollowed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('chapter_unfollows_chapter').on(t.networkId, t.chapterId, t.unfollowedAt)],
);
