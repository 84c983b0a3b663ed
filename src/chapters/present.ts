import type { z } from 'zod';
import type { ChapterRow } from './queries.js';
import type { ChapterSchema } from './schemas.js';

export type ChapterView = z.infer<typeof ChapterSchema>;

export function presentChapter(
  row: ChapterRow,
  hostVenues: { slug: string; name: string; city: string }[],
  interestCount?: number,
): ChapterView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    city: row.city,
    region: row.region,
    description: row.description,
    status: row.status,
    hostVenues,
    ...(interestCount !== undefined ? { interestCount } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
