import { and, eq } from 'drizzle-orm';
import { isoOrNull as iso, type PersonalData } from '../db/gdpr.js';
import { chapterInterest, chapterOrganizers, chapters } from './tables.js';

/** "Tell me when this chapter starts" sign-ups under the person's address. */
export const chapterInterestData: PersonalData = {
  key: 'chapterInterest',
  async export(tx, who) {
    const rows = await tx
      .select({
        chapter: chapters.name,
        name: chapterInterest.name,
        email: chapterInterest.email,
        createdAt: chapterInterest.createdAt,
      })
      .from(chapterInterest)
      .innerJoin(chapters, eq(chapters.id, chapterInterest.chapterId))
      .where(and(eq(chapterInterest.networkId, who.networkId), eq(chapterInterest.email, who.email)));
    return rows.map((i) => ({ chapter: i.chapter, name: i.name, email: i.email, signedUpAt: iso(i.createdAt) }));
  },
  async forget(tx, who) {
    await tx
      .delete(chapterInterest)
      .where(and(eq(chapterInterest.networkId, who.networkId), eq(chapterInterest.email, who.email)));
  },
};

/** The chapters the person organises: a role, deleted with the account (ON DELETE CASCADE). */
export const organiserData: PersonalData = {
  key: 'organiserOf',
  async export(tx, who) {
    const rows = await tx
      .select({ chapter: chapters.name, slug: chapters.slug, createdAt: chapterOrganizers.createdAt })
      .from(chapterOrganizers)
      .innerJoin(chapters, eq(chapters.id, chapterOrganizers.chapterId))
      .where(and(eq(chapterOrganizers.networkId, who.networkId), eq(chapterOrganizers.userId, who.userId)));
    return rows.map((r) => ({ chapter: r.chapter, slug: r.slug, since: iso(r.createdAt) }));
  },
};
