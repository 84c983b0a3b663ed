import { auditAct, type AuditActor } from '../audit/service.js';
import { findChapter } from '../chapters/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { findVenue } from '../venues/service.js';
import { AppError, notFound } from '../web/errors.js';
import * as q from './queries.js';
import type { PartnershipCreate, PartnershipUpdate, PartnershipView } from './schemas.js';
import { localeOr, msg } from '../web/i18n.js';
import { cleanTranslations } from '../web/content.js';

type Joined = q.PartnershipJoined;

export function presentPartnership({ p, chapter, venue }: Joined): PartnershipView {
  return {
    id: p.id,
    chapter,
    venue,
    venueProvides: p.venueProvides,
    networkProvides: p.networkProvides,
    language: localeOr(p.language),
    translations: p.translations,
    since: p.since,
    until: p.until,
    status: p.status,
    createdAt: p.createdAt.toISOString(),
  };
}

/** A chapter and a venue have at most one partnership that is not ended. */
async function refuseSecondOpen(db: Tx, networkId: string, chapterId: string, venueId: string, exceptId?: string) {
  const open = await q.selectOpenPartnership(db, networkId, chapterId, venueId, exceptId);
  if (open) throw new AppError('conflict', msg('chapter.problem.secondOpen', { id: open.id }));
}

export async function createPartnership(
  db: Db,
  network: Network,
  chapterSlug: string,
  input: Omit<PartnershipCreate, 'language'> & { language?: PartnershipCreate['language'] },
  actor?: AuditActor,
): Promise<PartnershipView> {
  return db.transaction(async (tx) => {
    const chapter = await findChapter(tx, network, chapterSlug, true);
    const venue = await findVenue(tx, network, input.venue).catch(() => {
      throw new AppError('validation', msg('chapter.problem.noVenue', { venue: input.venue }), [
        { field: 'venue', message: msg('chapter.problem.unknownVenue') },
      ]);
    });
    if (input.status !== 'ended') await refuseSecondOpen(tx, network.id, chapter.id, venue.id);
    const { venue: _slug, translations, ...values } = input;
    const row = await q.insertPartnership(tx, {
      networkId: network.id,
      chapterId: chapter.id,
      venueId: venue.id,
      ...values,
      language: input.language ?? 'fr',
      translations: cleanTranslations(translations),
    });
    await auditAct(tx, network.id, actor, 'partnership.create', `${chapter.name} — ${venue.name}`, {
      id: row.id,
      status: row.status,
    });
    return presentPartnership({
      p: row,
      chapter: { slug: chapter.slug, name: chapter.name },
      venue: { slug: venue.slug, name: venue.name, city: venue.city },
    });
  });
}

export async function findPartnership(db: Tx, network: Network, id: string, lock = false): Promise<Joined> {
  const row = await q.selectPartnership(db, network.id, id, lock);
  if (!row) throw notFound(msg('chapter.problem.thePartnership', { id }));
  return row;
}

export async function updatePartnership(
  db: Db,
  network: Network,
  id: string,
  patch: PartnershipUpdate,
  actor?: AuditActor,
): Promise<PartnershipView> {
  return db.transaction(async (tx) => {
    const current = await findPartnership(tx, network, id, true);
    const since = patch.since !== undefined ? patch.since : current.p.since;
    const until = patch.until !== undefined ? patch.until : current.p.until;
    if (since && until && until < since)
      throw new AppError('validation', msg('chapter.problem.endBeforeStart'), [
        { field: 'until', message: msg('validation.untilAfterSince') },
      ]);
    if (patch.status && patch.status !== 'ended')
      await refuseSecondOpen(tx, network.id, current.p.chapterId, current.p.venueId, id);
    const { translations, ...rest } = patch;
    const row = await q.updatePartnershipRow(tx, id, {
      ...rest,
      ...(translations ? { translations: cleanTranslations(translations) } : {}),
    });
    await auditAct(tx, network.id, actor, 'partnership.update', `${current.chapter.name} — ${current.venue.name}`, {
      id,
      ...patch,
    });
    return presentPartnership({ ...current, p: row });
  });
}

export async function listPartnerships(
  db: Tx,
  network: Network,
  filter: { chapterId?: string; venueId?: string },
): Promise<PartnershipView[]> {
  const rows = await q.selectPartnerships(db, network.id, filter);
  return rows.map(presentPartnership);
}
