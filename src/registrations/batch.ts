import { randomBytes, randomUUID } from 'node:crypto';
import type { Tx } from '../db/connection.js';
import type { EventRow } from '../events/service.js';
import { organizerNoticesCte } from '../mail/service.js';
import { registrationMailsCte, remindersFor, type RegistrationMail } from '../mail/outbox.js';
import type { Network } from '../networks/service.js';
import { msg } from '../web/i18n.js';
import { AppError, notFound } from '../web/errors.js';
import { isUuid } from '../web/schemas.js';
import { registrationData, webhookDeliveriesCtes } from '../webhooks/outbox.js';
import * as q from './batch-queries.js';
import type { RegistrationRow } from './queries.js';
import { checkAnswers, refuseClosed } from './rules.js';
import type { RegistrationInput } from './schemas.js';

// One batch of registrations for one event: read, decided, written (src/registrations/register.ts
// queues them and reads the next batch while this one is written).

/** At most this many new registrations per e-mail per minute, across the network. */
const PER_EMAIL_PER_MINUTE = 10;

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

export type RegisterResult = { registration: RegistrationRow; created: boolean; position?: number; event: EventRow };
export interface Job {
  input: RegistrationInput;
  opts: RegisterOptions;
  resolve: (r: RegisterResult) => void;
  reject: (e: unknown) => void;
}
export type Outcome = { result: RegisterResult } | { error: unknown };
export type Reading = NonNullable<Awaited<ReturnType<typeof q.selectBatch>>>;
/** What a written batch leaves for the next one's reading taken meanwhile (`withWritten`). */
export interface Written {
  event: EventRow;
  version: string;
  counts: { confirmed: number; waitlisted: number };
  rows: RegistrationRow[];
}

/**
 * Decides a batch on its reading (the event, its counts, the batch's addresses) and writes it in
 * one statement. `onWrite` is called as the write is sent, with the ids it writes: the queue reads
 * the next batch meanwhile. `written` is what that next batch's reading is completed with.
 */
export async function decideAndWrite(
  tx: Tx,
  network: Network,
  eventId: string,
  batch: Job[],
  reading: Promise<Reading | undefined>,
  onWrite?: (ids: string[]) => void,
): Promise<{ outcomes: Outcome[]; written?: Written }> {
  const now = new Date();
  const state = await reading;
  if (!state) {
    const error = notFound(msg('event.problem.theEvent', { id: eventId }));
    return { outcomes: batch.map(() => ({ error })) };
  }
  const { event } = state;
  const live = new Map(state.existing.map((r) => [r.email, r]));
  const recent = new Map(state.recent.map((r) => [r.email, r.n]));
  if (!state.counts) throw new Error('a registration batch was read without its counts');
  let confirmed = state.counts.confirmed;
  let waitlisted = state.counts.waitlisted;
  let queueNo = event.nextQueueNo;
  const outcomes: (Outcome | { pending: RegistrationRow; position?: number })[] = [];
  const pendingByEmail = new Map<string, number>();

  const linkMails: RegistrationMail[] = [];
  // Each new registration's secret (24 bytes) and check-in code (8), drawn for the batch at once:
  // one call into the random generator per person was a twentieth of a flash crowd's server time.
  const entropy = randomBytes(32 * batch.length);
  let drawn = 0;
  for (const { input, opts } of batch) {
    const existing = live.get(input.email);
    if (existing) {
      // The answer does not say whether this address holds a seat: its owner gets their link by mail.
      if (opts.notify !== false && !opts.byOrganizer)
        linkMails.push({ kind: 'registration.link', networkId: network.id, registration: existing });
      // Its waitlist place is not read here: the guest's answer does not say it (`registerForEvent` reads it for those it tells).
      outcomes.push({ result: { registration: existing, created: false, event } });
      continue;
    }
    const earlier = pendingByEmail.get(input.email);
    if (earlier !== undefined) {
      // The same e-mail twice in one batch: the second gets the first (resolved once written).
      const first = outcomes[earlier] as { pending: RegistrationRow; position?: number };
      outcomes.push({ pending: first.pending, position: first.position });
      continue;
    }
    try {
      if (!opts.byOrganizer) {
        refuseClosed(event, opts.now ?? now);
        if (!event.guestRegistration && !opts.userId)
          throw new AppError('conflict', msg('registration.problem.membersOnly'));
        if ((recent.get(input.email) ?? 0) >= PER_EMAIL_PER_MINUTE)
          throw new AppError('rate_limited', msg('registration.problem.tooMany'));
      } else if (event.status === 'cancelled') {
        throw new AppError('conflict', msg('registration.problem.cancelled'));
      }
      const answers = checkAnswers(event, input.answers);
      const seat = confirmed < event.capacity;
      if (!seat && !event.waitlist && !opts.byOrganizer)
        throw new AppError('conflict', msg('registration.problem.full'));
      if (seat) confirmed++;
      else waitlisted++;
      recent.set(input.email, (recent.get(input.email) ?? 0) + 1);
      pendingByEmail.set(input.email, outcomes.length);
      const at = 32 * drawn++;
      outcomes.push({
        pending: {
          // Drawn here, not by the database: the webhooks and mails written in the same statement name it.
          id: randomUUID(),
          networkId: network.id,
          eventId: event.id,
          userId: opts.userId ?? null,
          name: input.name,
          email: input.email,
          status: seat ? 'confirmed' : 'waitlisted',
          queueNo: queueNo++,
          answers,
          locale: opts.locale ?? 'fr',
          secret: entropy.toString('base64url', at, at + 24),
          checkInCode: entropy.toString('hex', at + 24, at + 32).toUpperCase(),
          // The person's own consent, recorded with its time; without a venue there is nobody to share with.
          sharedWithVenueAt: input.shareWithVenue && event.venueId ? now : null,
          // The whole row is known here: the write need not send the rows back (a crowd's 7,000).
          checkedInAt: null,
          promotedAt: null,
          cancelledAt: null,
          cancelledBy: null,
          createdAt: now,
        },
        position: seat ? undefined : waitlisted,
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ error });
    }
  }

  // The first of each address is written; a repeat inside the batch points at the same row.
  const firsts = outcomes.flatMap((o, i) =>
    'pending' in o && pendingByEmail.get(o.pending.email) === i ? [{ row: o.pending, position: o.position }] : [],
  );
  const notified = new Set(batch.filter((j) => j.opts.notify !== false).map((j) => j.input.email));
  const told = firsts.filter((f) => notified.has(f.row.email));
  // Every mail of the batch in one insert: confirmations, waitlist places, reminders, links again.
  const mails: RegistrationMail[] = [
    ...told.flatMap(({ row, position }) => {
      const mail = {
        kind: row.status === 'confirmed' ? ('registration.confirmed' as const) : ('registration.waitlisted' as const),
        networkId: network.id,
        registration: { id: row.id, email: row.email, name: row.name, locale: row.locale ?? 'fr' },
        position,
      };
      return row.status === 'confirmed' ? [mail, ...remindersFor(event, [mail.registration], network.id, now)] : [mail];
    }),
    ...linkMails,
  ];
  const also = [
    firsts.length
      ? webhookDeliveriesCtes(
          'hooks',
          network.id,
          'registration.created',
          firsts.map(({ row, position }) => registrationData(row, position)),
        )
      : undefined,
    told.length ? organizerNoticesCte('notices', network.id, event, now) : undefined,
    registrationMailsCte('mails', mails),
  ].filter((x) => x !== undefined);
  const writing = q.writeBatch(tx, {
    eventId: event.id,
    version: state.version,
    rows: firsts.map((f) => f.row),
    nextQueueNo: queueNo,
    also,
  });
  onWrite?.(firsts.map((f) => f.row.id));
  const { version } = await writing;
  const outcomesOut = outcomes.map((o, i) => {
    if (!('pending' in o)) return o;
    const registration = o.pending;
    return {
      result: { registration, created: pendingByEmail.get(o.pending.email) === i, position: o.position, event },
    };
  });
  return {
    outcomes: outcomesOut,
    written: {
      event: { ...event, nextQueueNo: queueNo },
      version: version ?? state.version,
      counts: { confirmed, waitlisted },
      rows: firsts.map((f) => f.row),
    },
  };
}

/**
 * The batch's reading: one statement (`selectBatch`), or undefined when there is no such event.
 * `known`: the event's version and counts as this process last wrote them; the counts are not read
 * again while the event is still at that version. `count: false` leaves them out (a reading taken
 * ahead, completed by `withWritten`).
 */
export async function readBatch(
  tx: Tx,
  network: Network,
  eventId: string,
  batch: Job[],
  opts: { exclude?: string[]; known?: Pick<Written, 'version' | 'counts'>; count?: false } = {},
): Promise<Reading | undefined> {
  if (!isUuid(eventId)) return undefined;
  const reading = await q.selectBatch(tx, {
    networkId: network.id,
    eventId,
    emails: [...new Set(batch.map((j) => j.input.email))],
    since: new Date(Date.now() - 60_000),
    exclude: opts.exclude ?? [],
    count: opts.count ?? opts.known?.version ?? true,
  });
  if (reading && !reading.counts && opts.known) reading.counts = opts.known.counts;
  return reading;
}

/**
 * A reading taken while the previous batch was being written, which left that batch's rows out
 * (`exclude`: whether they were committed yet or not), completed with what that batch wrote: its
 * rows (repeats of its addresses, the per-address count), the event's counts and
 * arrival counter after it, and the event row's version after its write. Anything else that
 * changed the event meanwhile changed that version, and the write refuses itself.
 */
export function withWritten(reading: Reading, written: Written): Reading {
  const recent = new Map(reading.recent.map((r) => [r.email, r.n]));
  for (const row of written.rows) recent.set(row.email, (recent.get(row.email) ?? 0) + 1);
  return {
    event: written.event,
    version: written.version,
    counts: written.counts,
    existing: [...reading.existing, ...written.rows],
    recent: [...recent].map(([email, n]) => ({ email, n })),
  };
}
