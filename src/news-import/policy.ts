import type { Tx } from '../db/connection.js';
import { isNewsEditor } from '../news/service.js';
import type { Actor } from '../web/policy.js';

/** Importing an archive publishes at once and everywhere: network editors and admins only (CLI aside). */
export const importPolicy = {
  run: (db: Tx, actor: Actor, networkId: string) => isNewsEditor(db, actor, networkId),
};
