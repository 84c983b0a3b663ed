import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { skillKeysOf } from '../profiles/service.js';
import { regionFromText, regionName } from '../web/regions.js';
import { AppError, fieldErrors, notFound } from '../web/errors.js';
import { fold } from '../web/fold.js';
import { currentLocale, msg, render, translator, type Locale } from '../web/i18n.js';
import * as q from './queries.js';
import { SegmentSchema, type Segment } from './schemas.js';

export type { Segment } from './schemas.js';
export type Criteria = q.Criteria;
type EventRef = { id: string; chapterId: string };
export type ChapterRef = { id: string; name: string; region: string };

/** A segment as typed by callers outside the API (demo, benchmark) is checked like the API's. */
function checked(segment: Segment): Segment {
  const parsed = SegmentSchema.safeParse(segment);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error.issues).map((e) => ({
    field: e.field === '(body)' ? 'segment' : `segment.${e.field}`,
    message: e.message,
  }));
  throw new AppError(
    'validation',
    msg('invitation.problem.badSegment', {
      list: errors.map((e) => `${e.field}: ${render(translator(currentLocale()), e.message)}`).join('; '),
    }),
    errors,
  );
}

/** The chapter's region as a code, for "come home"; undefined when its free text names none. */
export const homeRegionOf = (chapter: Pick<ChapterRef, 'region'>) => regionFromText(chapter.region);

/**
 * Names → what the query compares: folded cities and skills, chapter ids, the chapter's region.
 * 400 naming the field for a "come home" the chapter's region cannot answer, or an unknown chapter.
 */
export async function resolveSegment(
  db: Tx,
  network: Network,
  chapter: ChapterRef,
  input: Segment,
): Promise<{ segment: Segment; criteria: Criteria; followed: { slug: string; name: string }[] }> {
  const segment = checked(input);
  const criteria: Criteria = {};
  if (segment.comeHome) {
    const home = homeRegionOf(chapter);
    if (!home) {
      throw new AppError(
        'validation',
        msg('invitation.problem.comeHome', { chapter: chapter.name, region: chapter.region || 'none' }),
        [{ field: 'segment.comeHome', message: msg('invitation.problem.noRegion', { chapter: chapter.name }) }],
      );
    }
    criteria.homeRegion = home;
  }
  if (segment.origin?.length) criteria.origin = [...new Set(segment.origin)];
  if (segment.residence?.length) criteria.residence = [...new Set(segment.residence)];
  if (segment.cities?.length) criteria.cityKeys = [...new Set(segment.cities.map((c) => fold(c).trim()))];
  if (segment.skills?.length) criteria.skillKeys = skillKeysOf(segment.skills);
  if (segment.kinds?.length) criteria.kinds = [...new Set(segment.kinds)];
  let followed: { slug: string; name: string }[] = [];
  if (segment.followed?.length) {
    const slugs = [...new Set(segment.followed.map((s) => s.toLowerCase()))];
    const found = await q.selectChaptersBySlug(db, network.id, slugs);
    const unknown = slugs.filter((s) => !found.some((c) => c.slug === s));
    if (unknown.length)
      throw new AppError(
        'validation',
        msg('invitation.problem.noChapters', { list: unknown.map((s) => `"${s}"`).join(', ') }),
        [
          {
            field: 'segment.followed',
            message: msg('invitation.problem.unknownChapters', { list: unknown.join(', ') }),
          },
        ],
      );
    criteria.chapterIds = found.map((c) => c.id);
    followed = found.map(({ slug, name }) => ({ slug, name }));
  }
  return { segment, criteria, followed };
}

async function chapterOf(db: Tx, network: Network, event: EventRef): Promise<ChapterRef> {
  const chapter = await q.selectChapterById(db, network.id, event.chapterId);
  if (!chapter) throw notFound(msg('invitation.problem.eventChapter'));
  return chapter;
}

/** How many members the segment reaches for this event now: the same query the send uses. */
export async function countSegment(db: Db | Tx, network: Network, event: EventRef, segment: Segment): Promise<number> {
  const { criteria } = await resolveSegment(db, network, await chapterOf(db, network, event), segment);
  return q.countSegment(db, network.id, event.id, criteria);
}

/** The members the segment reaches (by name, at most `limit`). */
export async function segmentMembers(
  db: Db | Tx,
  network: Network,
  event: EventRef,
  segment: Segment,
  limit = 1000,
): Promise<(Recipient & { userId: string; email: string; locale: string })[]> {
  const { criteria } = await resolveSegment(db, network, await chapterOf(db, network, event), segment);
  return q.selectSegmentMembers(db, network.id, event.id, criteria, limit);
}

const regionLabel = (code: string | null | undefined, locale: Locale) =>
  code === 'other' ? translator(locale)('invitations.otherRegion') : regionName(code, locale);

/** The segment in words, for the campaign list ("Come home to Hainaut · skills: PHP"). */
export function describeSegment(
  segment: Segment,
  chapter: Pick<ChapterRef, 'region'>,
  locale: Locale,
  followedNames: Map<string, string> = new Map(),
): string {
  const t = translator(locale);
  const regions = (codes: string[]) => codes.map((c) => regionLabel(c, locale)).join(', ');
  const parts: string[] = [];
  if (segment.comeHome)
    parts.push(t('invitations.seg.comeHome', { region: regionLabel(homeRegionOf(chapter), locale) || chapter.region }));
  if (segment.origin?.length) parts.push(t('invitations.seg.origin', { regions: regions(segment.origin) }));
  if (segment.residence?.length) parts.push(t('invitations.seg.residence', { regions: regions(segment.residence) }));
  if (segment.cities?.length) parts.push(t('invitations.seg.cities', { cities: segment.cities.join(', ') }));
  if (segment.skills?.length) parts.push(t('invitations.seg.skills', { skills: segment.skills.join(', ') }));
  if (segment.kinds?.length)
    parts.push(t('invitations.seg.kinds', { kinds: segment.kinds.map((k) => t(`invitations.kind.${k}`)).join(', ') }));
  if (segment.followed?.length)
    parts.push(
      t('invitations.seg.followed', { chapters: segment.followed.map((s) => followedNames.get(s) ?? s).join(', ') }),
    );
  return parts.join(' · ');
}

export interface Recipient {
  name: string;
  city: string;
  originRegion: string | null;
  residenceRegion: string | null;
  kind: string | null;
  skills: string[];
}

/** Why this person gets the invitation, in their language: the parts of the segment they match. */
export function reasonsFor(r: Recipient, segment: Segment, followed: { name: string }[], locale: Locale): string {
  const t = translator(locale);
  const reasons: string[] = [];
  if (segment.comeHome) reasons.push(t('invitations.why.comeHome', { region: regionLabel(r.originRegion, locale) }));
  else if (segment.origin?.length)
    reasons.push(t('invitations.why.origin', { region: regionLabel(r.originRegion, locale) }));
  if (segment.cities?.length) reasons.push(t('invitations.why.city', { city: r.city }));
  else if (segment.residence?.length)
    reasons.push(t('invitations.why.residence', { region: regionLabel(r.residenceRegion, locale) }));
  if (segment.skills?.length) {
    const wanted = new Set(skillKeysOf(segment.skills));
    const mine = r.skills.filter((s) => wanted.has(fold(s).trim()));
    if (mine.length) reasons.push(t('invitations.why.skills', { skills: mine.join(', ') }));
  }
  if (segment.kinds?.length && r.kind)
    reasons.push(t('invitations.why.kind', { kind: t(`invitations.kind.${r.kind as 'tech'}`) }));
  if (followed.length)
    reasons.push(
      t(followed.length === 1 ? 'invitations.why.followedOne' : 'invitations.why.followedAny', {
        chapters: followed.map((c) => c.name).join(', '),
      }),
    );
  return t('invitations.why', { reasons: reasons.join(', ') });
}
