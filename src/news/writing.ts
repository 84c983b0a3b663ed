import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { type BlobStore, type IncomingFile, saveImage } from '../storage/service.js';
import { queueWebhooks } from '../webhooks/outbox.js';
import { AppError, notFound } from '../web/errors.js';
import { authorize, type Actor } from '../web/policy.js';
import {
  authorsFor,
  chapterIdOf,
  derive,
  freeArticleSlug,
  resolveTerms,
  type SaveExtras,
  refusePastSchedule,
  settleStatus,
  webhookData,
} from './compose.js';
import { isPublishing, newsPolicy } from './policy.js';
import * as q from './queries.js';
import type { ArticleUpdate } from './schemas.js';
import { forgetVocabulary } from './search.js';
import { msg } from '../web/i18n.js';

/**
 * Saves a change as a new revision. Publishing (any status but draft) needs the right to publish
 * where the article is, and where it moves to; an author keeps their own draft a draft.
 * `actor` null: the importer or the text repair, already authorised by their callers.
 */
export async function updateArticle(
  db: Tx,
  network: Network,
  actor: Actor,
  id: string,
  patch: ArticleUpdate,
  extras: SaveExtras & { trusted?: boolean } = {},
  now = new Date(),
): Promise<q.ArticleRow> {
  return db.transaction(async (tx) => {
    const before = await q.selectArticle(tx, network.id, id, true);
    if (!before) throw notFound(msg('news.problem.article'));
    const chapterId = patch.chapter === undefined ? before.chapterId : await chapterIdOf(tx, network, patch.chapter);
    if (!extras.trusted) {
      authorize(actor, await newsPolicy.edit(tx, actor, before), 'change this article');
      if (chapterId !== before.chapterId)
        authorize(actor, await newsPolicy.write(tx, actor, network.id, chapterId), 'move this article there');
      const status = patch.status ?? before.status;
      if (isPublishing(status))
        authorize(actor, await newsPolicy.publish(tx, actor, network.id, chapterId), 'publish news here');
    }
    const publishAt = patch.publishAt === undefined ? before.publishAt : patch.publishAt;
    const asked = patch.status ?? before.status;
    if (asked === 'scheduled' && !publishAt)
      throw new AppError('validation', msg('news.problem.publishAt'), [
        { field: 'publishAt', message: msg('news.problem.publishAtField') },
      ]);
    // The form sends the time to the minute: the same minute is the schedule set before, not a new one.
    const sameMinute = !!publishAt && !!before.publishAt && Math.abs(+publishAt - +before.publishAt) < 60_000;
    const scheduleChosen = asked === 'scheduled' && (before.status !== 'scheduled' || !sameMinute);
    if (!extras.trusted && scheduleChosen) refusePastSchedule(asked, publishAt, now);
    const status = settleStatus(asked, publishAt, now);
    const title = patch.title ?? before.title;
    const bodyMarkdown = patch.bodyMarkdown ?? before.bodyMarkdown;
    const excerpt = patch.excerpt !== undefined ? patch.excerpt : before.excerptWritten ? before.excerpt : '';
    const rel = await q.selectRelations(tx, network.id, [before]);
    let termNames = [...rel.tags.map((t) => t.name), ...rel.categories.map((c) => c.name)];
    if (patch.categories || patch.tags) {
      // One list sent alone leaves the other as it was.
      const cats = patch.categories ?? rel.categories.map((c) => c.path);
      const tags = patch.tags ?? rel.tags.map((t) => t.name);
      const { categoryIds, tagIds } = await resolveTerms(tx, network.id, cats, tags);
      await q.setArticleTerms(tx, id, categoryIds, tagIds);
      termNames = [...cats, ...tags];
    }
    const derived = derive({ title, bodyMarkdown, excerpt, terms: termNames });
    const slug = patch.slug ? await freeArticleSlug(tx, network.id, patch.slug, true, id) : before.slug;
    const changed =
      title !== before.title ||
      bodyMarkdown !== before.bodyMarkdown ||
      status !== before.status ||
      slug !== before.slug;
    const row = await q.updateArticle(tx, id, {
      title,
      slug,
      bodyMarkdown,
      ...derived,
      chapterId,
      ...(patch.language ? { language: patch.language } : {}),
      ...(patch.partner !== undefined ? { partner: patch.partner } : {}),
      status,
      publishAt,
      publishedAt:
        status === 'published' && !before.publishedAt
          ? (extras.publishedAt ?? now)
          : (extras.publishedAt ?? before.publishedAt),
      ...(extras.sourceHash ? { sourceHash: extras.sourceHash } : {}),
      ...(extras.coverUploadId !== undefined ? { coverUploadId: extras.coverUploadId } : {}),
      ...(patch.coverAlt !== undefined ? { coverAlt: patch.coverAlt } : {}),
      // Removed by its editor: the imported picture's old address goes too, so a later media fetch does not bring it back.
      ...(patch.cover === null ? { coverUploadId: null, coverSourceUrl: null } : {}),
      ...(extras.sticky !== undefined ? { sticky: extras.sticky } : {}),
      revision: changed ? before.revision + 1 : before.revision,
    });
    if (patch.authors) await q.setArticleAuthors(tx, id, await authorsFor(tx, network.id, patch.authors));
    else if (extras.authorIds) await q.setArticleAuthors(tx, id, extras.authorIds);
    if (changed)
      await q.insertRevision(tx, {
        networkId: network.id,
        articleId: id,
        number: row.revision,
        title,
        bodyMarkdown,
        status,
        editedBy: actor?.id ?? null,
        note: extras.note ?? null,
      });
    await announce(tx, network.id, before.status, row);
    return row;
  });
}

async function announce(tx: Tx, networkId: string, was: string, row: q.ArticleRow) {
  if (row.status !== 'published') return;
  await queueWebhooks(tx, networkId, was === 'published' ? 'article.updated' : 'article.published', webhookData(row));
  forgetVocabulary(networkId);
}

/**
 * The timer's work: scheduled articles whose time has come become published. Rows are locked
 * with SKIP LOCKED, so several servers on one database publish each article once.
 */
export async function publishDueArticles(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await q.selectDue(tx, now);
    for (const a of due) {
      const row = await q.updateArticle(tx, a.id, {
        status: 'published',
        publishedAt: a.publishAt ?? now,
        revision: a.revision + 1,
      });
      await q.insertRevision(tx, {
        networkId: a.networkId,
        articleId: a.id,
        number: row.revision,
        title: row.title,
        bodyMarkdown: row.bodyMarkdown,
        status: 'published',
        editedBy: null,
        note: 'schedule',
      });
      await announce(tx, a.networkId, 'scheduled', row);
    }
    return due.length;
  });
}

/** A cover picture: re-encoded at a few widths by the storage module, then set on the article. */
export async function saveCover(
  db: Db,
  store: BlobStore,
  network: Network,
  actor: Actor,
  id: string,
  file: IncomingFile,
): Promise<q.ArticleRow> {
  const article = await q.selectArticle(db, network.id, id);
  if (!article) throw notFound(msg('news.problem.article'));
  authorize(actor, await newsPolicy.edit(db, actor, article), 'change this article');
  const upload = await saveImage(db, store, network.id, file, actor.id);
  return q.updateArticle(db, id, { coverUploadId: upload.id });
}
