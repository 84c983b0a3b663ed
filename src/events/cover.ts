import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import type { CoverRef } from '../storage/service.js';
import { notFound } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import type { Actor } from '../web/policy.js';
import { isUuid } from '../web/schemas.js';
import { authorizeEvent } from './policy.js';
import * as q from './queries.js';

/** An event whose cover picture is being changed, once the actor is known to run it (else 401/403). */
export async function eventForCover(db: Tx, network: Network, actor: Actor, id: string) {
  const row = isUuid(id) ? await q.selectEvent(db, network.id, id) : undefined;
  if (!row) throw notFound(msg('event.problem.theEvent', { id }));
  await authorizeEvent(db, actor, row, 'change this event');
  return { id: row.id, name: row.title, cover: row.cover, edit: `/admin/events/${row.id}`, view: `/events/${row.id}` };
}

/** Sets (or, with null, removes) an event's cover picture. */
export async function setEventCover(db: Tx, network: Network, actor: Actor, id: string, cover: CoverRef | null) {
  const event = await eventForCover(db, network, actor, id);
  await q.updateEvent(db, event.id, { cover });
}
