import { and, eq, inArray } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import type { Db } from '../db/connection.js';
import { profileRow } from '../profiles/service.js';
import { regionName, type RegionCode } from '../web/regions.js';
import { chapterFollowers } from '../follows/tables.js';
import { memberProfiles } from '../profiles/tables.js';
import type { Network } from '../networks/service.js';
import type { Locale } from '../web/i18n.js';
import { slugify } from '../web/slug.js';
import { names, techSkills, generalistSkills, otherSkills } from './member-names.js';
import { type Origin, segments, towns, abroad, flemish, walloon } from './member-places.js';

/**
 * The demo's members, generated: people living in Brussels who come from Hainaut or West Flanders
 * (the diaspora the regional chapters want back), people living in their home region, a few from
 * abroad. Deterministic — the same members on every machine — and written in bulk.
 */

export const DEMO_MEMBERS = 3000;
const BATCH = 1000;

/** Chapters people follow: those of where they come from, and Brussels for those who live there. */
const follows: { chapter: string; when: (m: { origin: Origin; residence: RegionCode }) => boolean; share: number }[] = [
  { chapter: 'charleroi', when: (m) => m.origin === 'BE-WHT', share: 0.55 },
  { chapter: 'mons', when: (m) => m.origin === 'BE-WHT', share: 0.2 },
  { chapter: 'kortrijk', when: (m) => m.origin === 'BE-VWV', share: 0.6 },
  { chapter: 'namur', when: (m) => m.origin === 'BE-WNA', share: 0.5 },
  { chapter: 'brussels', when: (m) => m.residence === 'BE-BRU', share: 0.35 },
  { chapter: 'brussels', when: (m) => m.residence !== 'BE-BRU', share: 0.08 },
];

export interface DemoMember {
  name: string;
  email: string;
  city: string;
  residenceRegion: RegionCode;
  originRegion: Origin;
  originDetail: string;
  kind: 'tech' | 'generalist' | 'other';
  skills: string[];
  bio: string;
  locale: Locale;
  directoryVisible: boolean;
  invitationsOptOut: boolean;
  /** Shown in "who's going": half of those listed in the directory (derived, so the random draws stay as they were). */
  attendanceVisible: boolean;
  /** Chapter slugs. */
  follows: string[];
  /** Days before the load that the account was made. */
  ageDays: number;
}

/** A deterministic pseudo-random stream in [0, 1) (the same LCG as the demo's `people()`). */
function stream(seed: number) {
  let x = seed;
  const next = () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const some = <T>(list: readonly T[], n: number): T[] => {
    const chosen = new Set<T>();
    while (chosen.size < n) chosen.add(pick(list));
    return [...chosen];
  };
  return { next, pick, some };
}

function localeFor(origin: Origin, r: number): Locale {
  if (flemish.has(origin)) return r < 0.85 ? 'nl' : r < 0.93 ? 'en' : 'fr';
  if (walloon.has(origin)) return r < 0.9 ? 'fr' : r < 0.96 ? 'en' : 'nl';
  if (origin === 'BE-BRU') return r < 0.7 ? 'fr' : r < 0.88 ? 'nl' : 'en';
  return r < 0.5 ? 'en' : r < 0.9 ? 'fr' : 'nl';
}

const bios: Record<Locale, (city: string, from: string, skills: string) => string> = {
  fr: (city, from, skills) => `Vit à ${city}, vient de ${from}. ${skills}.`,
  nl: (city, from, skills) => `Woont in ${city}, afkomstig uit ${from}. ${skills}.`,
  en: (city, from, skills) => `Lives in ${city}, from ${from}. ${skills}.`,
};

/** `n` members, always the same ones. */
export function generateMembers(n = DEMO_MEMBERS, seed = 2024): DemoMember[] {
  const rnd = stream(seed);
  const total = segments.reduce((s, x) => s + x.weight, 0);
  const members: DemoMember[] = [];
  for (let i = 0; i < n; i++) {
    // Segments by quota rather than by chance: the shares are exact whatever n is.
    const slot = ((i * 7919) % n) / n;
    let acc = 0;
    const seg =
      segments.find((s) => {
        acc += s.weight / total;
        return acc > slot;
      }) ?? segments[segments.length - 1]!;
    const names_ = flemish.has(seg.origin) ? names.nl : seg.origin === 'other' ? names.other : names.fr;
    const first = rnd.pick(names_.first);
    const last = rnd.pick(names_.last);
    const city = rnd.pick(towns[seg.residence]);
    const originDetail = seg.origin === 'other' ? rnd.pick(abroad) : '';
    const k = rnd.next();
    const kind = k < 0.55 ? 'tech' : k < 0.9 ? 'generalist' : 'other';
    const skills =
      kind === 'tech'
        ? rnd.some(techSkills, 2 + Math.floor(rnd.next() * 4))
        : kind === 'generalist'
          ? [
              ...rnd.some(generalistSkills, 2 + Math.floor(rnd.next() * 3)),
              ...(rnd.next() < 0.2 ? [rnd.pick(['WordPress', 'Figma', 'Power BI'])] : []),
            ]
          : rnd.some(otherSkills, 1 + Math.floor(rnd.next() * 3));
    const locale = localeFor(seg.origin, rnd.next());
    const from = seg.origin === 'other' ? originDetail : regionName(seg.origin, locale);
    members.push({
      name: `${first} ${last}`,
      email: `${slugify(first)}.${slugify(last)}.m${i}@example.org`,
      city,
      residenceRegion: seg.residence,
      originRegion: seg.origin,
      originDetail,
      kind,
      skills,
      bio: rnd.next() < 0.4 ? bios[locale](city, from, skills.slice(0, 3).join(', ')) : '',
      locale,
      directoryVisible: rnd.next() < 0.34,
      invitationsOptOut: rnd.next() < 0.05,
      attendanceVisible: false, // set below
      follows: [...new Set(follows.filter((f) => f.when(seg) && rnd.next() < f.share).map((f) => f.chapter))],
      ageDays: Math.floor(rnd.next() * 1000),
    });
  }
  for (const [i, m] of members.entries()) m.attendanceVisible = m.directoryVisible && i % 2 === 0;
  return members;
}

/**
 * Writes the generated members: accounts (verified, no password), profiles (through profileRow, which
 * computes the search columns) and followed chapters, a thousand rows per INSERT, in one transaction.
 * Accounts that already exist (a `demo --force` after a first demo) keep their id and profile.
 */
export async function loadDemoMembers(
  db: Db,
  network: Network,
  chapterIds: ReadonlyMap<string, string>,
  now = new Date(),
): Promise<number> {
  const members = generateMembers();
  await db.transaction(async (tx) => {
    for (let start = 0; start < members.length; start += BATCH) {
      const batch = members.slice(start, start + BATCH);
      const inserted = await tx
        .insert(users)
        .values(
          batch.map((m) => ({
            networkId: network.id,
            email: m.email,
            name: m.name,
            role: 'member' as const,
            emailVerifiedAt: now,
            createdAt: new Date(now.getTime() - m.ageDays * 86_400_000),
          })),
        )
        .onConflictDoNothing()
        .returning({ id: users.id, email: users.email });
      const ids = new Map(inserted.map((u) => [u.email, u.id]));
      const known = batch.filter((m) => !ids.has(m.email)).map((m) => m.email);
      if (known.length) {
        const rows = await tx
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(and(eq(users.networkId, network.id), inArray(users.email, known)));
        for (const r of rows) ids.set(r.email, r.id);
      }
      const profiles = batch.map((m) =>
        profileRow(network.id, ids.get(m.email)!, m.name, undefined, {
          city: m.city,
          residenceRegion: m.residenceRegion,
          originRegion: m.originRegion,
          originDetail: m.originDetail,
          kind: m.kind,
          skills: m.skills,
          bio: m.bio,
          locale: m.locale,
          directoryVisible: m.directoryVisible,
          invitationsOptOut: m.invitationsOptOut,
          attendanceVisible: m.attendanceVisible,
        }),
      );
      await tx.insert(memberProfiles).values(profiles).onConflictDoNothing();
      const followers = batch.flatMap((m) =>
        m.follows.flatMap((slug) =>
          chapterIds.has(slug)
            ? [{ networkId: network.id, chapterId: chapterIds.get(slug)!, userId: ids.get(m.email)! }]
            : [],
        ),
      );
      if (followers.length) await tx.insert(chapterFollowers).values(followers).onConflictDoNothing();
    }
  });
  return members.length;
}
