// Jurors and their seats: invitations by e-mail, the seat a signed-in juror holds on a call's
// stage, the rules they accept. Re-exported by the jury's service.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createUser, findUserByEmail, type User } from '../accounts/service.js';
import * as calls from '../calls/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError, notFound } from '../web/errors.js';
import { authorize } from '../web/policy.js';
import * as q from './queries.js';
import { msg } from '../web/i18n.js';
import type { JurorInvite } from './schemas.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function managedCall(db: Tx, network: Network, actor: User | null, callId: string, action: string) {
  const call = await calls.findCall(db, network, callId);
  authorize(actor, await calls.callPolicy.manage(db, actor, call), action);
  return call;
}

export async function stageAt(db: Tx, call: calls.CallRow, position?: number) {
  const stages = await calls.stagesOf(db, call.id);
  const stage = position
    ? stages.find((s) => s.position === position)
    : (stages.find((s) => !s.closedAt) ?? stages.at(-1));
  if (!stage)
    throw new AppError('validation', msg('jury.problem.noStage', { position: String(position) }), [
      { field: 'stage', message: msg('jury.problem.noStageField') },
    ]);
  return { stage, stages };
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
    const token = randomBytes(24).toString('base64url');
    const juror = await q.insertJuror(tx, {
      callId: call.id,
      stageId: stage.id,
      userId: user.id,
      email: input.email,
      name: input.name,
      organisation: input.organisation ?? '',
      relations: input.relations ?? [],
      languages: input.languages ?? [],
      inviteHash: sha256(token),
      orderSeed: randomInt(1, 2_000_000_000),
    });
    if (!juror)
      throw new AppError('conflict', msg('jury.problem.alreadyJuror', { email: input.email }), [
        { field: 'email', message: msg('jury.problem.alreadyJurorField') },
      ]);
    await calls.queueCallMail(tx, network, {
      kind: 'call.juror.invite',
      to: { email: input.email, name: input.name, locale: 'fr' },
      baseUrl: opts.baseUrl,
      link: `${opts.baseUrl}/jury/invite/${token}`,
      subject: (t, l) => t('jury.mail.invite.subject', { title: call.title[l] }),
      paragraphs: (t) => [t('jury.mail.invite.body', { stage: stage.name })],
    });
    return { juror, stage };
  });
}

export async function jurorByInvite(db: Tx, network: Network, token: string) {
  const juror = await q.selectJurorByInvite(db, sha256(token));
  if (!juror) throw notFound(msg('jury.problem.invitation'));
  const call = await calls.findCall(db, network, juror.callId);
  return { juror, call };
}

/** The signed-in person's juror seat in the call's current stage; 403 for anyone else. */
export async function jurorSeat(db: Tx, network: Network, user: User | null, callId: string) {
  const call = await calls.findCall(db, network, callId);
  if (!user) throw new AppError('unauthenticated', msg('jury.problem.signIn'));
  const { stage: current, stages } = await stageAt(db, call);
  // The juror's seat in the current stage, or else in the latest stage they sat in (read-only once closed).
  const seats = await q.selectJurorsOfUser(db, call.id, user.id);
  const position = new Map(stages.map((s) => [s.id, s.position]));
  const juror =
    seats.find((j) => j.stageId === current.id) ??
    seats.sort((a, b) => (position.get(b.stageId) ?? 0) - (position.get(a.stageId) ?? 0))[0];
  if (!juror) throw new AppError('forbidden', msg('jury.problem.notJuror'));
  const stage = stages.find((s) => s.id === juror.stageId)!;
  return { call, stage, stages, juror };
}

export async function acceptRules(db: Tx, network: Network, user: User | null, callId: string, languages: string[]) {
  const { juror } = await jurorSeat(db, network, user, callId);
  const [row] = await q.updateJuror(db, juror.id, { languages, rulesAcceptedAt: juror.rulesAcceptedAt ?? new Date() });
  return row!;
}
