import type { User } from '../accounts/service.js';
import * as calls from '../calls/service.js';
import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError } from '../web/errors.js';
import { authorize } from '../web/policy.js';
import * as q from './queries.js';
import { msg } from '../web/i18n.js';

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
