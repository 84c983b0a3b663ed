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
