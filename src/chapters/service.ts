import { findUserByEmail } from '../accounts/service.js';
import { auditAct, type AuditActor } from '../audit/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError, notFound } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import { slugFor } from '../web/slug.js';
import * as q from './queries.js';
import type { ChapterCreate, ChapterUpdate, InterestCreate } from './schemas.js';
import { cleanTranslations } from '../web/content.js';
export { chapterForCover, setChapterCover } from './cover.js';

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
  actor?: AuditActor,
): Promise<q.ChapterRow> {
  const slug = slugFor(input.name, input.slug);
  return db.transaction(async (tx) => {
    const row = await q.insertChapter(tx, network.id, {
      ...input,
      language: input.language ?? 'fr',
      slug,
      translations: cleanTranslations(input.translations),
    });
    if (!row)
      throw new AppError('conflict', msg('chapter.problem.slugTaken', { slug }), [
        { field: 'slug', message: msg('validation.alreadyUsed') },
      ]);
    await auditAct(tx, network.id, actor, 'chapter.create', row.name, { slug: row.slug, status: row.status });
    return row;
  });
}

export async function updateChapter(
  db: Db,
  network: Network,
  slug: string,
  patch: ChapterUpdate,
  actor?: AuditActor,
): Promise<q.ChapterRow> {
  return db.transaction(async (tx) => {
    const chapter = await findChapter(tx, network, slug, true);
    if (patch.slug && patch.slug !== chapter.slug && (await q.selectChapter(tx, network.id, patch.slug))) {
      throw new AppError('conflict', msg('chapter.problem.slugExists', { slug: patch.slug }), [
        { field: 'slug', message: msg('validation.alreadyUsed') },
      ]);
    }
    const { translations, ...rest } = patch;
    const row = await q.updateChapter(tx, chapter.id, {
      ...rest,
      ...(translations ? { translations: cleanTranslations(translations) } : {}),
    });
    // What changed, field by field (before → after), for the fields the request named.
    const changes: Partial<Record<keyof typeof patch, { from: unknown; to: unknown }>> = Object.fromEntries(
      Object.keys(patch)
        .filter((k) => String(chapter[k as keyof typeof chapter]) !== String(row[k as keyof typeof row]))
        .map((k) => [k, { from: chapter[k as keyof typeof chapter], to: row[k as keyof typeof row] }]),
    );
    await auditAct(tx, network.id, actor, 'chapter.update', row.name, { slug: row.slug, changes });
    return row;
  });
}

/**
 * Deleting a chapter takes its events, partnerships, organisers and sign-ups with it, but never
 * money: expenses (the chapter's, or shares charged to its events) are accounting records the
 * funder may still audit, so their foreign keys restrict and the refusal is a 409 that says why.
 */
export async function deleteChapter(db: Tx, network: Network, slug: string, actor?: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    const chapter = await findChapter(tx, network, slug);
    try {
      await q.deleteChapter(tx, chapter.id);
    } catch (err) {
      const e = err as { code?: string; cause?: { code?: string } };
      // 23001 restrict_violation (ON DELETE RESTRICT), 23503 foreign_key_violation (NO ACTION).
      if (!['23001', '23503'].includes(e.cause?.code ?? e.code ?? '')) throw err;
      throw new AppError('conflict', msg('chapter.deleteHasExpenses', { name: chapter.name }));
    }
    await auditAct(tx, network.id, actor, 'chapter.delete', chapter.name, { slug: chapter.slug });
  });
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

export async function addOrganizer(db: Tx, network: Network, slug: string, email: string, actor?: AuditActor) {
  return db.transaction(async (tx) => {
    const chapter = await findChapter(tx, network, slug);
    const user = await userByEmail(tx, network, email);
    const created = await q.insertOrganizer(tx, network.id, chapter.id, user.id);
    if (created)
      await auditAct(tx, network.id, actor, 'chapter.organizer_add', chapter.name, {
        slug: chapter.slug,
        // The id, not the name: an erased account leaves no name behind in the log.
        userId: user.id,
      });
    return { user, created };
  });
}

export async function removeOrganizer(db: Tx, network: Network, slug: string, userId: string, actor?: AuditActor) {
  await db.transaction(async (tx) => {
    const chapter = await findChapter(tx, network, slug);
    if (!(await q.deleteOrganizer(tx, network.id, chapter.id, userId)))
      throw notFound(msg('chapter.problem.organiser', { id: userId, chapter: chapter.name }));
    await auditAct(tx, network.id, actor, 'chapter.organizer_remove', chapter.name, { slug: chapter.slug, userId });
  });
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
