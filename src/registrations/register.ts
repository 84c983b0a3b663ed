import { randomBytes, randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/connection.js';
import { type EventRow, findEvent } from '../events/service.js';
import { checkAnswers, refuseClosed } from './rules.js';
import { organizerNoticesCte } from '../mail/service.js';
import { registrationMailsCte, remindersFor, type RegistrationMail } from '../mail/outbox.js';
import type { Network } from '../networks/service.js';
import { msg } from '../web/i18n.js';
import { AppError, notFound } from '../web/errors.js';
import { isUuid } from '../web/schemas.js';
import { registrationData, webhookDeliveriesCtes } from '../webhooks/outbox.js';
import * as q from './queries.js';
import type { RegistrationInsert, RegistrationRow } from './queries.js';
import type { RegistrationInput } from './schemas.js';

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

/**
 * Registers a person. Registrations for one event are taken in arrival order and written in
 * batches: everyone who arrived meanwhile is decided confirmed or waitlisted on one reading of the
 * event, and written together in one statement that checks the event is still as read. So
 * concurrent registrations are counted one after the other — never more confirmed than seats, the
 * waitlist in arrival order — and a flash crowd costs two round trips per batch instead of one
 * transaction per person. The same e-mail again gets its existing registration back.
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
type Outcome = { result: RegisterResult } | { error: unknown };
const queues = new Map<string, { jobs: Job[]; running: boolean }>();
const BATCH = 500;
/** When the last batch of this process was written (see `registrationBurst`). */
let lastBatchAt = 0;
/** The pause between two batches of a crowd (the next requests arriving) is not the end of it. */
const BURST_GAP_MS = 250;

/**
 * Whether registrations are being written right now, or were a moment ago: the mail worker gives
 * way to a flash crowd (src/mail/worker.ts), whose confirmations then go out once it is over.
 */
export const registrationBurst = (): boolean => queues.size > 0 || Date.now() - lastBatchAt < BURST_GAP_MS;

async function drain(db: Db, network: Network, eventId: string, queue: { jobs: Job[]; running: boolean }) {
  queue.running = true;
  try {
    while (queue.jobs.length) {
      const batch = queue.jobs.splice(0, BATCH);
      try {
        const outcomes = await registerBatch(db, network, eventId, batch);
        outcomes.forEach((o, i) => {
          if ('error' in o) batch[i]!.reject(o.error);
          else batch[i]!.resolve(o.result);
        });
      } catch (err) {
        // Nothing of the batch was written: everyone in it gets the error.
        for (const job of batch) job.reject(err);
      }
      lastBatchAt = Date.now();
    }
  } finally {
    queue.running = false;
    if (queue.jobs.length) void drain(db, network, eventId, queue);
    else queues.delete(eventId);
  }
}

/**
 * A batch in two statements, read then write (this process's batches of one event come one after
 * the other from its queue). When the event changed in between — another process's batch, a
 * cancellation, an edit — the write is refused whole, and the batch is decided again under the
 * event's lock, in a transaction, as every other change of registrations is: so a busy rival
 * cannot make it retry for ever.
 */
async function registerBatch(db: Db, network: Network, eventId: string, batch: Job[]): Promise<Outcome[]> {
  try {
    return await decideAndWrite(db, network, eventId, batch);
  } catch (err) {
    if (!q.isStaleBatch(err)) throw err;
  }
  return db.transaction(async (tx) => {
    await findEvent(tx, network, eventId, true);
    return decideAndWrite(tx, network, eventId, batch);
  });
}

async function decideAndWrite(tx: Tx, network: Network, eventId: string, batch: Job[]): Promise<Outcome[]> {
  const emails = [...new Set(batch.map((j) => j.input.email))];
  const now = new Date();
  const state = isUuid(eventId)
    ? await q.selectBatch(tx, network.id, eventId, emails, new Date(now.getTime() - 60_000))
    : undefined;
  if (!state) {
    const error = notFound(msg('event.problem.theEvent', { id: eventId }));
    return batch.map(() => ({ error }));
  }
  const { event } = state;
  const live = new Map(state.existing.map((r) => [r.email, r]));
  // Repeats (5 % of a flash crowd) get their place back, ranked in the same reading.
  const livePositions = state.positions;
  const recent = new Map(state.recent.map((r) => [r.email, r.n]));
  let confirmed = state.counts.confirmed;
  let waitlisted = state.counts.waitlisted;
  let queueNo = event.nextQueueNo;
  const outcomes: (Outcome | { pending: RegistrationInsert & { id: string }; position?: number })[] = [];
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
      const first = outcomes[earlier] as { pending: RegistrationInsert & { id: string }; position?: number };
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
  const inserted = await q.writeBatch(tx, {
    eventId: event.id,
    version: state.version,
    rows: firsts.map((f) => f.row),
    nextQueueNo: queueNo,
    also,
  });
  const byId = new Map(inserted.map((r) => [r.id, r]));
  return outcomes.map((o, i) => {
    if (!('pending' in o)) return o;
    const registration = byId.get(o.pending.id)!;
    return {
      result: { registration, created: pendingByEmail.get(o.pending.email) === i, position: o.position, event },
    };
  });
}
