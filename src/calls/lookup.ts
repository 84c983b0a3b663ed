import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { notFound } from '../web/errors.js';
import { isUuid } from '../web/schemas.js';
import * as q from './queries.js';
import { msg } from '../web/i18n.js';

export type CallState = 'upcoming' | 'open' | 'closed';

/** The server's clock decides: open from `opensAt` (inclusive) to `closesAt` (exclusive). */
export function callState(call: Pick<q.CallRow, 'opensAt' | 'closesAt'>, now = new Date()): CallState {
  if (now < call.opensAt) return 'upcoming';
  return now < call.closesAt ? 'open' : 'closed';
}

export async function findCall(db: Tx, network: Network, id: string, lock = false): Promise<q.CallRow> {
  const row = isUuid(id) ? await q.selectCall(db, network.id, id, lock) : await q.selectCallBySlug(db, network.id, id);
  if (!row) throw notFound(msg('call.problem.call', { id }));
  return row;
}
