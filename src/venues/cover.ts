import { auditAct } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import type { CoverRef } from '../storage/service.js';
import { notFound } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import { authorize, type Actor } from '../web/policy.js';
import { venuePolicy } from './policy.js';
import * as q from './queries.js';

/** A venue whose cover picture is being changed, once the actor is known to edit it (else 401/403). */
export async function venueForCover(db: Db, network: Network, actor: Actor, slug: string) {
  const row = await q.selectVenue(db, network.id, slug);
  if (!row) throw notFound(msg('venue.problem.theVenue', { slug }));
  authorize(actor, await venuePolicy.edit(db, actor, row), `edit the venue ${row.name}`);
  return {
    id: row.id,
    name: row.name,
    cover: row.cover,
    edit: `/admin/venues/${row.slug}`,
    view: `/venues/${row.slug}`,
  };
}

/** Sets (or, with null, removes) a venue's cover picture; the audit log records it as a change. */
export async function setVenueCover(db: Db, network: Network, actor: Actor, slug: string, cover: CoverRef | null) {
  const venue = await venueForCover(db, network, actor, slug);
  await db.transaction(async (tx) => {
    await q.updateVenue(tx, venue.id, { cover });
    await auditAct(tx, network.id, actor, 'venue.update', venue.name, { slug, changed: ['cover'] });
  });
}
