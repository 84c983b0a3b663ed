import { sql } from 'drizzle-orm';
import { treasurers } from '../budgets/tables.js';
import { chapterOrganizers } from '../chapters/tables.js';
import type { Tx } from '../db/connection.js';
import { newsEditors } from '../news/tables.js';
import { venueManagers } from '../venues/tables.js';

/**
 * Whether the person holds any role that has pages under /admin — organiser, venue manager,
 * treasurer (of a chapter or the network) or news editor — in one round trip: it is asked on
 * every signed-in page view.
 */
export async function selectRunsSomething(db: Tx, networkId: string, userId: string): Promise<boolean> {
  const held = (table: typeof chapterOrganizers | typeof venueManagers | typeof treasurers | typeof newsEditors) =>
    sql`EXISTS (SELECT 1 FROM ${table} WHERE ${table.networkId} = ${networkId} AND ${table.userId} = ${userId})`;
  const res = await db.execute<{ runs: boolean }>(
    sql`SELECT ${held(chapterOrganizers)} OR ${held(venueManagers)} OR ${held(treasurers)} OR ${held(newsEditors)} AS runs`,
  );
  return res.rows[0]?.runs === true;
}
