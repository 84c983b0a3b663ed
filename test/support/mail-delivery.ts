import type { ParsedMail } from 'mailparser';
import { createTransport, deliverDue } from '../../src/mail/worker.js';
import type { TestApp } from './app.js';
import type { TestSmtp } from './smtp.js';

/**
 * Sends what the test app's outbox holds (due within the next minute) over the real SMTP server, and
 * waits for `count` new messages: the messages as received.
 */
export async function deliverOutbox(t: TestApp, smtp: TestSmtp, count: number): Promise<ParsedMail[]> {
  const before = smtp.received.length;
  const config = { ...t.config, smtpUrl: smtp.url, mailFrom: 'Test <noreply@example.org>' };
  await deliverDue(t.database.db, config, createTransport(config), new Date(Date.now() + 61_000));
  return (await smtp.waitFor(before + count)).slice(before);
}

/** The path of the single-use password link in a mail's text. */
export const resetLinkIn = (text: string | undefined) =>
  /https?:\/\/[^\s]+(\/login\/reset\/[A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1];
