import type { Db } from '../db/connection.js';
import * as q from './queries.js';

export const listMembers = (db: Db, networkId: string, opts: { q?: string; limit: number; offset: number }) =>
  q.selectMembers(db, networkId, opts);
export const findMember = (db: Db, networkId: string, userId: string) => q.selectUser(db, networkId, userId);
