import type { User } from '../accounts/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { PersonalData } from '../db/gdpr.js';
import { memberProfile } from '../directory/service.js';
import { composeMail, queueWrittenMail } from '../mail/service.js';
import type { Network } from '../networks/service.js';
import { mailLocale } from '../profiles/service.js';
import { AppError } from '../web/errors.js';
import { msg, translator } from '../web/i18n.js';
import { authorize, type Actor } from '../web/policy.js';
import { isUuid } from '../web/schemas.js';
import { CONTACT_LIMITS, contactRefusal, REPLY_DAYS } from './policy.js';
import * as q from './queries.js';
import type { ContactMessage } from './schemas.js';

const DAY = 86_400_000;

export interface ContactTarget {
  id: string;
  name: string;
  email: string;
}

const hidden = () => new AppError('not_found', msg('directory.problem.hidden'));

/**
 * The member `recipientId` if `sender` may write to them (contactRefusal), else the refusal: 401
 * for visitors, 404 for a member they cannot see (or who no longer exists), 403 otherwise.
 */
export async function contactTarget(
  db: Tx,
  network: Network,
  sender: Actor,
  recipientId: string,
  now = new Date(),
): Promise<ContactTarget> {
  authorize(sender, true, 'write to a member');
  let visible = true;
  let contactable = false;
  try {
    contactable = (await memberProfile(db, network, sender, recipientId)).contactable;
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'not_found') throw err;
    visible = false;
  }
  const recipient = isUuid(recipientId) ? await q.selectMember(db, network.id, recipientId) : undefined;
  if (!recipient) throw hidden();
  const refusal = contactRefusal({
    self: recipient.id === sender.id,
    senderVerified: sender.emailVerifiedAt !== null,
    visible,
    contactable,
    answering: await q.wroteSince(db, network.id, recipient.id, sender.id, new Date(now.getTime() - REPLY_DAYS * DAY)),
    blocked: await q.isBlocked(db, network.id, recipient.id, sender.id),
  });
  if (refusal === 'hidden') throw hidden();
  if (refusal)
    throw new AppError(
      'forbidden',
      refusal === 'self'
        ? msg('contact.problem.self')
        : refusal === 'unverified'
          ? msg('contact.problem.unverified')
          : msg('contact.problem.optedOut', { name: recipient.name }),
    );
  return { id: recipient.id, name: recipient.name, email: recipient.email };
}

/** A display name as it may stand in a header's quoted string. */
const quoted = (name: string) => name.replace(/["\\]/g, '');

/**
 * Sends a message through the outbox, in the recipient's language, and logs who wrote to whom
 * (never the text). The sender's address goes only as Reply-To and only if they ticked the box;
 * otherwise the mail links to the form, where the recipient may answer for REPLY_DAYS.
 */
export async function sendContactMessage(
  db: Db,
  network: Network,
  sender: Actor,
  recipientId: string,
  input: ContactMessage,
  baseUrl: string,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const recipient = await contactTarget(tx, network, sender, recipientId, now);
    const from = sender!;
    await q.lockSender(tx, network.id, from.id);
    const sent = await q.countSentSince(
      tx,
      network.id,
      from.id,
      new Date(now.getTime() - 3_600_000),
      new Date(now.getTime() - DAY),
    );
    if (sent.hour >= CONTACT_LIMITS.hour)
      throw new AppError('rate_limited', msg('contact.problem.hourly', { count: sent.hour }));
    if (sent.day >= CONTACT_LIMITS.day)
      throw new AppError('rate_limited', msg('contact.problem.daily', { count: sent.day }));
    const logged = await q.insertMessage(tx, {
      networkId: network.id,
      senderId: from.id,
      recipientId: recipient.id,
      sharedAddress: input.shareAddress,
      sentAt: now,
    });
    await queueContactMail(tx, network, from, recipient, input, baseUrl);
    return { id: logged.id, sentAt: logged.sentAt.toISOString(), sharedAddress: logged.sharedAddress };
  });
}

async function queueContactMail(
  tx: Tx,
  network: Network,
  from: User,
  to: ContactTarget,
  input: ContactMessage,
  baseUrl: string,
): Promise<void> {
  const locale = await mailLocale(tx, network, to.id, 'fr');
  const t = translator(locale);
  const words = { sender: from.name, network: network.name };
  const mail = composeMail(
    locale,
    input.subject
      ? t('contact.mail.subject', { ...words, subject: input.subject })
      : t('contact.mail.noSubject', words),
    [
      t('mail.hello', { name: to.name }),
      t('contact.mail.intro', words),
      ...input.body.split(/\n\s*\n/),
      input.shareAddress ? t('contact.mail.replyDirect', words) : t('contact.mail.replyHere', words),
      t('contact.mail.stop', {
        sender: from.name,
        blockUrl: `${baseUrl}/members/${from.id}/block`,
        profileUrl: `${baseUrl}/me/profile`,
      }),
    ],
    `${baseUrl}/members/${from.id}/contact`,
    t('mail.footer', { network: network.name, url: baseUrl }),
  );
  await queueWrittenMail(tx, {
    networkId: network.id,
    kind: 'member.contact',
    // A member's own words: the outbox forgets them once the mail is sent (or cancelled).
    private: true,
    toEmail: to.email,
    toName: to.name,
    locale,
    ...mail,
    headers: {
      ...mail.headers,
      ...(input.shareAddress ? { 'Reply-To': `"${quoted(from.name)}" <${from.email}>` } : {}),
    },
  });
}

/** Whether `viewer` blocked `memberId`, and the member's name (404 for an unknown member). */
export async function blockState(db: Tx, network: Network, viewer: Actor, memberId: string) {
  authorize(viewer, true, 'block a member');
  const member = isUuid(memberId) ? await q.selectMember(db, network.id, memberId) : undefined;
  if (!member || member.id === viewer.id) throw hidden();
  return { id: member.id, name: member.name, blocked: await q.isBlocked(db, network.id, viewer.id, member.id) };
}

/** Blocks or unblocks a member's messages to the viewer; doing it twice is doing it once. */
export async function setBlocked(db: Db, network: Network, viewer: Actor, memberId: string, blocked: boolean) {
  return db.transaction(async (tx) => {
    const state = await blockState(tx, network, viewer, memberId);
    if (blocked) await q.insertBlock(tx, network.id, viewer!.id, state.id);
    else await q.deleteBlock(tx, network.id, viewer!.id, state.id);
    return { ...state, blocked };
  });
}

/** Messages sent (to whom, when; never their text) and members blocked, in the GDPR export. */
export const contactData: PersonalData = {
  key: 'contactMessages',
  async export(tx, who) {
    const sent = await q.selectSent(tx, who.networkId, who.userId);
    const blocked = await q.selectBlockedNames(tx, who.networkId, who.userId);
    return {
      sent: sent.map((m) => ({ to: m.to, sentAt: m.sentAt.toISOString(), sharedAddress: m.sharedAddress })),
      blocked: blocked.map((b) => ({ name: b.name, since: b.since.toISOString() })),
    };
  },
};
