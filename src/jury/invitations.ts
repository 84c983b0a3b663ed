import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createUser, findUserByEmail, type User } from '../accounts/service.js';
import { recordAudit } from '../audit/service.js';
import * as calls from '../calls/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { findProfile } from '../profiles/service.js';
import { AppError, notFound } from '../web/errors.js';
import { currentLocale, localeOr, msg, type Locale } from '../web/i18n.js';
import * as q from './queries.js';
import type { JurorInvite } from './schemas.js';
import { managedCall, stageAt } from './jurors.js';

/** An invitation link is a key to a jury seat: it works once, and not for ever (mail boxes leak). */
export const INVITE_VALID_DAYS = 14;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The language a juror is written to: the one they chose on their own profile, else the one the
 * organiser gave, else the language of the page (or Accept-Language) the organiser invited from.
 */
async function jurorLocale(tx: Tx, network: Network, userId: string, chosen: string | undefined): Promise<Locale> {
  const own = (await findProfile(tx, network.id, userId))?.locale;
  return localeOr(own, localeOr(chosen, currentLocale()));
}

/** A fresh link for the juror, valid INVITE_VALID_DAYS, mailed in their language in the caller's transaction. */
async function mailInvitation(
  tx: Tx,
  network: Network,
  call: calls.CallRow,
  stage: calls.StageRow,
  juror: q.JurorRow,
  baseUrl: string,
) {
  const token = randomBytes(24).toString('base64url');
  const expires = new Date(Date.now() + INVITE_VALID_DAYS * 86_400_000);
  const [row] = await q.updateJuror(tx, juror.id, {
    inviteHash: sha256(token),
    inviteExpiresAt: expires,
    inviteUsedAt: null,
  });
  await calls.queueCallMail(tx, network, {
    kind: 'call.juror.invite',
    to: { email: juror.email, name: juror.name, locale: juror.locale },
    baseUrl,
    link: `${baseUrl}/jury/invite/${token}`,
    subject: (t, l) => t('jury.mail.invite.subject', { title: call.title[l] }),
    paragraphs: (t, l) => [
      t('jury.mail.invite.body', { stage: stage.name }),
      t('jury.mail.invite.valid', { until: calls.formatInstant(expires, l) }),
    ],
  });
  return row!;
}

/** Invites a juror by e-mail; a plain account is made for an address that has none (not a member profile). */
export async function inviteJuror(
  db: Db,
  network: Network,
  actor: User | null,
  callId: string,
  input: JurorInvite,
  opts: { baseUrl: string },
) {
  return db.transaction(async (tx) => {
    const call = await managedCall(tx, network, actor, callId, 'invite jurors to this call');
    const { stage } = await stageAt(tx, call, input.stage);
    const user =
      (await findUserByEmail(tx, network.id, input.email)) ??
      (await createUser(tx, network.id, { email: input.email, name: input.name, role: 'member' }));
    const inserted = await q.insertJuror(tx, {
      callId: call.id,
      stageId: stage.id,
      userId: user.id,
      email: input.email,
      name: input.name,
      organisation: input.organisation ?? '',
      relations: input.relations ?? [],
      languages: input.languages ?? [],
      // Replaced at once by mailInvitation: the column is unique and never holds a usable value.
      inviteHash: sha256(randomBytes(24).toString('base64url')),
      locale: await jurorLocale(tx, network, user.id, input.locale),
      orderSeed: randomInt(1, 2_000_000_000),
    });
    if (!inserted)
      throw new AppError('conflict', msg('jury.error.alreadyJuror', { email: input.email }), [
        { field: 'email', message: msg('jury.error.alreadyJurorField') },
      ]);
    const juror = await mailInvitation(tx, network, call, stage, inserted, opts.baseUrl);
    await recordAudit(tx, {
      networkId: network.id,
      actor,
      action: 'call.juror_invited',
      subject: `${input.name} · call ${call.slug}`,
      details: { stage: stage.position, organisation: input.organisation ?? '' },
    });
    return { juror, stage };
  });
}

/**
 * Sends a juror a new invitation link (the old one stops working): for a link that expired, or
 * was lost. The juror's language is looked up again, in case they chose one since.
 */
export async function resendInvitation(
  db: Db,
  network: Network,
  actor: User | null,
  callId: string,
  jurorId: string,
  opts: { baseUrl: string },
) {
  return db.transaction(async (tx) => {
    const call = await managedCall(tx, network, actor, callId, 'invite jurors to this call');
    // A former juror (account erased) has no one to write to.
    const juror = (await q.selectCallJurors(tx, call.id)).find((j) => j.id === jurorId && j.userId !== null);
    if (!juror?.userId) throw notFound(msg('jury.thing.juror'));
    const stage = (await calls.stagesOf(tx, call.id)).find((s) => s.id === juror.stageId)!;
    const locale = await jurorLocale(tx, network, juror.userId, juror.locale);
    const row = await mailInvitation(tx, network, call, stage, { ...juror, locale }, opts.baseUrl);
    await q.updateJuror(tx, juror.id, { locale });
    await recordAudit(tx, {
      networkId: network.id,
      actor,
      action: 'call.juror_reinvited',
      subject: `juror ${juror.id} · call ${call.slug}`,
      details: { stage: stage.position },
    });
    return { juror: { ...row, locale }, stage };
  });
}

export type InvitationState = 'valid' | 'used' | 'expired';

/** What a link would do, without using it: a GET only shows a button (mail scanners follow links). */
export async function peekInvitation(db: Tx, network: Network, token: string, now = new Date()) {
  const juror = await q.selectJurorByInvite(db, sha256(token));
  if (!juror) throw notFound(msg('jury.thing.invitation'));
  const call = await calls.findCall(db, network, juror.callId);
  const stage = (await calls.stagesOf(db, call.id)).find((s) => s.id === juror.stageId)!;
  const state: InvitationState = juror.inviteUsedAt ? 'used' : juror.inviteExpiresAt <= now ? 'expired' : 'valid';
  return { juror, call, stage, state };
}

/**
 * Uses the link: one conditional UPDATE, so two clicks at once cannot both sign in; a used or
 * expired link is refused (409) and changes nothing. Returns the juror's account to sign in.
 */
export async function acceptInvitation(db: Db, network: Network, token: string) {
  return db.transaction(async (tx) => {
    const peek = await peekInvitation(tx, network, token);
    if (peek.state === 'used') throw new AppError('conflict', msg('jury.invite.used'));
    if (peek.state === 'expired')
      throw new AppError(
        'conflict',
        msg('jury.invite.expired', { date: calls.formatInstant(peek.juror.inviteExpiresAt, currentLocale()) }),
      );
    const juror = await q.useInvite(tx, peek.juror.id);
    if (!juror) throw new AppError('conflict', msg('jury.invite.used'));
    const user = await findUserByEmail(tx, network.id, juror.email);
    if (!user) throw notFound(msg('jury.thing.invitation'));
    await recordAudit(tx, {
      networkId: network.id,
      actor: user,
      action: 'call.juror_joined',
      subject: `juror ${juror.id} · call ${peek.call.slug}`,
      details: { stage: peek.stage.position },
    });
    return { user, juror, call: peek.call };
  });
}
