import { chapterPolicy } from '../chapters/policy.js';
import type { Tx } from '../db/connection.js';
import { authorize, isAdmin, type Actor } from '../web/policy.js';
import * as q from './queries.js';
import type { ArticleStatus } from './tables.js';

type ArticleRef = { id: string; networkId: string; chapterId: string | null; status: ArticleStatus };

/**
 * Who may do what to news, in one place for the API and the pages:
 * - authors write drafts in the chapters they belong to (follow or organise);
 * - chapter organisers publish in their chapter; network editors (news_editors) and admins everywhere;
 * - everybody reads what is published or unlisted; the rest only those who may edit it.
 */
export const newsPolicy = {
  async isEditor(db: Tx, actor: Actor, networkId: string): Promise<boolean> {
    if (!actor) return false;
    return isAdmin(actor) || q.isEditor(db, networkId, actor.id);
  },

  /** May publish (or schedule, make private or unlisted) in this chapter, or network-wide when null. */
  async publish(db: Tx, actor: Actor, networkId: string, chapterId: string | null): Promise<boolean> {
    if (!actor) return false;
    if (await newsPolicy.isEditor(db, actor, networkId)) return true;
    return chapterId !== null && chapterPolicy.edit(db, actor, { id: chapterId, networkId });
  },

  /** May write a draft there. */
  async write(db: Tx, actor: Actor, networkId: string, chapterId: string | null): Promise<boolean> {
    if (!actor) return false;
    if (await newsPolicy.publish(db, actor, networkId, chapterId)) return true;
    return chapterId !== null && q.followsChapter(db, networkId, chapterId, actor.id);
  },

  /** May change this article: publishers of its place, and its own authors while it is a draft. */
  async edit(db: Tx, actor: Actor, article: ArticleRef): Promise<boolean> {
    if (!actor) return false;
    if (await newsPolicy.publish(db, actor, article.networkId, article.chapterId)) return true;
    return article.status === 'draft' && q.isAuthorOf(db, article.id, actor.id);
  },

  async read(db: Tx, actor: Actor, article: ArticleRef): Promise<boolean> {
    if (article.status === 'published' || article.status === 'unlisted') return true;
    return newsPolicy.edit(db, actor, article);
  },

  /** Revisions and their diffs: the people who publish there. */
  seeRevisions(db: Tx, actor: Actor, article: ArticleRef): Promise<boolean> {
    return newsPolicy.publish(db, actor, article.networkId, article.chapterId);
  },

  manageEditors: (actor: Actor) => isAdmin(actor),
};

/** An author may only keep a draft a draft; any other status is publishing. */
export const isPublishing = (status: ArticleStatus | undefined) => status !== undefined && status !== 'draft';

export async function authorizeEdit(db: Tx, actor: Actor, article: ArticleRef, action: string): Promise<void> {
  authorize(actor, await newsPolicy.edit(db, actor, article), action);
}
