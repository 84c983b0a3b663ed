import { findUserByEmail } from '../accounts/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError, notFound } from '../web/errors.js';
import { slugFor } from '../web/slug.js';
import * as q from './queries.js';
import type { ChapterCreate, ChapterUpdate, InterestCreate } from './schemas.js';
import { msg } from '../web/i18n.js';
import { cleanTranslations } from '../web/content.js';

export type { ChapterRow } from './queries.js';

export async function findChapter(db: Tx, network: Network, slug: string, lock = false): Promise<q.ChapterRow> {
  const row = await q.selectChapter(db, network.id, slug, lock);
  if (!row) throw notFound(msg('chapter.problem.theChapter', { slug }));
  return row;
}

export async function createChapter(
  db: Tx,
  network: Network,
  input: Omit<ChapterCreate, 'language'> & { language?: ChapterCreate['language'] },
): Promise<q.ChapterRow> {
  const slug = slugFor(input.name, input.slug);
  const row = await q.insertChapter(db, network.id, {
    ...input,
    language: input.language ?? 'fr',
    slug,
    translations: cleanTranslations(input.translations),
  });
  if (!row)
    throw new AppError('conflict', msg('chapter.problem.slugTaken', { slug }), [
      { field: 'slug', message: msg('validation.alreadyUsed') },
    ]);
  return row;
}

export async function updateChapter(
  db: Db,
  network: Network,
  slug: string,
  patch: ChapterUpdate,
): Promise<q.ChapterRow> {
  return db.transaction(async (tx) => {
    const chapter = await findChapter(tx, network, slug, true);
    if (patch.slug && patch.slug !== chapter.slug && (await q.selectChapter(tx, network.id, patch.slug))) {
      throw new AppError('conflict', msg('chapter.problem.slugExists', { slug: patch.slug }), [
        { field: 'slug', message: msg('validation.alreadyUsed') },
      ]);
    }
    const { translations, ...rest } = patch;
    return q.updateChapter(tx, chapter.id, {
      ...rest,
      ...(translations ? { translations: cleanTranslations(translations) } : {}),
    });
  });
}

export async function deleteChapter(db: Tx, network: Network, slug: string): Promise<void> {
  const chapter = await findChapter(db, network, slug);
  await q.deleteChapter(db, chapter.id);
}

/** "Tell me when it launches": only while the chapter is planned; one sign-up per e-mail. */
export async function registerInterest(db: Tx, network: Network, slug: string, input: InterestCreate) {
  const chapter = await findChapter(db, network, slug);
  if (chapter.status !== 'planned') {
    throw new AppError('conflict', msg('chapter.problem.notPlanned', { name: chapter.name, status: chapter.status }));
  }
  return q.insertInterest(db, network.id, chapter.id, input.name, input.email);
}

async function userByEmail(db: Tx, network: Network, email: string) {
  const user = await findUserByEmail(db, network.id, email);
  if (!user)
    throw new AppError('not_found', msg('error.noAccountFor', { email }), [
      { field: 'email', message: msg('validation.noAccount') },
    ]);
  return user;
}

export async function addOrganizer(db: Tx, network: Network, slug: string, email: string) {
  const chapter = await findChapter(db, network, slug);
  const user = await userByEmail(db, network, email);
  const created = await q.insertOrganizer(db, network.id, chapter.id, user.id);
  return { user, created };
}

export async function removeOrganizer(db: Tx, network: Network, slug: string, userId: string) {
  const chapter = await findChapter(db, network, slug);
  if (!(await q.deleteOrganizer(db, network.id, chapter.id, userId)))
    throw notFound(msg('chapter.problem.organiser', { id: userId, chapter: chapter.name }));
}

export const listOrganizers = (db: Tx, network: Network, chapterId: string) =>
  q.selectOrganizers(db, network.id, chapterId);
export const listInterest = (db: Tx, network: Network, chapterId: string) =>
  q.selectInterest(db, network.id, chapterId);
export const hostVenues = (db: Tx, network: Network, chapterIds: string[]) =>
  q.selectHostVenues(db, network.id, chapterIds);
export const interestCounts = (db: Tx, network: Network, chapterIds: string[]) =>
  q.countInterest(db, network.id, chapterIds);
export const listChapters = (db: Tx, network: Network, opts: Parameters<typeof q.selectChapters>[2]) =>
  q.selectChapters(db, network.id, opts);
export const chaptersOrganizedBy = (db: Tx, network: Network, userId: string) =>
  q.selectChaptersOrganizedBy(db, network.id, userId);

/** An organiser's own choice of notices about new registrations; 404 for someone who is not one. */
export async function setOrganizerNotify(
  db: Tx,
  network: Network,
  slug: string,
  userId: string,
  notify: 'immediate' | 'daily' | 'off',
) {
  const chapter = await findChapter(db, network, slug);
  if (!(await q.updateOrganizerNotify(db, network.id, chapter.id, userId, notify)))
    throw notFound(msg('chapter.problem.ownRole', { chapter: chapter.name }));
  return chapter;
}
export const organizerNotify = (db: Tx, network: Network, chapterId: string, userId: string) =>
  q.selectOrganizerNotify(db, network.id, chapterId, userId);
