import { and, desc, eq, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import { auditLog } from '../audit/tables.js';
import { chapterInterest, chapters } from '../chapters/tables.js';
import type { Tx } from '../db/connection.js';
import { events } from '../events/tables.js';
import { invitations } from '../invitations/tables.js';
import { outboundMessages } from '../mail/tables.js';
import { registrations } from '../registrations/tables.js';
import { webhookDeliveries } from '../webhooks/tables.js';
import { chapterFollowers } from './tables.js';

export interface Me {
  networkId: string;
  userId: string;
  email: string;
}

/** A person's registrations: made while signed in, or with their address before they had an account. */
const mine = (me: Me): SQL =>
  and(
    eq(registrations.networkId, me.networkId),
    or(eq(registrations.userId, me.userId), eq(registrations.email, me.email)),
  )!;

export function selectAttendance(db: Tx, me: Me, opts: { limit: number; offset: number }) {
  return db
    .select({
      id: registrations.id,
      eventId: events.id,
      title: events.title,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      status: registrations.status,
      checkedInAt: registrations.checkedInAt,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(mine(me))
    .orderBy(desc(events.startsAt), registrations.id)
    .limit(opts.limit)
    .offset(opts.offset);
}

export async function countAttendance(db: Tx, me: Me) {
  const [row] = await db
    .select({
      registered: sql<number>`count(*) filter (where ${registrations.status} <> 'cancelled')::int`,
      attended: sql<number>`count(*) filter (where ${registrations.checkedInAt} is not null)::int`,
      noShows: sql<number>`count(*) filter (where ${registrations.status} = 'confirmed' and ${registrations.checkedInAt} is null and ${events.endsAt} < now())::int`,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(mine(me));
  return row ?? { registered: 0, attended: 0, noShows: 0 };
}

// ── Following chapters ─────────────────────────────────────────────────────

export function selectFollowed(db: Tx, networkId: string, userId: string) {
  return db
    .select({ id: chapters.id, slug: chapters.slug, name: chapters.name })
    .from(chapterFollowers)
    .innerJoin(chapters, eq(chapters.id, chapterFollowers.chapterId))
    .where(and(eq(chapterFollowers.networkId, networkId), eq(chapterFollowers.userId, userId)))
    .orderBy(chapters.name);
}

export const insertFollow = (db: Tx, networkId: string, chapterId: string, userId: string) =>
  db.insert(chapterFollowers).values({ networkId, chapterId, userId }).onConflictDoNothing();

export const deleteFollow = (db: Tx, networkId: string, chapterId: string, userId: string) =>
  db
    .delete(chapterFollowers)
    .where(
      and(
        eq(chapterFollowers.networkId, networkId),
        eq(chapterFollowers.chapterId, chapterId),
        eq(chapterFollowers.userId, userId),
      ),
    );

// ── Export ─────────────────────────────────────────────────────────────────

export function selectRegistrationsForExport(db: Tx, me: Me) {
  return db
    .select({
      id: registrations.id,
      title: events.title,
      startsAt: events.startsAt,
      name: registrations.name,
      email: registrations.email,
      status: registrations.status,
      checkedInAt: registrations.checkedInAt,
      answers: registrations.answers,
      sharedWithVenueAt: registrations.sharedWithVenueAt,
      locale: registrations.locale,
      createdAt: registrations.createdAt,
      cancelledAt: registrations.cancelledAt,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(mine(me))
    .orderBy(events.startsAt);
}

export function selectInvitationsForExport(db: Tx, me: Me) {
  return db
    .select({ title: events.title, startsAt: events.startsAt, invitedAt: invitations.createdAt })
    .from(invitations)
    .innerJoin(events, eq(events.id, invitations.eventId))
    .where(and(eq(invitations.networkId, me.networkId), eq(invitations.userId, me.userId)))
    .orderBy(invitations.createdAt);
}

export function selectInterestForExport(db: Tx, me: Me) {
  return db
    .select({
      chapter: chapters.name,
      name: chapterInterest.name,
      email: chapterInterest.email,
      createdAt: chapterInterest.createdAt,
    })
    .from(chapterInterest)
    .innerJoin(chapters, eq(chapters.id, chapterInterest.chapterId))
    .where(and(eq(chapterInterest.networkId, me.networkId), eq(chapterInterest.email, me.email)));
}

// ── Deletion ───────────────────────────────────────────────────────────────

/**
 * Keeps the row (status, check-in) so an event's counts stay right, and takes out everything
 * that says who it was. The address becomes unique per row so the one-live-per-address index holds.
 */
export function anonymiseRegistrations(db: Tx, me: Me, label: string) {
  return db
    .update(registrations)
    .set({
      name: label,
      email: sql`'deleted-' || ${registrations.id} || '@invalid'`,
      answers: {},
      userId: null,
      sharedWithVenueAt: null,
    })
    .where(mine(me))
    .returning({ id: registrations.id });
}

/**
 * Mails to that address, and mails about their registrations whatever the address they gave
 * (confirmations, reminders: `payload.registrationId`): unsent ones are dropped, and sent ones
 * go too, since they hold the address and text.
 */
export const deleteMailsTo = (db: Tx, networkId: string, email: string, registrationIds: string[]) =>
  db
    .delete(outboundMessages)
    .where(
      and(
        eq(outboundMessages.networkId, networkId),
        or(
          eq(outboundMessages.toEmail, email),
          registrationIds.length > 0
            ? inArray(sql`${outboundMessages.payload}->>'registrationId'`, registrationIds)
            : undefined,
        ),
      ),
    );

/**
 * Webhook payloads about their registrations (delivered or not) say what the anonymised rows say:
 * those whose `data.id` is one of the anonymised registrations, and any still carrying the address.
 */
export const scrubWebhookPayloads = (
  db: Tx,
  networkId: string,
  email: string,
  registrationIds: string[],
  label: string,
) =>
  db
    .update(webhookDeliveries)
    .set({
      payload: sql`jsonb_set(jsonb_set(${webhookDeliveries.payload}, '{data,email}', to_jsonb('deleted-' || (${webhookDeliveries.payload}->'data'->>'id') || '@invalid')), '{data,name}', to_jsonb(${label}::text))`,
    })
    .where(
      and(
        eq(webhookDeliveries.networkId, networkId),
        or(
          sql`${webhookDeliveries.payload}->'data'->>'email' = ${email}`,
          registrationIds.length > 0
            ? and(
                like(webhookDeliveries.event, 'registration.%'),
                inArray(sql`${webhookDeliveries.payload}->'data'->>'id'`, registrationIds),
              )
            : undefined,
        ),
      ),
    );

export const deleteInterestOf = (db: Tx, networkId: string, email: string) =>
  db.delete(chapterInterest).where(and(eq(chapterInterest.networkId, networkId), eq(chapterInterest.email, email)));

/** Entries this person wrote as an admin keep the act, not their address. */
export const scrubAuditActor = (db: Tx, networkId: string, userId: string, label: string) =>
  db
    .update(auditLog)
    .set({ actorEmail: label })
    .where(and(eq(auditLog.networkId, networkId), eq(auditLog.actorId, userId)));

/** Sessions, tokens, calendar addresses, links, profile and follows go with the account (ON DELETE CASCADE). */
export const deleteUserRow = (db: Tx, networkId: string, userId: string) =>
  db
    .delete(users)
    .where(and(eq(users.networkId, networkId), eq(users.id, userId)))
    .returning({ id: users.id });

/**
 * Other admins of the network, with every admin row locked (`FOR UPDATE`) until the transaction
 * ends: two admins deleting each other at once would otherwise each count the other and both go,
 * leaving nobody to run the network. The second waits for the first and then counts what is left.
 */
export async function countOtherAdmins(db: Tx, networkId: string, userId: string): Promise<number> {
  const admins = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.networkId, networkId), eq(users.role, 'admin')))
    .orderBy(users.id)
    .for('update');
  return admins.filter((a) => a.id !== userId).length;
}

// ── Admin list ─────────────────────────────────────────────────────────────

export function selectMembers(db: Tx, networkId: string, opts: { q?: string; limit: number; offset: number }) {
  const like = opts.q ? `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(
      and(eq(users.networkId, networkId), like ? or(ilike(users.email, like), ilike(users.name, like)) : undefined),
    )
    .orderBy(users.name, users.id)
    .limit(opts.limit)
    .offset(opts.offset);
}

export async function selectUser(db: Tx, networkId: string, userId: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.networkId, networkId), eq(users.id, userId)));
  return row;
}
