import type { CampaignFigures, ChapterFigures, EventFigures } from './service.js';

/** Service figures → API shapes (instants as ISO strings, the summary in English). */
export function presentCampaign(c: CampaignFigures) {
  return {
    id: c.id,
    createdAt: c.createdAt.toISOString(),
    createdBy: c.createdBy,
    segment: c.segment as Record<string, unknown>,
    summary: c.summary.en,
    message: c.message,
    language: c.language,
    translations: c.translations,
    invited: c.invited,
    registered: c.registered,
    attended: c.attended,
  };
}

export function presentEventFigures(e: EventFigures) {
  return {
    event: { id: e.event.id, title: e.event.title, startsAt: e.event.startsAt.toISOString() },
    campaigns: e.campaigns.map(presentCampaign),
    invited: e.invited,
    registered: e.registered,
    attended: e.attended,
  };
}

export function presentChapterFigures(c: ChapterFigures) {
  return {
    chapter: { slug: c.chapter.slug, name: c.chapter.name },
    events: c.events.map(presentEventFigures),
    totals: c.totals,
  };
}
