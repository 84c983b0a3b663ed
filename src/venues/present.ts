import type { z } from 'zod';
import type { RoomRow, VenueRow } from './queries.js';
import type { VenueSchema } from './schemas.js';

export type VenueView = z.infer<typeof VenueSchema>;

export function presentVenue(row: VenueRow, rooms: RoomRow[], chapters: { slug: string; name: string }[]): VenueView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    address: row.address,
    city: row.city,
    affiliation: row.affiliation,
    coworkers: row.coworkers,
    website: row.website,
    description: row.description,
    rooms: rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity })),
    chapters,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
