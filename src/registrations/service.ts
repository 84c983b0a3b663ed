import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/connection.js';
import type { EventRow } from '../events/queries.js';
import { findEvent } from '../events/service.js';
import { events } from '../events/tables.js';
import type { Network } from '../networks/service.js';
import { AppError, notFound } from '../web/errors.js';
import type { RegistrationInput } from './schemas.js';
import { queueOrganizerNotices } from '../mail/notices.js';
import {
  dropReminders,
  moveReminders,
  queueRegistrationMails,
  remindersFor,
  type RegistrationMail,
} from '../mail/outbox.js';
import { registrations } from './tables.js';
import { queueWebhooks, registrationData } from '../webhooks/outbox.js';

export type RegistrationRow = typeof registrations.$inferSelect;

/** At most this many new registrations per e-mail per minute, across the network. */
const PER_EMAIL_PER_MINUTE = 10;

export async function confirmedCount(db: Tx, eventId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed')));
  return row!.n;
}

/** 1-based places in an event's waitlist (rank by arrival among those still waiting), in one query. */
export async function waitlistPositions(
  db: Tx,
  eventId: string,
  regs: RegistrationRow[],
): Promise<Map<string, number>> {
  const waiting = regs.filter((r) => r.status === 'waitlisted');
  if (waiting.length === 0) return new Map();
  const ranked = db
    .select({
      id: registrations.id,
      position: sql<number>`(row_number() over (order by ${registrations.queueNo}))::int`.as('position'),
    })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'waitlisted')))
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    .where(
      inArray(
        ranked.id,
        waiting.map((r) => r.id),
      ),
    );
  return new Map(rows.map((r) => [r.id, r.position]));
}

export async function waitlistPosition(db: Tx, reg: RegistrationRow): Promise<number | undefined> {
  return (await waitlistPositions(db, reg.eventId, [reg])).get(reg.id);
}

/**
 * Gives free seats to the head of the waitlist, in arrival order. Runs inside the transaction
 * that freed the seats, with the event row locked, so two cancellations never promote the
 * same person nor leave a seat empty.
 */
export async function promoteFromWaitlist(tx: Tx, event: EventRow): Promise<RegistrationRow[]> {
  const free = event.capacity - (await confirmedCount(tx, event.id));
  if (free <= 0 || event.status === 'cancelled') return [];
  const heads = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, event.id), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.queueNo))
    .limit(free);
  if (heads.length === 0) return [];
  const promoted = await tx
    .update(registrations)
    .set({ status: 'confirmed', promotedAt: new Date() })
    .where(
      inArray(
        registrations.id,
        heads.map((h) => h.id),
      ),
    )
    .returning();
  await queueRegistrationMails(tx, [
    ...promoted.map((r) => ({ kind: 'registration.promoted' as const, networkId: r.networkId, registration: r })),
    ...remindersFor(event, promoted, event.networkId),
  ]);
  await queueWebhooks(
    tx,
    event.networkId,
    'registration.promoted',
    promoted.map((r) => registrationData(r)),
  );
  return promoted;
}

/** The event is cancelled: every live registration is cancelled and told, and loses its reminder. */
export async function cancelAllRegistrations(tx: Tx, eventId: string): Promise<number> {
  const rows = await tx
    .update(registrations)
    .set({ status: 'cancelled', cancelledAt: new Date(), cancelledBy: 'event' })
    .where(and(eq(registrations.eventId, eventId), ne(registrations.status, 'cancelled')))
    .returning();
  await dropReminders(
    tx,
    rows.map((r) => r.id),
  );
  await queueRegistrationMails(
    tx,
    rows.map((r) => ({ kind: 'event.cancelled' as const, networkId: r.networkId, registration: r })),
  );
  if (rows.length)
    await queueWebhooks(
      tx,
      rows[0]!.networkId,
      'registration.cancelled',
      rows.map((r) => registrationData(r)),
    );
  return rows.length;
}

/** The time or place changed: everyone still registered is told, and reminders follow the event. */
export async function tellEventChanged(tx: Tx, event: EventRow, timeChanged: boolean): Promise<void> {
  if (timeChanged) await moveReminders(tx, event.id, event.startsAt);
  if (event.status !== 'published') return;
  const live = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.eventId, event.id), ne(registrations.status, 'cancelled')));
  await queueRegistrationMails(
    tx,
    live.map((r) => ({ kind: 'event.changed' as const, networkId: r.networkId, registration: r })),
  );
}

function checkAnswers(event: EventRow, answers: Record<string, string>): Record<string, string> {
  const errors: { field: string; message: string }[] = [];
  const kept: Record<string, string> = {};
  for (const q of event.questions) {
    const a = (answers[q.id] ?? '').trim();
    if (!a) {
      if (q.required) errors.push({ field: `answers.${q.id}`, message: `is required (${q.label})` });
      continue;
    }
    if (q.type === 'choice' && !q.choices.includes(a))
      errors.push({ field: `answers.${q.id}`, message: `must be one of: ${q.choices.join(', ')} (${q.label})` });
    kept[q.id] = a;
  }
  for (const key of Object.keys(answers))
    if (!event.questions.some((q) => q.id === key))
      errors.push({ field: `answers.${key}`, message: 'is not a question of this event' });
  if (errors.length)
    throw new AppError(
      'validation',
      `Please check your answers — ${errors.map((e) => `${e.field.slice('answers.'.length)} ${e.message}`).join('; ')}.`,
      errors,
    );
  return kept;
}

function refuseClosed(event: EventRow, now: Date) {
  if (event.status === 'cancelled')
    throw new AppError('conflict', `This event is cancelled: ${event.cancelReason ?? 'no reason given'}.`);
  // A draft does not exist for the public, as GET /events/{id} says too.
  if (event.status === 'draft') throw notFound(`The event ${event.id}`);
  if (event.startsAt <= now) throw new AppError('conflict', 'This event has already started: registration is closed.');
  if (event.registrationOpensAt && event.registrationOpensAt > now)
    throw new AppError('conflict', `Registration opens at ${event.registrationOpensAt.toISOString()}.`);
  if (event.registrationClosesAt && event.registrationClosesAt <= now)
    throw new AppError('conflict', 'Registration for this event has closed.');
}

export interface RegisterOptions {
  userId?: string | null;
  /** Organisers add people by hand: the registration window and the guest rule do not apply. */
  byOrganizer?: boolean;
  /** The language of the person's e-mails. */
  locale?: string;
  /** False for people added without telling them (demo data, imports): no e-mail is queued. */
  notify?: boolean;
  now?: Date;
}

/**
 * Registers a person. Registrations for one event are taken in arrival order and written in
 * batches: one transaction locks the event row, decides confirmed or waitlisted for everyone
 * who arrived meanwhile, and commits them together. So concurrent registrations are counted
 * one after the other — never more confirmed than seats, the waitlist in arrival order — and
 * a flash crowd costs one commit per batch instead of one per person. The same e-mail again
 * gets its existing registration back.
 */
export function registerForEvent(
  db: Db,
  network: Network,
  eventId: string,
  input: RegistrationInput,
  opts: RegisterOptions = {},
): Promise<RegisterResult> {
  return new Promise((resolve, reject) => {
    let queue = queues.get(eventId);
    if (!queue) {
      queue = { jobs: [], running: false };
      queues.set(eventId, queue);
    }
    queue.jobs.push({ input, opts, resolve, reject });
    if (!queue.running) void drain(db, network, eventId, queue);
  });
}

type RegisterResult = { registration: RegistrationRow; created: boolean; position?: number; event: EventRow };
interface Job {
  input: RegistrationInput;
  opts: RegisterOptions;
  resolve: (r: RegisterResult) => void;
  reject: (e: unknown) => void;
}
const queues = new Map<string, { jobs: Job[]; running: boolean }>();
const BATCH = 500;

async function drain(db: Db, network: Network, eventId: string, queue: { jobs: Job[]; running: boolean }) {
  queue.running = true;
  try {
    while (queue.jobs.length) {
      const batch = queue.jobs.splice(0, BATCH);
      try {
        const outcomes = await db.transaction((tx) => registerBatch(tx, network, eventId, batch));
        outcomes.forEach((o, i) => {
          if ('error' in o) batch[i]!.reject(o.error);
          else batch[i]!.resolve(o.result);
        });
      } catch (err) {
        // Nothing of the batch was written: everyone in it gets the error.
        for (const job of batch) job.reject(err);
      }
    }
  } finally {
    queue.running = false;
    if (queue.jobs.length) void drain(db, network, eventId, queue);
    else queues.delete(eventId);
  }
}

async function registerBatch(
  tx: Tx,
  network: Network,
  eventId: string,
  batch: Job[],
): Promise<({ result: RegisterResult } | { error: unknown })[]> {
  const event = await findEvent(tx, network, eventId, true).catch((error: unknown) => ({ error }));
  if ('error' in event) return batch.map(() => ({ error: event.error }));
  const emails = [...new Set(batch.map((j) => j.input.email))];
  const now = new Date();
  // One after the other: a transaction is one connection, which runs one query at a time anyway.
  // network_id too: that is what lets the partial unique index answer.
  const existingRows = await tx
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.networkId, network.id),
        eq(registrations.eventId, event.id),
        inArray(registrations.email, emails),
        ne(registrations.status, 'cancelled'),
      ),
    );
  const counts = await tx
    .select({
      confirmed: sql<number>`count(*) filter (where ${registrations.status} = 'confirmed')::int`,
      waitlisted: sql<number>`count(*) filter (where ${registrations.status} = 'waitlisted')::int`,
    })
    .from(registrations)
    .where(eq(registrations.eventId, event.id));
  const recentRows = await tx
    .select({ email: registrations.email, n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.networkId, network.id),
        inArray(registrations.email, emails),
        gt(registrations.createdAt, new Date(now.getTime() - 60_000)),
      ),
    )
    .groupBy(registrations.email);
  const live = new Map(existingRows.map((r) => [r.email, r]));
  // Repeats (5 % of a flash crowd) get their place back: one ranking for the batch, under the lock.
  const livePositions = await waitlistPositions(tx, event.id, existingRows);
  const recent = new Map(recentRows.map((r) => [r.email, r.n]));
  let confirmed = counts[0]!.confirmed;
  let waitlisted = counts[0]!.waitlisted;
  let queueNo = event.nextQueueNo;
  const outcomes: (
    | { result: RegisterResult }
    | { error: unknown }
    | { pending: typeof registrations.$inferInsert; position?: number }
  )[] = [];
  const pendingByEmail = new Map<string, number>();

  const linkMails: RegistrationMail[] = [];
  for (const { input, opts } of batch) {
    const existing = live.get(input.email);
    if (existing) {
      // The answer does not say whether this address holds a seat: its owner gets their link by mail.
      if (opts.notify !== false && !opts.byOrganizer)
        linkMails.push({ kind: 'registration.link', networkId: network.id, registration: existing });
      outcomes.push({
        result: { registration: existing, created: false, position: livePositions.get(existing.id), event },
      });
      continue;
    }
    const earlier = pendingByEmail.get(input.email);
    if (earlier !== undefined) {
      // The same e-mail twice in one batch: the second gets the first (resolved once written).
      outcomes.push({
        pending: { ...(outcomes[earlier] as { pending: typeof registrations.$inferInsert }).pending },
        position: (outcomes[earlier] as { position?: number }).position,
      });
      continue;
    }
    try {
      if (!opts.byOrganizer) {
        refuseClosed(event, opts.now ?? now);
        if (!event.guestRegistration && !opts.userId)
          throw new AppError('conflict', 'This event is for members only: sign in to register.');
        if ((recent.get(input.email) ?? 0) >= PER_EMAIL_PER_MINUTE)
          throw new AppError(
            'rate_limited',
            'Too many registrations for this e-mail address in the last minute. Wait a minute and try again.',
          );
      } else if (event.status === 'cancelled') {
        throw new AppError('conflict', 'This event is cancelled.');
      }
      const answers = checkAnswers(event, input.answers);
      const seat = confirmed < event.capacity;
      if (!seat && !event.waitlist && !opts.byOrganizer)
        throw new AppError('conflict', 'This event is full and has no waitlist.');
      if (seat) confirmed++;
      else waitlisted++;
      recent.set(input.email, (recent.get(input.email) ?? 0) + 1);
      pendingByEmail.set(input.email, outcomes.length);
      outcomes.push({
        pending: {
          networkId: network.id,
          eventId: event.id,
          userId: opts.userId ?? null,
          name: input.name,
          email: input.email,
          status: seat ? 'confirmed' : 'waitlisted',
          queueNo: queueNo++,
          answers,
          locale: opts.locale ?? 'fr',
          secret: randomBytes(24).toString('base64url'),
          checkInCode: randomBytes(8).toString('hex').toUpperCase(),
          // The person's own consent, recorded with its time; without a venue there is nobody to share with.
          sharedWithVenueAt: input.shareWithVenue && event.venueId ? now : null,
        },
        position: seat ? undefined : waitlisted,
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ error });
    }
  }

  const toInsert = outcomes.flatMap((o, i) =>
    'pending' in o && pendingByEmail.get(o.pending.email) === i ? [o.pending] : [],
  );
  const inserted = toInsert.length ? await tx.insert(registrations).values(toInsert).returning() : [];
  if (toInsert.length) await tx.update(events).set({ nextQueueNo: queueNo }).where(eq(events.id, event.id));
  // One webhook query for the whole batch (and one insert when an endpoint listens).
  if (inserted.length) {
    await queueWebhooks(tx, network.id, 'registration.created', async () => {
      const positions = new Map(
        outcomes.flatMap((o) => ('pending' in o ? [[o.pending.secret, o.position] as const] : [])),
      );
      return inserted.map((r) => registrationData(r, positions.get(r.secret)));
    });
  }
  const bySecret = new Map(inserted.map((r) => [r.secret, r]));
  const notified = new Set(batch.filter((j) => j.opts.notify !== false).map((j) => j.input.email));
  if (inserted.some((r) => notified.has(r.email))) await queueOrganizerNotices(tx, network.id, event, now);
  await queueRegistrationMails(
    tx,
    outcomes.flatMap((o, i) => {
      if (!('pending' in o) || pendingByEmail.get(o.pending.email) !== i || !notified.has(o.pending.email)) return [];
      const r = bySecret.get(o.pending.secret)!;
      const mail = {
        kind: r.status === 'confirmed' ? ('registration.confirmed' as const) : ('registration.waitlisted' as const),
        networkId: network.id,
        registration: r,
        position: o.position,
      };
      return r.status === 'confirmed' ? [mail, ...remindersFor(event, [r], network.id, now)] : [mail];
    }),
  );
  await queueRegistrationMails(tx, linkMails);
  return outcomes.map((o, i) => {
    if (!('pending' in o)) return o;
    const registration = bySecret.get(o.pending.secret)!;
    return {
      result: { registration, created: pendingByEmail.get(o.pending.email) === i, position: o.position, event },
    };
  });
}

export async function findRegistration(db: Tx, network: Network, id: string, lock = false): Promise<RegistrationRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound(`The registration ${id}`);
  const q = db
    .select()
    .from(registrations)
    .where(and(eq(registrations.networkId, network.id), eq(registrations.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound(`The registration ${id}`);
  return row;
}

export async function findBySecret(db: Tx, network: Network, secret: string): Promise<RegistrationRow> {
  const [row] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.networkId, network.id), eq(registrations.secret, secret)));
  if (!row) throw notFound('This registration link');
  return row;
}

/** The attendee withdraws their consent to share their name and e-mail with the host venue. */
export async function withdrawVenueConsent(db: Tx, network: Network, secret: string): Promise<RegistrationRow> {
  const reg = await findBySecret(db, network, secret);
  if (!reg.sharedWithVenueAt) return reg;
  const [row] = await db
    .update(registrations)
    .set({ sharedWithVenueAt: null })
    .where(and(eq(registrations.networkId, network.id), eq(registrations.id, reg.id)))
    .returning();
  return row!;
}

/** Frees the seat and, in the same transaction, gives it to the head of the waitlist. */
export async function cancelRegistration(
  db: Db,
  network: Network,
  id: string,
  by: 'attendee' | 'organizer',
): Promise<{ registration: RegistrationRow; promoted: RegistrationRow[] }> {
  return db.transaction(async (tx) => {
    const current = await findRegistration(tx, network, id);
    // Lock order: event first, then registration — the same order as registerForEvent.
    const event = await findEvent(tx, network, current.eventId, true);
    const reg = await findRegistration(tx, network, id, true);
    if (reg.status === 'cancelled') return { registration: reg, promoted: [] };
    const [registration] = await tx
      .update(registrations)
      .set({ status: 'cancelled', cancelledAt: new Date(), cancelledBy: by })
      .where(eq(registrations.id, id))
      .returning();
    await dropReminders(tx, [id]);
    // Whoever cancels, the person hears it in their language; with a seat they had an invitation,
    // so the mail carries its METHOD:CANCEL (RFC 5546) and their calendar drops the event.
    await queueRegistrationMails(tx, [
      {
        kind: 'registration.cancelled',
        networkId: network.id,
        registration: registration!,
        hadSeat: reg.status === 'confirmed',
        by,
      },
    ]);
    await queueWebhooks(tx, network.id, 'registration.cancelled', registrationData(registration!));
    const promoted = reg.status === 'confirmed' ? await promoteFromWaitlist(tx, event) : [];
    return { registration: registration!, promoted };
  });
}

/**
 * An organiser moves a waitlisted person to confirmed, out of arrival order. When no seat is
 * free the capacity grows by one, so nobody confirmed loses their seat.
 */
export async function confirmByHand(db: Db, network: Network, id: string): Promise<RegistrationRow> {
  return db.transaction(async (tx) => {
    const current = await findRegistration(tx, network, id);
    const event = await findEvent(tx, network, current.eventId, true);
    const reg = await findRegistration(tx, network, id, true);
    if (reg.status !== 'waitlisted')
      throw new AppError('conflict', `This registration is ${reg.status}, not waitlisted.`);
    const confirmed = await confirmedCount(tx, event.id);
    if (confirmed >= event.capacity)
      await tx
        .update(events)
        .set({ capacity: confirmed + 1, sequence: event.sequence + 1, updatedAt: new Date() })
        .where(eq(events.id, event.id));
    const [row] = await tx
      .update(registrations)
      .set({ status: 'confirmed', promotedAt: new Date() })
      .where(eq(registrations.id, id))
      .returning();
    await queueRegistrationMails(tx, [
      { kind: 'registration.promoted', networkId: row!.networkId, registration: row! },
      ...remindersFor(event, [row!], event.networkId),
    ]);
    await queueWebhooks(tx, network.id, 'registration.promoted', registrationData(row!));
    return row!;
  });
}

/** Checks a ticket in at the door; a ticket of another event is refused, a second scan is harmless. */
export async function checkIn(
  db: Db,
  network: Network,
  eventId: string,
  code: string,
  now = new Date(),
): Promise<{ registration: RegistrationRow; already: boolean }> {
  const normalised = code.trim().toUpperCase();
  return db.transaction(async (tx) => {
    const event = await findEvent(tx, network, eventId);
    const [reg] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.eventId, event.id), eq(registrations.checkInCode, normalised)))
      .for('update');
    if (!reg) {
      const [elsewhere] = await tx
        .select({ title: events.title })
        .from(registrations)
        .innerJoin(events, eq(events.id, registrations.eventId))
        .where(and(eq(registrations.networkId, network.id), eq(registrations.checkInCode, normalised)));
      if (elsewhere)
        throw new AppError('conflict', `This ticket is for another event: "${elsewhere.title}".`, [
          { field: 'code', message: 'belongs to another event' },
        ]);
      throw new AppError('not_found', 'No ticket of this event has this code.', [
        { field: 'code', message: 'is unknown' },
      ]);
    }
    if (reg.status !== 'confirmed')
      throw new AppError('conflict', `${reg.name}'s registration is ${reg.status}: they have no seat.`);
    if (reg.checkedInAt) return { registration: reg, already: true };
    const [row] = await tx
      .update(registrations)
      .set({ checkedInAt: now })
      .where(eq(registrations.id, reg.id))
      .returning();
    return { registration: row!, already: false };
  });
}

export function listRegistrations(
  db: Tx,
  eventId: string,
  f: { status?: RegistrationRow['status']; afterQueueNo?: number; limit: number; search?: string },
) {
  return db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        f.status ? eq(registrations.status, f.status) : undefined,
        f.afterQueueNo ? gt(registrations.queueNo, f.afterQueueNo) : undefined,
        f.search
          ? sql`(${registrations.name} ILIKE ${`%${f.search}%`} OR ${registrations.email} ILIKE ${`%${f.search}%`})`
          : undefined,
      ),
    )
    .orderBy(asc(registrations.queueNo))
    .limit(f.limit);
}

/** A person's registrations across events (by e-mail), newest first, for attendance and no-shows. */
export function attendanceOf(db: Tx, network: Network, email: string, chapterIds: string[] | 'all') {
  return db
    .select({
      registration: registrations,
      event: {
        id: events.id,
        title: events.title,
        startsAt: events.startsAt,
        endsAt: events.endsAt,
        chapterId: events.chapterId,
        status: events.status,
      },
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      and(
        eq(registrations.networkId, network.id),
        eq(registrations.email, email.toLowerCase()),
        chapterIds === 'all' ? undefined : chapterIds.length ? inArray(events.chapterId, chapterIds) : sql`false`,
      ),
    )
    .orderBy(sql`${events.startsAt} DESC`)
    .limit(500);
}

/** The signed-in member's live registration for an event (by account, or by their e-mail). */
export async function findOwnRegistration(
  db: Tx,
  network: Network,
  eventId: string,
  user: { id: string; email: string },
): Promise<RegistrationRow | undefined> {
  const [row] = await db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.networkId, network.id),
        eq(registrations.eventId, eventId),
        ne(registrations.status, 'cancelled'),
        sql`(${registrations.userId} = ${user.id} OR ${registrations.email} = ${user.email})`,
      ),
    );
  return row;
}
