import { and, arrayOverlaps, asc, eq, exists, inArray, isNotNull, ne, notExists, sql, type SQL } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import { chapters } from '../chapters/tables.js';
import type { Tx } from '../db/connection.js';
import { events } from '../events/tables.js';
import { chapterFollowers } from '../follows/tables.js';
import { memberProfiles } from '../profiles/tables.js';
import { registrations } from '../registrations/tables.js';
import { invitationCampaigns, invitations } from './tables.js';

/** A segment with its names resolved: region codes, folded city and skill keys, chapter ids. */
export interface Criteria {
  /** Come home: origin is this region, residence known and different. */
  homeRegion?: string;
  origin?: string[];
  residence?: string[];
  cityKeys?: string[];
  skillKeys?: string[];
  kinds?: ('tech' | 'generalist' | 'other')[];
  chapterIds?: string[];
}

const p = memberProfiles;
const some = <T>(v: T[] | undefined): v is T[] => v !== undefined && v.length > 0;

/**
 * The one condition the count, the member list and the send all use, so the number an organiser
 * sees is exactly who is mailed. Reads member_profiles joined to users.
 */
function segmentWhere(tx: Tx, networkId: string, eventId: string, c: Criteria): SQL {
  const live = and(eq(registrations.eventId, eventId), ne(registrations.status, 'cancelled'));
  return and(
    eq(p.networkId, networkId),
    eq(p.invitationsOptOut, false),
    isNotNull(users.emailVerifiedAt),
    notExists(
      tx
        .select({ one: sql`1` })
        .from(invitations)
        .where(and(eq(invitations.eventId, eventId), eq(invitations.userId, p.userId))),
    ),
    // Two probes rather than one OR, so each uses its index (by user, and the live e-mail index).
    notExists(
      tx
        .select({ one: sql`1` })
        .from(registrations)
        .where(and(live, eq(registrations.userId, p.userId))),
    ),
    notExists(
      tx
        .select({ one: sql`1` })
        .from(registrations)
        .where(and(eq(registrations.networkId, networkId), live, eq(registrations.email, users.email))),
    ),
    c.homeRegion
      ? and(eq(p.originRegion, c.homeRegion), isNotNull(p.residenceRegion), ne(p.residenceRegion, c.homeRegion))
      : undefined,
    some(c.origin) ? inArray(p.originRegion, c.origin) : undefined,
    some(c.residence) ? inArray(p.residenceRegion, c.residence) : undefined,
    some(c.cityKeys) ? inArray(p.cityKey, c.cityKeys) : undefined,
    some(c.skillKeys) ? arrayOverlaps(p.skillKeys, c.skillKeys) : undefined,
    some(c.kinds) ? inArray(p.kind, c.kinds) : undefined,
    some(c.chapterIds)
      ? exists(
          tx
            .select({ one: sql`1` })
            .from(chapterFollowers)
            .where(
              and(
                eq(chapterFollowers.networkId, networkId),
                eq(chapterFollowers.userId, p.userId),
                inArray(chapterFollowers.chapterId, c.chapterIds),
              ),
            ),
        )
      : undefined,
  )!;
}

export async function countSegment(tx: Tx, networkId: string, eventId: string, c: Criteria): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(p)
    .innerJoin(users, eq(users.id, p.userId))
    .where(segmentWhere(tx, networkId, eventId, c));
  return row?.n ?? 0;
}

export function selectSegmentMembers(tx: Tx, networkId: string, eventId: string, c: Criteria, limit: number) {
  return tx
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      locale: p.locale,
      city: p.city,
      originRegion: p.originRegion,
      residenceRegion: p.residenceRegion,
      kind: p.kind,
      skills: p.skills,
    })
    .from(p)
    .innerJoin(users, eq(users.id, p.userId))
    .where(segmentWhere(tx, networkId, eventId, c))
    .orderBy(asc(users.name), asc(users.id))
    .limit(limit);
}

/**
 * Sends to one event take turns (until the transaction ends): the second sees the first's
 * invitations and counts them out, instead of waiting on them row by row. Registrations are not held up.
 */
export async function lockEventInvitations(tx: Tx, eventId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invitations:${eventId}`}))`);
}

export async function insertCampaign(tx: Tx, values: typeof invitationCampaigns.$inferInsert) {
  const [row] = await tx.insert(invitationCampaigns).values(values).returning();
  return row!;
}

export async function setCampaignRecipients(tx: Tx, campaignId: string, recipients: number): Promise<void> {
  await tx.update(invitationCampaigns).set({ recipients }).where(eq(invitationCampaigns.id, campaignId));
}

/**
 * INSERT … SELECT … ON CONFLICT DO NOTHING: the unique (event, person) index makes a second
 * organiser sending at the same moment wait for the first and then skip whoever it invited.
 * Returns how many invitations this campaign created.
 */
export async function insertInvitations(
  tx: Tx,
  networkId: string,
  eventId: string,
  campaignId: string,
  c: Criteria,
): Promise<number> {
  const rows = await tx
    .insert(invitations)
    .select(
      tx
        .select({
          id: sql<string>`gen_random_uuid()`.as('id'),
          networkId: sql<string>`${networkId}::uuid`.as('network_id'),
          campaignId: sql<string>`${campaignId}::uuid`.as('campaign_id'),
          eventId: sql<string>`${eventId}::uuid`.as('event_id'),
          userId: p.userId,
          // INSERT … SELECT takes every column, in the table's order.
          registrationId: sql<string | null>`null::uuid`.as('registration_id'),
          createdAt: sql<Date>`now()`.as('created_at'),
        })
        .from(p)
        .innerJoin(users, eq(users.id, p.userId))
        .where(segmentWhere(tx, networkId, eventId, c))
        // One order for every sender, so two overlapping inserts cannot wait on each other in a cycle.
        .orderBy(asc(p.userId)),
    )
    .onConflictDoNothing()
    .returning({ id: invitations.id });
  return rows.length;
}

/** Who a campaign invited, with what their e-mail needs. */
export function selectRecipients(tx: Tx, campaignId: string) {
  return tx
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      locale: p.locale,
      city: p.city,
      originRegion: p.originRegion,
      residenceRegion: p.residenceRegion,
      kind: p.kind,
      skills: p.skills,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(p, eq(p.userId, invitations.userId))
    .where(eq(invitations.campaignId, campaignId));
}

export function selectChaptersBySlug(tx: Tx, networkId: string, slugs: string[]) {
  return tx
    .select({ id: chapters.id, slug: chapters.slug, name: chapters.name })
    .from(chapters)
    .where(and(eq(chapters.networkId, networkId), inArray(chapters.slug, slugs)));
}

export async function selectChapterById(tx: Tx, networkId: string, id: string) {
  const [row] = await tx
    .select()
    .from(chapters)
    .where(and(eq(chapters.networkId, networkId), eq(chapters.id, id)));
  return row;
}

/** With the texts' language and translations: the form names a chapter as the organiser reads it. */
export function selectChapterOptions(tx: Tx, networkId: string) {
  const { slug, name, language, translations } = chapters;
  return tx
    .select({ slug, name, language, translations })
    .from(chapters)
    .where(eq(chapters.networkId, networkId))
    .orderBy(asc(chapters.name));
}

/** The opt-out's effect: never counted, never mailed again. */
export async function optOut(tx: Tx, networkId: string, userId: string): Promise<boolean> {
  const rows = await tx
    .update(p)
    .set({ invitationsOptOut: true, updatedAt: new Date() })
    .where(and(eq(p.networkId, networkId), eq(p.userId, userId)))
    .returning({ userId: p.userId });
  return rows.length > 0;
}

export async function selectOptOutState(tx: Tx, networkId: string, userId: string) {
  const [row] = await tx
    .select({ name: users.name, optedOut: p.invitationsOptOut })
    .from(p)
    .innerJoin(users, eq(users.id, p.userId))
    .where(and(eq(p.networkId, networkId), eq(p.userId, userId)));
  return row;
}

/**
 * An invitation "came back" when the same person (by account or by e-mail) holds a live
 * registration for the event created after the invitation; "attended" when it was checked in.
 */
const followedBy = (attended: boolean) => sql`exists (
  select 1 from ${registrations} r
  where r.event_id = ${invitations.eventId} and r.status <> 'cancelled' and r.created_at >= ${invitations.createdAt}
    and (r.user_id = ${invitations.userId} or r.email = ${users.email} or r.id = ${invitations.registrationId})
    ${attended ? sql`and r.checked_in_at is not null` : sql``})`;

/**
 * Before an account is deleted: each of its invitations remembers the registration that followed
 * (found as followedBy finds it), since the account's id and address are about to go.
 */
export async function keepOutcomes(tx: Tx, networkId: string, user: { id: string; email: string }): Promise<void> {
  await tx.execute(sql`
    update ${invitations} i set registration_id = (
      select r.id from ${registrations} r
      where r.event_id = i.event_id and r.status <> 'cancelled' and r.created_at >= i.created_at
        and (r.user_id = ${user.id} or r.email = ${user.email})
      order by r.checked_in_at is null, r.created_at limit 1)
    where i.network_id = ${networkId} and i.user_id = ${user.id}`);
}

/** Every campaign of a chapter (or of one event) with its figures, newest first. */
export function selectCampaignFigures(tx: Tx, networkId: string, scope: { chapterId: string } | { eventId: string }) {
  const author = sql<string | null>`(select u.name from ${users} u where u.id = ${invitationCampaigns.createdBy})`;
  const figures = tx
    .select({
      campaignId: invitations.campaignId,
      invited: sql<number>`count(*)::int`.as('invited'),
      registered: sql<number>`(count(*) filter (where ${followedBy(false)}))::int`.as('registered'),
      attended: sql<number>`(count(*) filter (where ${followedBy(true)}))::int`.as('attended'),
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.userId))
    .where(
      and(
        eq(invitations.networkId, networkId),
        'eventId' in scope
          ? eq(invitations.eventId, scope.eventId)
          : inArray(
              invitations.campaignId,
              tx
                .select({ id: invitationCampaigns.id })
                .from(invitationCampaigns)
                .where(eq(invitationCampaigns.chapterId, scope.chapterId)),
            ),
      ),
    )
    .groupBy(invitations.campaignId)
    .as('figures');
  return tx
    .select({
      campaign: invitationCampaigns,
      author,
      event: { id: events.id, title: events.title, startsAt: events.startsAt, timeZone: events.timeZone },
      invited: sql<number>`coalesce(${figures.invited}, 0)`,
      registered: sql<number>`coalesce(${figures.registered}, 0)`,
      attended: sql<number>`coalesce(${figures.attended}, 0)`,
    })
    .from(invitationCampaigns)
    .innerJoin(events, eq(events.id, invitationCampaigns.eventId))
    .leftJoin(figures, eq(figures.campaignId, invitationCampaigns.id))
    .where(
      and(
        eq(invitationCampaigns.networkId, networkId),
        'eventId' in scope
          ? eq(invitationCampaigns.eventId, scope.eventId)
          : eq(invitationCampaigns.chapterId, scope.chapterId),
      ),
    )
    .orderBy(sql`${events.startsAt} desc`, sql`${invitationCampaigns.createdAt} desc`);
}
