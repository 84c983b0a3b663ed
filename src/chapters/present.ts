import type { z } from 'zod';
import { coverView } from '../storage/service.js';
import { localeOr } from '../web/i18n.js';
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
    cover: coverView(row.cover),
    slug: row.slug,
    name: row.name,
    city: row.city,
    region: row.region,
    description: row.description,
    status: row.status,
    language: localeOr(row.language),
    translations: row.translations,
    hostVenues: hostVenues.map((v) => ({ slug: v.slug, name: v.name, city: v.city })),
    ...(interestCount !== undefined ? { interestCount } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
