import type { EventRow } from './queries.js';
import type { EventView } from './schemas.js';
import { coverView } from '../storage/service.js';
import { localeOr } from '../web/i18n.js';
import type { Translations } from '../web/content.js';
import { renderMarkdown } from './markdown.js';
import { eventPath } from '../web/event-path.js';

type Texts = { language: string; translations: Translations };
type Places = {
  venues: Map<
    string,
    {
      slug: string;
      name: string;
      city: string;
      address: string;
      latitude: number | null;
      longitude: number | null;
    } & Texts
  >;
  rooms: Map<string, { name: string; capacity: number } & Texts>;
  chapters: Map<string, { slug: string; name: string }>;
};
type Counts = { confirmed: number; waitlisted: number };

export function presentEvent(e: EventRow, places: Places, counts: Counts | undefined): EventView {
  const venue = e.venueId ? places.venues.get(e.venueId) : undefined;
  const room = e.roomId ? places.rooms.get(e.roomId) : undefined;
  const chapter = places.chapters.get(e.chapterId)!;
  const confirmed = counts?.confirmed ?? 0;
  return {
    id: e.id,
    url: eventPath(e),
    cover: coverView(e.cover),
    chapter: { slug: chapter.slug, name: chapter.name },
    seriesId: e.seriesId,
    title: e.title,
    description: e.description,
    descriptionHtml: renderMarkdown(e.description),
    language: localeOr(e.language),
    translations: e.translations,
    kind: e.kind,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    timeZone: e.timeZone,
    venue: venue
      ? {
          slug: venue.slug,
          name: venue.name,
          city: venue.city,
          address: venue.address,
          latitude: venue.latitude,
          longitude: venue.longitude,
          language: localeOr(venue.language),
          translations: venue.translations,
        }
      : null,
    room: room
      ? {
          name: room.name,
          capacity: room.capacity,
          language: localeOr(room.language),
          translations: room.translations,
        }
      : null,
    onlineUrl: e.onlineUrl,
    capacity: e.capacity,
    confirmedCount: confirmed,
    waitlistCount: counts?.waitlisted ?? 0,
    seatsLeft: Math.max(0, e.capacity - confirmed),
    waitlist: e.waitlist,
    status: e.status,
    cancelReason: e.cancelReason,
    guestRegistration: e.guestRegistration,
    questions: e.questions.map((q) => ({ ...q, translations: q.translations ?? {} })),
    speakers: e.speakers,
    registrationOpensAt: e.registrationOpensAt?.toISOString() ?? null,
    registrationClosesAt: e.registrationClosesAt?.toISOString() ?? null,
    sequence: e.sequence,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
