import { listCategorySets } from '../budgets/service.js';
import { listChapters } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { localizedText } from '../web/content.js';
import type { Locale } from '../web/i18n.js';

/** How expense pages name a chapter and a category: as the reader calls them, never by slug or code. */
export interface ExpenseNames {
  /** The chapter's name in the reader's language (the slug when the chapter is gone). */
  chapter: (slug: string) => string;
  /** The category's label in the reader's language (the code when no set has it any more). */
  category: (code: string) => string;
}

export async function expenseNames(db: Db, network: Network, locale: Locale): Promise<ExpenseNames> {
  const [chapters, sets] = await Promise.all([
    listChapters(db, network, { limit: 500 }),
    listCategorySets(db, network),
  ]);
  const chapterNames = new Map(chapters.map((c) => [c.slug, localizedText(c, 'name', locale)]));
  const categoryNames = new Map(sets.flatMap((s) => s.categories.map((c) => [c.code, c[locale]] as const)));
  return {
    chapter: (slug) => chapterNames.get(slug) ?? slug,
    category: (code) => categoryNames.get(code) ?? code,
  };
}
