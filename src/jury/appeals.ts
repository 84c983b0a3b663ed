import type { User } from '../accounts/service.js';
import { recordAudit } from '../audit/service.js';
import * as calls from '../calls/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError, notFound } from '../web/errors.js';
import { currentLocale, msg } from '../web/i18n.js';
import { isUuid } from '../web/schemas.js';
import * as q from './queries.js';
import { managedCall } from './service.js';

export type { AppealRow } from './queries.js';

/**
 * Where an applicant stands: their latest sent decision, its appeal window, and their appeal if
 * they made one. Reached with the submission's secret link (applicants need no account).
 */
export async function appealState(db: Tx, network: Network, secret: string, now = new Date()) {
  const { submission, call } = await calls.submissionBySecret(db, network, secret);
  const [decision] = await q.selectSentDecisions(db, submission.id);
  const [appeal] = decision
    ? (await q.selectAppealsOf(db, network.id, [submission.id])).filter((a) => a.decisionId === decision.id)
    : [];
  const open = !!decision?.appealUntil && decision.appealUntil > now;
  return { submission, call, decision, appeal, open };
}

/** The applicant appeals their latest decision, once, before its window closes; the server's clock decides. */
export async function appealDecision(db: Db, network: Network, secret: string, grounds: string) {
  return db.transaction(async (tx) => {
    const s = await appealState(tx, network, secret);
    if (!s.decision) throw new AppError('conflict', msg('jury.appeal.noDecision'));
    if (s.appeal) throw new AppError('conflict', msg('jury.appeal.already'));
    if (!s.open)
      throw new AppError(
        'conflict',
        msg('jury.appeal.late', { date: calls.formatInstant(s.decision.appealUntil ?? new Date(), currentLocale()) }),
      );
    const appeal = await q.insertAppeal(tx, {
      networkId: network.id,
      decisionId: s.decision.id,
      submissionId: s.submission.id,
      grounds,
    });
    if (!appeal) throw new AppError('conflict', msg('jury.appeal.already'));
    await recordAudit(tx, {
      networkId: network.id,
      actor: null,
      action: 'call.appeal',
      subject: `submission ${s.submission.id} · call ${s.call.slug}`,
      details: { decision: s.decision.outcome },
    });
    return appeal;
  });
}

/** The appeals of a call, for its managers, with the submission and decision they are about. */
export async function listAppeals(db: Tx, network: Network, actor: User | null, callId: string) {
  const call = await managedCall(db, network, actor, callId, 'see the appeals of this call');
  const subs = await calls.listSubmissions(db, call.id, 'submitted');
  const byId = new Map(subs.map((s) => [s.id, s]));
  const stages = await calls.stagesOf(db, call.id);
  const decisions = new Map(
    (
      await q.selectDecisionsOf(
        db,
        stages.map((s) => s.id),
      )
    ).map((d) => [d.id, d]),
  );
  const rows = await q.selectAppealsOf(db, network.id, [...byId.keys()]);
  return {
    call,
    items: rows.map((a) => ({
      appeal: a,
      submission: byId.get(a.submissionId)!,
      decision: decisions.get(a.decisionId)!,
    })),
  };
}

/**
 * Organisers answer an appeal once: upheld or dismissed, with their reasons, mailed to the
 * applicant in their language and logged. The decision itself stays as sent: upholding says the
 * organisers take it up again, and the answer says how.
 */
export async function answerAppeal(
  db: Db,
  network: Network,
  actor: User | null,
  appealId: string,
  input: { outcome: 'upheld' | 'dismissed'; answer: string },
  opts: { baseUrl: string },
) {
  return db.transaction(async (tx) => {
    const appeal = isUuid(appealId) ? await q.selectAppeal(tx, network.id, appealId, true) : undefined;
    if (!appeal) throw notFound(msg('jury.thing.appeal'));
    const s = await q.selectSubmissionForJury(tx, network.id, appeal.submissionId);
    const call = await managedCall(tx, network, actor, s!.callId, 'answer the appeals of this call');
    if (appeal.status !== 'open') throw new AppError('conflict', msg('jury.appeal.answered'));
    const row = await q.updateAppeal(tx, appeal.id, {
      status: input.outcome,
      answer: input.answer,
      answeredBy: actor?.id ?? null,
      answeredAt: new Date(),
    });
    await calls.queueCallMail(tx, network, {
      kind: `call.appeal.${input.outcome}`,
      to: { email: s!.applicantEmail, name: s!.applicantName, locale: s!.locale },
      baseUrl: opts.baseUrl,
      link: `${opts.baseUrl}/calls/${call.slug}`,
      subject: (t, l) => t('jury.mail.appeal.subject', { title: call.title[l] }),
      paragraphs: (t) => [t(`jury.mail.appeal.${input.outcome}`, { submission: s!.title }), input.answer],
    });
    await recordAudit(tx, {
      networkId: network.id,
      actor,
      action: 'call.appeal_answered',
      subject: `submission ${appeal.submissionId} · call ${call.slug}`,
      details: { outcome: input.outcome },
    });
    return row;
  });
}
