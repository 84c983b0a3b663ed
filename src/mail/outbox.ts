import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { recordset } from '../db/typed-row.js';
import { users } from '../accounts/tables.js';
import { memberProfiles } from '../profiles/tables.js';
import { registrations } from '../registrations/tables.js';
import { outboundMessages, PRIVATE_BODY } from './tables.js';

export type RegistrationMailKind =
  | 'registration.confirmed'
  | 'registration.waitlisted'
  | 'registration.promoted'
  | 'registration.reminder'
  | 'registration.cancelled'
  | 'registration.link'
  | 'event.changed'
  | 'event.cancelled';

export interface RegistrationMail {
  kind: RegistrationMailKind;
  networkId: string;
  registration: { id: string; email: string; name: string; locale: string };
  position?: number;
  /** A cancelled registration: whether it held a seat (and so an invitation to cancel), who cancelled. */
  hadSeat?: boolean;
  by?: 'attendee' | 'organizer';
  /** Not before this instant (reminders). */
  sendAt?: Date;
}

const REMINDER_BEFORE_MS = 24 * 3_600_000;

/**
 * Queues messages in the caller's transaction: they exist if and only if what caused them was
 * committed. Their text is written by the worker, in the recipient's language, when sent.
 */
export async function queueRegistrationMails(tx: Tx, mails: RegistrationMail[]): Promise<void> {
  if (mails.length === 0) return;
  await tx.execute(insertMails(mails));
}

/**
 * The same insert as a common table expression named `name`, for a caller that writes everything
 * in one statement (a registration batch: src/registrations/register.ts); undefined for no mail.
 */
export function registrationMailsCte(name: string, mails: RegistrationMail[]): SQL | undefined {
  if (mails.length === 0) return undefined;
  return sql`${sql.identifier(name)} AS (${insertMails(mails)})`;
}

/** The messages as one JSON parameter (`recordset`): a flash crowd queues thousands at once. */
function insertMails(mails: RegistrationMail[]): SQL {
  const { columns, json } = recordset(
    outboundMessages,
    mails.map((m) => ({
      networkId: m.networkId,
      kind: m.kind,
      toEmail: m.registration.email,
      toName: m.registration.name,
      locale: m.registration.locale,
      payload: {
        registrationId: m.registration.id,
        ...(m.position !== undefined ? { position: m.position } : {}),
        ...(m.hadSeat !== undefined ? { hadSeat: m.hadSeat ? 1 : 0 } : {}),
        ...(m.by ? { by: m.by } : {}),
        // A link asked for again and again while one waits is sent once.
        ...(m.kind === 'registration.link' ? { gather: `link:${m.registration.id}` } : {}),
      },
      // Null is the column's default, now (the transaction's start): what drizzle wrote as DEFAULT.
      nextAttemptAt: m.sendAt ?? null,
    })),
  );
  return sql`INSERT INTO ${outboundMessages} (${columns})
    SELECT network_id, kind, to_email, to_name, locale, payload, coalesce(next_attempt_at, now())
    FROM json_populate_recordset(NULL::${outboundMessages}, ${json}::json)
    ON CONFLICT DO NOTHING`;
}

/** A reminder 24 h before the event for each newly confirmed person (none if that is already past). */
export function remindersFor(
  event: { startsAt: Date },
  confirmed: RegistrationMail['registration'][],
  networkId: string,
  now = new Date(),
): RegistrationMail[] {
  const sendAt = new Date(event.startsAt.getTime() - REMINDER_BEFORE_MS);
  if (sendAt <= now) return [];
  return confirmed.map((registration) => ({ kind: 'registration.reminder', networkId, registration, sendAt }));
}

/** People who cancelled get no reminder. */
export async function dropReminders(tx: Tx, registrationIds: string[]): Promise<void> {
  if (registrationIds.length === 0) return;
  await tx
    .delete(outboundMessages)
    .where(
      and(
        eq(outboundMessages.kind, 'registration.reminder'),
        eq(outboundMessages.status, 'pending'),
        inArray(sql`${outboundMessages.payload}->>'registrationId'`, registrationIds),
      ),
    );
}

/** The event moved: its pending reminders move with it. */
export async function moveReminders(tx: Tx, eventId: string, startsAt: Date): Promise<void> {
  await tx.execute(sql`
    UPDATE ${outboundMessages} AS m SET next_attempt_at = ${new Date(startsAt.getTime() - REMINDER_BEFORE_MS)}
    FROM ${registrations} AS r
    WHERE m.kind = 'registration.reminder' AND m.status = 'pending'
      AND r.id::text = m.payload->>'registrationId' AND r.event_id = ${eventId}`);
}

/** A message whose text is known now (a sign-in link): queued already written. */
export async function queueWrittenMail(
  tx: Tx,
  m: {
    networkId: string;
    kind: string;
    toEmail: string;
    toName: string;
    locale: string;
    subject: string;
    textBody: string;
    htmlBody: string;
    headers: Record<string, string>;
    attachments?: { filename: string; contentType: string; content: string }[];
    /** A member's own words to another: the text is blanked once sent or cancelled (PRIVATE_BODY). */
    private?: boolean;
  },
): Promise<void> {
  const { private: isPrivate, ...values } = m;
  await tx.insert(outboundMessages).values({ ...values, payload: isPrivate ? { [PRIVATE_BODY]: 1 } : {} });
}

/** Many messages whose text is known now (a campaign of invitations): one INSERT per thousand, not one each. */
export async function queueWrittenMails(
  tx: Tx,
  ms: {
    networkId: string;
    kind: string;
    toEmail: string;
    toName: string;
    locale: string;
    subject: string;
    textBody: string;
    htmlBody: string;
    headers: Record<string, string>;
    payload?: Record<string, string>;
  }[],
): Promise<void> {
  for (let i = 0; i < ms.length; i += 1000) await tx.insert(outboundMessages).values(ms.slice(i, i + 1000));
}

/**
 * A webhook endpoint was disabled after failing again and again: every admin of the network is
 * told (kind `webhook.disabled`, in the admin's preferred language, French without a profile),
 * in the transaction that disabled it.
 */
export async function queueWebhookDisabledNotice(
  tx: Tx,
  networkId: string,
  endpoint: { id: string; url: string; failures: number; lastError: string },
): Promise<number> {
  const admins = await tx
    .select({
      email: users.email,
      name: users.name,
      locale: sql<string>`coalesce(${memberProfiles.locale}, ${users.locale}, 'fr')`,
    })
    .from(users)
    .leftJoin(memberProfiles, eq(memberProfiles.userId, users.id))
    .where(and(eq(users.networkId, networkId), eq(users.role, 'admin')));
  if (admins.length === 0) return 0;
  await tx.insert(outboundMessages).values(
    admins.map((a) => ({
      networkId,
      kind: 'webhook.disabled',
      toEmail: a.email,
      toName: a.name,
      locale: a.locale,
      payload: {
        endpointId: endpoint.id,
        url: endpoint.url,
        failures: endpoint.failures,
        lastError: endpoint.lastError.slice(0, 300),
      },
    })),
  );
  return admins.length;
}

/**
 * Mail of one kind about one member that has not gone yet (pending, or held without SMTP) is
 * dropped: e.g. invitations to a member who has just opted out must never reach them.
 */
export async function dropUnsentMail(tx: Tx, networkId: string, kind: string, userId: string): Promise<number> {
  const rows = await tx
    .delete(outboundMessages)
    .where(
      and(
        eq(outboundMessages.networkId, networkId),
        eq(outboundMessages.kind, kind),
        inArray(outboundMessages.status, ['pending', 'held']),
        sql`${outboundMessages.payload}->>'userId' = ${userId}`,
      ),
    )
    .returning({ id: outboundMessages.id });
  return rows.length;
}

/**
 * A written notice that gathers news while it waits (readers' reports for one author or
 * organiser): the waiting one is rewritten with one more line; without one, a notice is queued for
 * `sendAt`. One notice per `gather` key exists while pending (the unique index), so a burst of
 * reports makes one message. The worker locks a notice while it sends it; a report that comes
 * then waits for the lock, finds it sent, and starts the next notice.
 */
export async function gatherWrittenMail(
  tx: Tx,
  m: {
    networkId: string;
    kind: string;
    gather: string;
    toEmail: string;
    toName: string;
    locale: string;
    sendAt: Date;
    line: string;
    compose: (lines: string[]) => { subject: string; textBody: string };
  },
): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [waiting] = await tx
      .select()
      .from(outboundMessages)
      .where(
        and(
          eq(outboundMessages.kind, m.kind),
          eq(outboundMessages.status, 'pending'),
          sql`${outboundMessages.payload}->>'gather' = ${m.gather}`,
        ),
      )
      .for('update');
    if (waiting) {
      const lines = [...(JSON.parse(String(waiting.payload.lines ?? '[]')) as string[]), m.line];
      await tx
        .update(outboundMessages)
        .set({ ...m.compose(lines), payload: { ...waiting.payload, lines: JSON.stringify(lines) } })
        .where(eq(outboundMessages.id, waiting.id));
      return;
    }
    const lines = [m.line];
    const inserted = await tx
      .insert(outboundMessages)
      .values({
        networkId: m.networkId,
        kind: m.kind,
        toEmail: m.toEmail,
        toName: m.toName,
        locale: m.locale,
        ...m.compose(lines),
        htmlBody: '',
        payload: { gather: m.gather, lines: JSON.stringify(lines) },
        nextAttemptAt: m.sendAt,
      })
      .onConflictDoNothing()
      .returning({ id: outboundMessages.id });
    if (inserted.length) return;
    // Another report queued the notice between our look and our insert: add to it.
  }
}
