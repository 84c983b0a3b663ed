import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import type { Translations } from '../web/content.js';
import { type Period, venueOf } from './queries.js';

/** People who agreed to share their name and e-mail with the venue, for its events of the period (live: a withdrawal shows at once). */
export async function selectConsentedContacts(db: Tx, networkId: string, venueId: string, p: Period) {
  const res = await db.execute<{
    name: string;
    email: string;
    event_title: string;
    /** The title's language and translations: the dashboard names the event in the manager's language. */
    language: string;
    translations: Translations;
    starts_at: string;
    shared_at: string;
  }>(sql`
    SELECT r.name, r.email, e.title AS event_title, e.language, e.translations, e.starts_at::text, r.shared_with_venue_at::text AS shared_at
    FROM registrations r JOIN events e ON e.id = r.event_id
    WHERE r.network_id = ${networkId} AND r.status <> 'cancelled' AND r.shared_with_venue_at IS NOT NULL
      AND e.status <> 'draft' AND ${venueOf} = ${venueId}::uuid
      AND e.starts_at >= ${p.from.toISOString()}::timestamptz AND e.starts_at < ${p.to.toISOString()}::timestamptz
    ORDER BY e.starts_at, lower(r.name)`);
  return res.rows;
}
