import { auditAct } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import type { CoverRef } from '../storage/service.js';
import { notFound } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import { authorize, type Actor } from '../web/policy.js';
import { chapterPolicy } from './policy.js';
import * as q from './queries.js';

/** A chapter whose cover picture is being changed, once the actor is known to edit it (else 401/403). */
export async function chapterForCover(db: Db, network: Network, actor: Actor, slug: string) {
  const row = await q.selectChapter(db, network.id, slug);
  if (!row) throw notFound(msg('chapter.problem.theChapter', { slug }));
  authorize(actor, await chapterPolicy.edit(db, actor, row), `edit the chapter ${row.name}`);
  return {
    id: row.id,
    name: row.name,
    cover: row.cover,
    edit: `/admin/chapters/${row.slug}`,
    view: `/chapters/${row.slug}`,
  };
}

/** Sets (or, with null, removes) a chapter's cover picture; the audit log records it as a change. */
export async function setChapterCover(db: Db, network: Network, actor: Actor, slug: string, cover: CoverRef | null) {
  const chapter = await chapterForCover(db, network, actor, slug);
  await db.transaction(async (tx) => {
    await q.updateChapterCover(tx, chapter.id, cover);
    await auditAct(tx, network.id, actor, 'chapter.update', chapter.name, {
      slug,
      changes: { cover: { from: chapter.cover?.alt ?? null, to: cover?.alt ?? null } },
    });
  });
}
