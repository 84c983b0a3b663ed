import type { Db } from '../db/connection.js';
import { findEvent } from '../events/service.js';
import type { Network } from '../networks/service.js';
import { decideAndWrite, type Job, type Reading, readBatch, type RegisterResult, withWritten } from './batch.js';
import * as q from './batch-queries.js';
import { waitlistPosition } from './positions.js';
import type { RegistrationInput } from './schemas.js';

import type { RegisterOptions } from './batch.js';

export type { RegisterOptions };

/**
 * Registers a person. Registrations for one event are taken in arrival order and written in
 * batches: everyone who arrived meanwhile is decided confirmed or waitlisted on one reading of the
 * event, and written together in one statement that checks the event is still as read. So
 * concurrent registrations are counted one after the other — never more confirmed than seats, the
 * waitlist in arrival order — and a flash crowd costs two round trips per batch instead of one
 * transaction per person. The same e-mail again gets its existing registration back.
 */
export async function registerForEvent(
  db: Db,
  network: Network,
  eventId: string,
  input: RegistrationInput,
  opts: RegisterOptions = {},
): Promise<RegisterResult> {
  const result = await queued(db, network, eventId, input, opts);
  // A repeat's waitlist place is read only for those told it (its signed-in owner, an organiser):
  // a guest repeating an address is not, and a crowd's repeats would each count the waitlist.
  if (!result.created && result.registration.status === 'waitlisted' && (opts.userId || opts.byOrganizer))
    return { ...result, position: await waitlistPosition(db, result.registration) };
  return result;
}

function queued(
  db: Db,
  network: Network,
  eventId: string,
  input: RegistrationInput,
  opts: RegisterOptions,
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

/**
 * Writes the queue's batches one after the other, reading each batch while the one before it is
 * written: a crowd pays about one round trip per batch, not two. The reading taken ahead leaves out
 * the rows being written and is completed with them once their write has returned (`withWritten`);
 * after a refused write, or with no batch waiting as the write went out, the next batch is read
 * after it, as before.
 */
async function drain(db: Db, network: Network, eventId: string, queue: { jobs: Job[]; running: boolean }) {
  queue.running = true;
  try {
    let batch = queue.jobs.splice(0, BATCH);
    let reading = readBatch(db, network, eventId, batch);
    while (batch.length) {
      let next: Job[] = [];
      let ahead: Promise<Reading | undefined> | undefined;
      const readAhead = (writing: string[]) => {
        next = queue.jobs.splice(0, BATCH);
        if (!next.length) return;
        ahead = readBatch(db, network, eventId, next, { exclude: writing, count: false });
        // Awaited below, or dropped after a refused write: never an unhandled rejection.
        ahead.catch(() => undefined);
      };
      let written: Awaited<ReturnType<typeof registerBatch>>['written'];
      try {
        const done = await registerBatch(db, network, eventId, batch, reading, readAhead);
        written = done.written;
        done.outcomes.forEach((o, i) => {
          if ('error' in o) batch[i]!.reject(o.error);
          else batch[i]!.resolve(o.result);
        });
      } catch (err) {
        // Nothing of the batch was written: everyone in it gets the error.
        for (const job of batch) job.reject(err);
      }
      lastBatchAt = Date.now();
      if (!next.length) next = queue.jobs.splice(0, BATCH);
      batch = next;
      const completed = written;
      if (!batch.length) break;
      reading =
        ahead && completed
          ? ahead.then((r) => r && withWritten(r, completed))
          : readBatch(db, network, eventId, batch, { known: completed });
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
 * cannot make it retry for ever. Only a write that was not refused leaves `written` for a reading
 * taken ahead.
 */
async function registerBatch(
  db: Db,
  network: Network,
  eventId: string,
  batch: Job[],
  reading: Promise<Reading | undefined>,
  onWrite: (ids: string[]) => void,
): ReturnType<typeof decideAndWrite> {
  try {
    return await decideAndWrite(db, network, eventId, batch, reading, onWrite);
  } catch (err) {
    if (!q.isStaleBatch(err)) throw err;
  }
  const { outcomes } = await db.transaction(async (tx) => {
    await findEvent(tx, network, eventId, true);
    return decideAndWrite(tx, network, eventId, batch, readBatch(tx, network, eventId, batch));
  });
  return { outcomes };
}
