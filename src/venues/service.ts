import { findUserByEmail } from '../accounts/service.js';
import { auditAct, type AuditActor } from '../audit/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError, notFound } from '../web/errors.js';
import { slugFor } from '../web/slug.js';
import * as q from './queries.js';
import type { VenueCreate, VenueUpdate } from './schemas.js';
import { msg } from '../web/i18n.js';
import { cleanTranslations } from '../web/content.js';
import type { Geocoder } from '../maps/service.js';
export { venueForCover, setVenueCover } from './cover.js';

export type { RoomRow, VenueRow } from './queries.js';

export async function findVenue(db: Tx, network: Network, slug: string, lock = false): Promise<q.VenueRow> {
  const row = await q.selectVenue(db, network.id, slug, lock);
  if (!row) throw notFound(msg('venue.problem.theVenue', { slug }));
  return row;
}

const slugTaken = (slug: string) =>
  new AppError('conflict', msg('venue.problem.slugTaken', { slug }), [
    { field: 'slug', message: msg('validation.alreadyUsed') },
  ]);

export async function createVenue(
  db: Db,
  network: Network,
  input: Omit<VenueCreate, 'language'> & { language?: VenueCreate['language'] },
  actor?: AuditActor,
  /** Places a venue given without coordinates from its street address; its failure leaves them empty. */
  geocode?: Geocoder,
): Promise<q.VenueRow> {
  const slug = slugFor(input.name, input.slug);
  const { rooms, translations, ...values } = input;
  const language = input.language ?? 'fr';
  // Asked before the transaction: no row stays locked while a remote service takes its time.
  const found =
    geocode && values.latitude == null && values.address.trim()
      ? await geocode([values.address, values.city].filter(Boolean).join(', '))
      : null;
  return db.transaction(async (tx) => {
    const row = await q.insertVenue(tx, network.id, {
      ...values,
      ...(found ?? {}),
      language,
      translations: cleanTranslations(translations),
      slug,
    });
    if (!row) throw slugTaken(slug);
    await q.replaceRooms(tx, network.id, row.id, roomValues(rooms, language));
    await auditAct(tx, network.id, actor, 'venue.create', row.name, { slug: row.slug, rooms: rooms.length });
    return row;
  });
}

export async function updateVenue(
  db: Db,
  network: Network,
  slug: string,
  patch: VenueUpdate,
  actor?: AuditActor,
): Promise<q.VenueRow> {
  const { rooms, translations, ...values } = patch;
  return db.transaction(async (tx) => {
    const venue = await findVenue(tx, network, slug, true);
    if (values.slug && values.slug !== venue.slug && (await q.selectVenue(tx, network.id, values.slug)))
      throw slugTaken(values.slug);
    const row = await q.updateVenue(tx, venue.id, {
      ...values,
      ...(translations ? { translations: cleanTranslations(translations) } : {}),
    });
    // Rooms are written in the venue's language.
    if (rooms) await q.replaceRooms(tx, network.id, venue.id, roomValues(rooms, row.language));
    const changed = Object.keys(values).filter(
      (k) => String(venue[k as keyof typeof venue]) !== String(row[k as keyof typeof row]),
    );
    if (translations && JSON.stringify(venue.translations) !== JSON.stringify(row.translations))
      changed.push('translations');
    await auditAct(tx, network.id, actor, 'venue.update', row.name, {
      slug: row.slug,
      changed: rooms ? [...changed, 'rooms'] : changed,
    });
    return row;
  });
}

const roomValues = (rooms: VenueCreate['rooms'], language: string) =>
  rooms.map((r) => ({ name: r.name, capacity: r.capacity, language, translations: cleanTranslations(r.translations) }));

export async function addManager(db: Tx, network: Network, slug: string, email: string, actor?: AuditActor) {
  return db.transaction(async (tx) => {
    const venue = await findVenue(tx, network, slug);
    const user = await findUserByEmail(tx, network.id, email);
    if (!user)
      throw new AppError('not_found', msg('error.noAccountFor', { email }), [
        { field: 'email', message: msg('validation.noAccount') },
      ]);
    const created = await q.insertManager(tx, network.id, venue.id, user.id);
    if (created)
      await auditAct(tx, network.id, actor, 'venue.manager_add', venue.name, {
        slug: venue.slug,
        // The id, not the name: an erased account leaves no name behind in the log.
        userId: user.id,
      });
    return { user, created };
  });
}

export async function removeManager(db: Tx, network: Network, slug: string, userId: string, actor?: AuditActor) {
  await db.transaction(async (tx) => {
    const venue = await findVenue(tx, network, slug);
    if (!(await q.deleteManager(tx, network.id, venue.id, userId)))
      throw notFound(msg('venue.problem.manager', { id: userId, venue: venue.name }));
    await auditAct(tx, network.id, actor, 'venue.manager_remove', venue.name, { slug: venue.slug, userId });
  });
}

export const listVenues = (db: Tx, network: Network, opts: Parameters<typeof q.selectVenues>[2]) =>
  q.selectVenues(db, network.id, opts);
export const roomsOf = (db: Tx, network: Network, venueIds: string[]) => q.selectRooms(db, network.id, venueIds);
export const hostedChapters = (db: Tx, network: Network, venueIds: string[]) =>
  q.selectHostedChapters(db, network.id, venueIds);
export const listManagers = (db: Tx, network: Network, venueId: string) => q.selectManagers(db, network.id, venueId);
export const venuesManagedBy = (db: Tx, network: Network, userId: string) =>
  q.selectVenuesManagedBy(db, network.id, userId);
