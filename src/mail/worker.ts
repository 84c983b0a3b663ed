import { and, asc, eq, gt, lte, or, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { renderMessage } from './render.js';
import { outboundMessages, PRIVATE_BODY, purgedText } from './tables.js';

/** Retry after 15 s, 30 s, 1 min … up to an hour between attempts, for as long as it takes. */
export const backoffMs = (attempts: number) => Math.min(3_600_000, 15_000 * 2 ** Math.max(0, attempts - 1));

export function createTransport(config: Pick<Config, 'smtpUrl'>): Transporter | undefined {
  if (!config.smtpUrl) return undefined;
  // STARTTLS is used whenever the server offers it (nodemailer's default for smtp://).
  const url = new URL(config.smtpUrl);
  // A pooled connection: the worker sends one message after another, without a new handshake each.
  return nodemailer.createTransport({
    pool: true,
    maxConnections: 1,
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
}

/**
 * Sends the messages that are due, one transaction each: the row is locked while it is sent
 * (another worker skips it) and marked sent in the same transaction, so each message goes out
 * once. A failure leaves it pending with the error and the time of the next attempt.
 */
export async function deliverDue(
  db: Db,
  config: Pick<Config, 'baseUrl' | 'mailFrom'>,
  transport: Transporter | undefined,
  now = new Date(),
  limit = 50,
  /** Asked before each message: false ends the round early (the server stops, a crowd registers). */
  goOn: () => boolean = () => true,
): Promise<{ sent: number; failed: number; held: number }> {
  const result = { sent: 0, failed: 0, held: 0 };
  for (let i = 0; i < limit && goOn(); i++) {
    const outcome = await db.transaction(async (tx) => {
      const [message] = await tx
        .select()
        .from(outboundMessages)
        // `now` has milliseconds, PostgreSQL's now() microseconds: a message queued in the same
        // millisecond as `now` (12:00:00.123456 against 12:00:00.123) is due too.
        .where(
          and(eq(outboundMessages.status, 'pending'), lte(outboundMessages.nextAttemptAt, new Date(now.getTime() + 1))),
        )
        .orderBy(asc(outboundMessages.createdAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!message) return 'none' as const;
      const rendered = message.subject
        ? {
            subject: message.subject,
            textBody: message.textBody!,
            htmlBody: message.htmlBody!,
            headers: message.headers,
            attachments: message.attachments,
          }
        : await renderMessage(db, message, config.baseUrl, config.mailFrom);
      if (!rendered) {
        await tx.delete(outboundMessages).where(eq(outboundMessages.id, message.id));
        return 'dropped' as const;
      }
      if (!transport) {
        await tx
          .update(outboundMessages)
          .set({ ...rendered, status: 'held' })
          .where(eq(outboundMessages.id, message.id));
        return 'held' as const;
      }
      try {
        await transport.sendMail({
          from: config.mailFrom,
          to: message.toName ? { name: message.toName, address: message.toEmail } : message.toEmail,
          subject: rendered.subject,
          text: rendered.textBody,
          html: rendered.htmlBody,
          headers: rendered.headers,
          messageId: `<${message.id}@essaim>`,
          // An invitation (text/calendar; method=…) is one more alternative to the text and HTML,
          // inside multipart/alternative, where Outlook looks for a meeting request to answer.
          alternatives: (rendered.attachments ?? [])
            .filter((a) => a.contentType.startsWith('text/calendar'))
            .map((a) => ({ contentType: a.contentType, content: a.content })),
          attachments: (rendered.attachments ?? [])
            .filter((a) => !a.contentType.startsWith('text/calendar'))
            .map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        });
        await tx
          .update(outboundMessages)
          .set({
            ...(PRIVATE_BODY in message.payload ? purgedText : rendered),
            status: 'sent',
            sentAt: new Date(),
            attempts: message.attempts + 1,
            lastError: null,
          })
          .where(eq(outboundMessages.id, message.id));
        return 'sent' as const;
      } catch (err) {
        const attempts = message.attempts + 1;
        await tx
          .update(outboundMessages)
          .set({
            ...rendered,
            attempts,
            lastError: (err as Error).message.slice(0, 500),
            nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
          })
          .where(eq(outboundMessages.id, message.id));
        return 'failed' as const;
      }
    });
    if (outcome === 'none') break;
    if (outcome === 'dropped') continue;
    result[outcome]++;
    // After a failure the server is likely down: leave the rest for the next round.
    if (outcome === 'failed') break;
  }
  return result;
}

/**
 * At start with a mail server: held messages go out, and waiting ones are tried now rather than
 * after their backoff (a restart is often the fix for what made them fail).
 */
export async function releaseHeld(db: Db): Promise<number> {
  const rows = await db
    .update(outboundMessages)
    .set({ status: 'pending', nextAttemptAt: sql`now()` })
    // Only what failed before: a reminder waiting for its day keeps its time.
    .where(
      or(
        eq(outboundMessages.status, 'held'),
        and(eq(outboundMessages.status, 'pending'), gt(outboundMessages.attempts, 0)),
      ),
    )
    .returning({ id: outboundMessages.id });
  return rows.length;
}

/** How long the worker gives way to a burst of registrations at most, before it sends regardless. */
export const MAX_DEFER_MS = 30_000;

/**
 * Polls the outbox every second while the server runs. While `busy()` says a burst of
 * registrations is being written (a flash crowd), the worker waits: its one-transaction-per-message
 * rounds would take the same core and the same PostgreSQL as the crowd. The messages stay pending
 * in the outbox (nothing is lost) and go out once the burst is over — or after MAX_DEFER_MS of a
 * burst that does not end (`maxDeferMs`), so a steady stream of registrations cannot hold the mail back for ever.
 */
export function startMailWorker(
  db: Db,
  config: Config,
  log: { info: (o: object, m: string) => void; error: (o: object, m: string) => void },
  { busy = () => false, maxDeferMs = MAX_DEFER_MS }: { busy?: () => boolean; maxDeferMs?: number } = {},
) {
  const transport = createTransport(config);
  let running = false;
  let stopped = false;
  let deferredSince: number | undefined;
  const givingWay = () => {
    if (!busy()) {
      deferredSince = undefined;
      return false;
    }
    deferredSince ??= Date.now();
    return Date.now() - deferredSince < maxDeferMs;
  };
  const goOn = () => !stopped && !givingWay();
  const tick = async () => {
    if (running || !goOn()) return;
    running = true;
    try {
      // Rounds of up to 50 while there is work; a failure ends the tick (the server is likely down).
      for (;;) {
        const r = await deliverDue(db, config, transport, new Date(), 50, goOn);
        if (r.sent || r.failed || r.held) log.info(r, 'outbox');
        if (r.failed || r.sent + r.held < 50 || !goOn()) break;
      }
    } catch (err) {
      log.error({ err }, 'outbox round failed');
    } finally {
      running = false;
    }
  };
  const ready = transport ? releaseHeld(db) : Promise.resolve(0);
  const timer = setInterval(() => void tick(), 1000);
  timer.unref();
  return {
    ready,
    /** Runs a round now (tests; the timer does it every second). */
    tick,
    async stop() {
      // The message being sent is finished; the rest wait in the outbox for the next start.
      stopped = true;
      clearInterval(timer);
      while (running) await new Promise((r) => setTimeout(r, 20));
      transport?.close();
    },
  };
}
