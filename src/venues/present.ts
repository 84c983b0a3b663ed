import type { z } from 'zod';
import { localeOr } from '../web/i18n.js';
import { coverView } from '../storage/service.js';
import type { RoomRow, VenueRow } from './queries.js';
import type { VenueEventRow, EventFigures } from './activity-queries.js';
import type { VenueEventActivity, VenueSchema } from './schemas.js';

export type VenueView = z.infer<typeof VenueSchema>;

export function presentVenue(row: VenueRow, rooms: RoomRow[], chapters: { slug: string; name: string }[]): VenueView {
  // A chapter's translations belong to the chapter's API; the venue names it as written.
  return {
    id: row.id,
    cover: coverView(row.cover),
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    address: row.address,
    city: row.city,
    affiliation: row.affiliation,
    coworkers: row.coworkers,
    website: row.website,
    latitude: row.latitude,
    longitude: row.longitude,
    description: row.description,
    language: localeOr(row.language),
    translations: row.translations,
    rooms: rooms.map((r) => ({
      id: r.id,
      name: r.name,
      capacity: r.capacity,
      language: localeOr(r.language),
      translations: r.translations,
    })),
    chapters: chapters.map((c) => ({ slug: c.slug, name: c.name })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** An event held at the venue, with its attendance figures, as the venue's managers see it. */
export function presentVenueEvent(
  row: VenueEventRow,
  figures: EventFigures | undefined,
  now: Date,
): VenueEventActivity {
  return {
    id: row.id,
    title: row.title,
    language: row.language,
    translations: row.translations,
    chapter: { slug: row.chapterSlug, name: row.chapterName },
    room: row.roomName,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    timeZone: row.timeZone,
    status: row.status === 'cancelled' ? 'cancelled' : 'published',
    phase: row.endsAt > now ? 'upcoming' : 'past',
    capacity: row.capacity,
    confirmed: figures?.confirmed ?? 0,
    waitlisted: figures?.waitlisted ?? 0,
    checkedIn: figures?.checkedIn ?? 0,
    sharedContacts: figures?.sharedContacts ?? 0,
  };
}
