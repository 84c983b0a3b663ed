import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError } from '../web/errors.js';
import { fold } from '../web/fold.js';
import { offsetCursor, offsetFromCursor } from '../web/pagination.js';
import { isUuid } from '../web/schemas.js';
import { isAdmin, type Actor } from '../web/policy.js';
import { networkVocabulary } from '../web/vocabulary.js';
import type { DirectoryEntry, DirectoryFilters, MemberProfileView } from './schemas.js';
import * as q from './queries.js';
import { type PictureRef, pictureView, skillKeysOf } from '../profiles/service.js';
import { msg } from '../web/i18n.js';

export type Scope = q.Scope;

/** The words of the network's profiles, to correct typos in a search. */
const profileWords = networkVocabulary(q.selectVocabularyWords);

/**
 * Who sees whom in the directory — the one policy, used by the API and the pages:
 * visitors nothing (401); members the opted-in profiles of verified accounts, and their own;
 * organisers also every follower of their chapters (opted in or not); admins everyone.
 */
export async function directoryScope(db: Tx, network: Network, viewer: Actor): Promise<Scope> {
  if (!viewer) throw new AppError('unauthenticated', msg('directory.problem.signIn'));
  if (isAdmin(viewer)) return { networkId: network.id, all: true };
  return {
    networkId: network.id,
    all: false,
    viewerId: viewer.id,
    organised: await q.selectOrganisedChapterIds(db, network.id, viewer.id),
  };
}

/** Typo tolerance below five letters mostly turns a word into another word ("gent" → "genk"). */
const FUZZY_MIN_LENGTH = 5;
const MAX_TERMS = 8;

/** "  Liège, JavaScript!" → liege, javascript: folded words of letters and digits (also what to_tsquery may safely receive). */
export function searchTerms(text: string | undefined): string[] {
  return [
    ...new Set(
      fold(text ?? '')
        .split(/[^a-z0-9]+/)
        .filter(Boolean),
    ),
  ].slice(0, MAX_TERMS);
}

const skillList = (skill: DirectoryFilters['skill']) =>
  skill === undefined ? [] : Array.isArray(skill) ? skill : [skill];

/** Filters as typed → what the SQL compares (folded keys, a chapter id); 400 naming `chapter` for an unknown one. */
async function criteriaOf(db: Tx, network: Network, f: DirectoryFilters): Promise<q.DirectoryCriteria> {
  let chapterId: string | undefined;
  if (f.chapter) {
    chapterId = await q.selectChapterId(db, network.id, f.chapter);
    if (!chapterId)
      throw new AppError('validation', msg('directory.problem.noChapter', { slug: f.chapter }), [
        { field: 'chapter', message: msg('validation.notInNetwork', { what: 'chapter' }) },
      ]);
  }
  const cityKey = fold(f.city ?? '').trim();
  const words = searchTerms(f.q);
  const fixes = await profileWords.corrections(
    db,
    network.id,
    words.filter((w) => w.length >= FUZZY_MIN_LENGTH),
  );
  const terms = words.map((word) => ({ word, alternatives: fixes.get(word) ?? [] }));
  return {
    terms,
    skillKeys: skillKeysOf(skillList(f.skill)),
    cityKey: cityKey || undefined,
    origin: f.origin,
    residence: f.residence,
    kind: f.kind,
    chapterId,
  };
}

function presentEntry(r: q.DirectoryRow | q.ProfileRow): DirectoryEntry {
  return {
    id: r.user_id,
    name: r.name,
    city: r.city,
    residenceRegion: r.residence_region as DirectoryEntry['residenceRegion'],
    originRegion: r.origin_region as DirectoryEntry['originRegion'],
    originDetail: r.origin_detail,
    kind: r.kind,
    skills: r.skills,
    picture: pictureView(r.user_id, r.name, r.picture),
    ...(r.email ? { email: r.email } : {}),
  };
}

export interface DirectoryPage {
  items: DirectoryEntry[];
  total: number;
  offset: number;
  nextCursor: string | null;
}

/** One page of the directory as the viewer may see it, best matches first when there is free text. */
export async function searchDirectory(
  db: Tx,
  network: Network,
  viewer: Actor,
  filters: DirectoryFilters,
  page: { limit: number; cursor?: string | undefined },
): Promise<DirectoryPage> {
  return searchInScope(db, network, await directoryScope(db, network, viewer), filters, page);
}

/** The same, for a caller that already holds the viewer's scope (the page shows what it implies). */
export async function searchInScope(
  db: Tx,
  network: Network,
  scope: Scope,
  filters: DirectoryFilters,
  page: { limit: number; cursor?: string | undefined },
): Promise<DirectoryPage> {
  // An offset: results are ranked by relevance, which has no key to resume after.
  const offset = offsetFromCursor(page.cursor);
  const criteria = await criteriaOf(db, network, filters);
  const rows = await q.selectDirectory(db, scope, criteria, { limit: page.limit + 1, offset });
  const total = rows[0]?.total ?? (offset > 0 ? await q.countDirectory(db, scope, criteria) : 0);
  const items = rows.slice(0, page.limit).map(presentEntry);
  return { items, total, offset, nextCursor: rows.length > page.limit ? offsetCursor(offset + items.length) : null };
}

/** The same answer for a profile that does not exist and one the viewer may not see: existence is not revealed. */
const hidden = () => new AppError('not_found', msg('directory.problem.hidden'));

export async function memberProfile(
  db: Tx,
  network: Network,
  viewer: Actor,
  userId: string,
): Promise<MemberProfileView> {
  const scope = await directoryScope(db, network, viewer);
  const row = isUuid(userId) ? await q.selectVisibleProfile(db, scope, userId) : undefined;
  if (!row) throw hidden();
  return {
    ...presentEntry(row),
    bio: row.bio,
    links: row.links,
    directoryVisible: row.directory_visible,
    contactable: row.contactable,
    chapters: await q.selectFollowedChapters(db, network.id, userId),
  };
}

/** A member's picture, for a viewer who may see their profile (401, or 404 as for a hidden profile, otherwise). */
export async function visiblePicture(db: Tx, network: Network, viewer: Actor, userId: string): Promise<PictureRef> {
  const scope = await directoryScope(db, network, viewer);
  const row = isUuid(userId) ? await q.selectVisibleProfile(db, scope, userId) : undefined;
  if (!row?.picture) throw hidden();
  return row.picture;
}

/** Skill suggestions: the commonest among profiles the viewer may see, by folded prefix. */
export async function suggestSkills(db: Tx, network: Network, viewer: Actor, prefix: string, limit: number) {
  return skillsInScope(db, await directoryScope(db, network, viewer), prefix, limit);
}

export const skillsInScope = (db: Tx, scope: Scope, prefix: string, limit: number) =>
  q.selectSkillSuggestions(db, scope, fold(prefix).trim(), limit);
