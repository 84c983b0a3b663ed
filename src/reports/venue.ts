import { recordAudit } from '../audit/service.js';
import type { User } from '../accounts/service.js';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { brusselsDate, daysPeriod } from './period.js';
import { selectConsentedContacts } from './venue-queries.js';
import { venueFigures } from './service.js';

/** Counts from 1 to 4 are withheld on the venue's dashboard, so nobody can be singled out. */
export const SUPPRESS_BELOW = 5;
const shown = (n: number, name: string, hidden: string[]) => {
  if (n > 0 && n < SUPPRESS_BELOW) {
    hidden.push(name);
    return null;
  }
  return n;
};

/**
 * The venue partner's dashboard over a period: figures with small counts withheld, and the
 * contacts of people who consented to share them with this venue — read live, so a withdrawn
 * consent disappears at the next view. Every view (and export) is written to the audit log.
 */
export async function venueDashboard(
  db: Db,
  network: Network,
  actor: User,
  slug: string,
  range: { from?: string; to?: string },
  action: 'venue.dashboard.view' | 'venue.contacts.export' = 'venue.dashboard.view',
) {
  const today = brusselsDate(new Date());
  const from = range.from ?? `${today.slice(0, 4)}-01-01`;
  const to = range.to ?? today;
  const p = daysPeriod(from, to);
  const f = await venueFigures(db, network, slug, p.from, p.to);
  const contacts = await selectConsentedContacts(db, network.id, f.venue.id, p);
  const hidden: string[] = [];
  const firstTime = f.newPeople;
  await recordAudit(db, {
    networkId: network.id,
    actor,
    action,
    subject: `venue ${f.venue.slug}`,
    details: { from, to, contacts: contacts.length },
  });
  return {
    venue: { slug: f.venue.slug, name: f.venue.name },
    from,
    to,
    eventsHosted: f.eventsHosted,
    peopleBrought: shown(f.peopleBrought, 'peopleBrought', hidden),
    uniqueAttendees: shown(f.uniqueAttendees, 'uniqueAttendees', hidden),
    firstTimeVisitors: shown(firstTime, 'firstTimeVisitors', hidden),
    returningVisitors: shown(f.returningPeople, 'returningVisitors', hidden),
    seats: f.seats,
    seatOccupancy: hidden.includes('peopleBrought') ? null : f.seatOccupancy,
    consentedContacts: shown(contacts.length, 'consentedContacts', hidden),
    suppressed: hidden,
    // The list itself only when there are enough of them not to single anyone out.
    contacts: contacts.length >= SUPPRESS_BELOW ? contacts : [],
    events: f.events,
  };
}
