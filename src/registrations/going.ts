import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { selectGoing } from './going-queries.js';

/** How many names the event page shows before "and N more". */
export const GOING_SHOWN = 30;

export const WhoIsGoingSchema = z.object({
  people: z
    .array(
      z.object({
        name: z.string(),
        memberId: z.uuid().nullable().describe('Their directory profile, when they are listed in the directory'),
      }),
    )
    .describe(`The first ${GOING_SHOWN} members who chose to be shown, in the order they registered`),
  more: z.number().int().describe('Members who chose to be shown beyond those listed'),
});
export type WhoIsGoing = z.infer<typeof WhoIsGoingSchema>;

/** The members going to an event who chose to say so (the confirmed count covers everyone). */
export async function whoIsGoing(db: Db, eventId: string): Promise<WhoIsGoing> {
  const rows = await selectGoing(db, eventId, GOING_SHOWN);
  const total = rows[0]?.total ?? 0;
  return {
    people: rows.map((r) => ({ name: r.name, memberId: r.listed ? r.userId : null })),
    more: total - rows.length,
  };
}
