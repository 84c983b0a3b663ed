import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeVenue } from '../../test/support/factories.js';
import { FormSession } from '../../test/support/forms.js';
import { treasurers } from '../budgets/tables.js';
import { chapterOrganizers } from '../chapters/tables.js';
import * as schema from '../db/schema.js';
import { newsEditors } from '../news/tables.js';
import { venueManagers } from '../venues/tables.js';
import { runsSomething } from './service.js';

/** Who counts as staff (Administration in the menu): asked on every signed-in page, in one query. */
let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
});
afterAll(() => t.close());

/** A drizzle handle on the same pool that counts the statements it sends. */
function countingDb() {
  const counter = { queries: 0 };
  const db = drizzle(t.database.pool, { schema, logger: { logQuery: () => void counter.queries++ } });
  return { db, counter };
}

describe('runsSomething', () => {
  it('is true for organisers, venue managers, treasurers and news editors, false for a plain member', async () => {
    const { db } = t.database;
    const networkId = t.network.id;
    const chapter = await makeChapter(t, admin.token);
    const venue = await makeVenue(t, admin.token);
    const [member, organiser, manager, chapterTreasurer, networkTreasurer, editor] = await Promise.all(
      Array.from({ length: 6 }, () => t.user('member')),
    );
    await db.insert(chapterOrganizers).values({ networkId, chapterId: chapter.id, userId: organiser!.user.id });
    await db.insert(venueManagers).values({ networkId, venueId: venue.id, userId: manager!.user.id });
    await db.insert(treasurers).values({ networkId, chapterId: chapter.id, userId: chapterTreasurer!.user.id });
    await db.insert(treasurers).values({ networkId, chapterId: null, userId: networkTreasurer!.user.id });
    await db.insert(newsEditors).values({ networkId, userId: editor!.user.id });

    expect(await runsSomething(db, t.network, member!.user)).toBe(false);
    expect(await runsSomething(db, t.network, admin.user)).toBe(true);
    for (const who of [organiser, manager, chapterTreasurer, networkTreasurer, editor])
      expect(await runsSomething(db, t.network, who!.user), who!.user.email).toBe(true);
  });

  it('asks the database once, whatever the person holds', async () => {
    const member = await t.user('member');
    const { db, counter } = countingDb();
    expect(await runsSomething(db, t.network, member.user)).toBe(false);
    expect(counter.queries).toBe(1);
  });

  it('a role in another network does not count', async () => {
    const { db } = t.database;
    const member = await t.user('member');
    const [other] = await db
      .insert(schema.networks)
      .values({ slug: `other-${Date.now()}`, name: 'Other' })
      .returning();
    await db.insert(newsEditors).values({ networkId: other!.id, userId: member.user.id });
    expect(await runsSomething(db, t.network, member.user)).toBe(false);
  });

  it('a news editor is offered Administration in the menu', async () => {
    const editor = await t.user('member');
    await t.database.db.insert(newsEditors).values({ networkId: t.network.id, userId: editor.user.id });
    const b = new FormSession(t.app);
    const res = await b.submit('/login', '/login', { email: editor.user.email, password: editor.password });
    expect(res.statusCode).toBe(303);
    const me = await b.get('/me');
    expect(me.statusCode).toBe(200);
    expect(me.body).toContain('<a href="/admin">');
  });
});
