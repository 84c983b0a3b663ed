import { createHash, randomBytes } from 'node:crypto';
import type { User } from '../accounts/service.js';
import { recordAudit } from '../audit/service.js';
import * as calls from '../calls/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { sessionFromTalk } from '../programme/service.js';
import { AppError, notFound } from '../web/errors.js';
import { currentLocale, localeOr, msg, translator, type T } from '../web/i18n.js';
import { pairKey } from './assignment.js';
import * as q from './queries.js';
import { computeResults } from './results.js';
import { conflictLevels, managedCall } from './service.js';
import { stageSubmissions } from './stages.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Everything the deliberation needs for a stage: results, submissions, reviews that count, conflicts. */
export async function stageResults(db: Tx, network: Network, actor: User | null, callId: string, position?: number) {
  const call = await managedCall(db, network, actor, callId, 'see the results of this call');
  const stages = await calls.stagesOf(db, call.id);
  const stage = position
    ? stages.find((s) => s.position === position)
    : (stages.find((s) => !s.closedAt) ?? stages.at(-1));
  if (!stage) throw notFound(msg('jury.problem.stage', { position: String(position ?? '') }));
  // One after the other: `db` may be a transaction's single client (the demo loader, a decision
  // being drafted), where concurrent queries are deprecated by pg and queue anyway.
  const subs = await stageSubmissions(db, call, stage);
  const conflicts = await q.selectConflicts(db, stage.id);
  const all = await q.selectReviews(db, stage.id);
  const decisions = await q.selectDecisions(db, stage.id);
  const jurors = await q.selectStageSeats(db, stage.id);
  const levels = conflictLevels(conflicts);
  // A review by a juror in hard conflict never counts, even if written before the conflict was known.
  const counting = all.filter((r) => r.submittedAt && levels.get(pairKey(r.jurorId, r.submissionId))?.level !== 'hard');
  const amountField = call.rules.fields.find((f) => f.kind === 'amount' && f.requestedAmount)?.key;
  const results = computeResults({
    rules: call.rules,
    submissions: subs.map((s) => ({
      id: s.id,
      submittedAt: s.submittedAt ?? s.createdAt,
      requestedCents:
        amountField && typeof s.answers[amountField] === 'number' ? (s.answers[amountField] as number) : null,
    })),
    reviews: counting.map((r) => ({
      jurorId: r.jurorId,
      submissionId: r.submissionId,
      scores: r.scores,
      abstain: r.abstain,
    })),
  });
  return {
    call,
    stage,
    stages,
    subs,
    results,
    conflicts,
    reviews: counting,
    decisions,
    jurors,
  };
}

/**
 * The stage's decisions read under its lock, so that two sends (or a send and a redraft) at once
 * cannot both see them unsent; refused with 409 once they were sent, saying when.
 */
async function unsentDecisions(tx: Tx, stage: calls.StageRow) {
  await q.lockStage(tx, stage.id);
  const decisions = await q.selectDecisions(tx, stage.id);
  const sent = decisions.find((d) => d.status === 'sent');
  if (sent)
    throw new AppError(
      'conflict',
      msg('jury.error.decisionsSent', {
        stage: stage.position,
        date: calls.formatInstant(sent.sentAt ?? new Date(), currentLocale()),
      }),
    );
  return decisions;
}

/**
 * Stages decisions as pending: given one by one, or taken from the results (selected: accepted —
 * or advanced to the next stage —, the others rejected). Refused once the stage's decisions were sent.
 */
export async function draftDecisions(
  db: Db,
  network: Network,
  actor: User | null,
  callId: string,
  input: {
    stage?: number | undefined;
    items?:
      | {
          submissionId: string;
          outcome: 'accepted' | 'rejected' | 'advanced';
          amountCents?: number | null | undefined;
          reason?: string | undefined;
        }[]
      | undefined;
    includeComments?: boolean | undefined;
  },
) {
  return db.transaction(async (tx) => {
    const r = await stageResults(tx, network, actor, callId, input.stage);
    await unsentDecisions(tx, r.stage);
    const last = r.stage.position === r.stages.length;
    const ids = new Set(r.subs.map((s) => s.id));
    const items =
      input.items ??
      r.results.items.map((x) => ({
        submissionId: x.submissionId,
        outcome: x.selected ? (last ? ('accepted' as const) : ('advanced' as const)) : ('rejected' as const),
        amountCents: x.amountCents,
        reason: '',
      }));
    for (const it of items)
      if (!ids.has(it.submissionId))
        throw new AppError('validation', msg('jury.problem.notInStage', { id: it.submissionId }), [
          { field: 'items', message: msg('jury.problem.notInStageField', { id: it.submissionId }) },
        ]);
    for (const it of items) {
      await q.upsertDecision(tx, {
        stageId: r.stage.id,
        submissionId: it.submissionId,
        outcome: it.outcome,
        amountCents: it.amountCents ?? null,
        reason: it.reason ?? '',
        includeComments: input.includeComments ?? false,
      });
      await recordAudit(tx, {
        networkId: network.id,
        actor,
        action: 'call.decision',
        subject: `submission ${it.submissionId} · stage ${r.stage.position}`,
        details: { outcome: it.outcome, amountCents: it.amountCents ?? null },
      });
    }
    return q.selectDecisions(tx, r.stage.id);
  });
}

function letter(call: calls.CallRow, s: calls.SubmissionRow, d: q.DecisionRow, comments: string[], appealUntil: Date) {
  return {
    subject: (t: T, l: 'fr' | 'nl' | 'en') =>
      t(`jury.mail.${d.outcome}.subject`, { title: call.title[l], submission: s.title }),
    paragraphs: (t: T, l: 'fr' | 'nl' | 'en') => [
      t(`jury.mail.${d.outcome}.body`, {
        submission: s.title,
        amount: d.amountCents ? calls.formatEuros(d.amountCents, l) : '—',
      }),
      ...(d.reason ? [d.reason] : []),
      ...(d.includeComments && comments.length ? [t('jury.mail.comments'), ...comments] : []),
      t('jury.mail.appeal', { until: calls.formatInstant(appealUntil, l) }),
    ],
  };
}

/** Marks the pending decisions previewed and shows each letter as the applicant will get it. */
export async function previewDecisions(db: Db, network: Network, actor: User | null, callId: string, stage?: number) {
  return db.transaction(async (tx) => {
    const found = await stageResults(tx, network, actor, callId, stage);
    const r = { ...found, decisions: await unsentDecisions(tx, found.stage) };
    if (!r.decisions.length) throw new AppError('conflict', msg('jury.problem.nothingToPreview'));
    await q.updateDecisions(
      tx,
      r.decisions.map((d) => d.id),
      { status: 'previewed' },
    );
    const appealUntil = new Date(Date.now() + r.call.rules.appealDays * 86_400_000);
    return r.decisions.map((d) => {
      const s = r.subs.find((x) => x.id === d.submissionId)!;
      const l = localeOr(s.locale);
      const t = translator(l);
      const comments = r.reviews
        .filter((x) => x.submissionId === s.id && x.applicantComment)
        .map((x) => x.applicantComment);
      const body = letter(r.call, s, d, comments, appealUntil);
      return {
        submissionId: s.id,
        outcome: d.outcome,
        to: s.applicantEmail,
        locale: l,
        subject: body.subject(t, l),
        text: body.paragraphs(t, l).join('\n\n'),
      };
    });
  });
}

/**
 * Sends every decision of the stage together, through the outbox, in each applicant's language.
 * Acceptances ask to confirm (a link of their own). Sending twice is refused and changes nothing.
 */
export async function sendDecisions(
  db: Db,
  network: Network,
  actor: User | null,
  callId: string,
  opts: { stage?: number | undefined; baseUrl: string },
) {
  return db.transaction(async (tx) => {
    const found = await stageResults(tx, network, actor, callId, opts.stage);
    const r = { ...found, decisions: await unsentDecisions(tx, found.stage) };
    if (!r.decisions.length) throw new AppError('conflict', msg('jury.problem.nothingToSend'));
    if (r.decisions.some((d) => d.status !== 'previewed'))
      throw new AppError('conflict', msg('jury.problem.previewFirst'));
    const now = new Date();
    const appealUntil = new Date(now.getTime() + r.call.rules.appealDays * 86_400_000);
    for (const d of r.decisions) {
      const s = r.subs.find((x) => x.id === d.submissionId)!;
      const comments = r.reviews
        .filter((x) => x.submissionId === s.id && x.applicantComment)
        .map((x) => x.applicantComment);
      const token = d.outcome === 'accepted' ? randomBytes(24).toString('base64url') : null;
      const body = letter(r.call, s, d, comments, appealUntil);
      await calls.queueCallMail(tx, network, {
        kind: `call.decision.${d.outcome}`,
        to: { email: s.applicantEmail, name: s.applicantName, locale: s.locale },
        baseUrl: opts.baseUrl,
        link: token ? `${opts.baseUrl}/decisions/confirm/${token}` : `${opts.baseUrl}/calls/${r.call.slug}`,
        subject: body.subject,
        paragraphs: body.paragraphs,
      });
      await q.updateDecisions(tx, [d.id], {
        status: 'sent',
        sentAt: now,
        appealUntil,
        details: { ...d.details, ...(token ? { confirmHash: sha256(token) } : {}) },
      });
    }
    await recordAudit(tx, {
      networkId: network.id,
      actor,
      action: 'call.decisions_sent',
      subject: `call ${r.call.slug} · stage ${r.stage.position}`,
      details: { count: r.decisions.length },
    });
    return { sent: r.decisions.length, appealUntil };
  });
}

/** The laureate or speaker confirms by the link of their acceptance mail. */
export async function confirmAcceptance(db: Db, network: Network, token: string) {
  return db.transaction(async (tx) => {
    const d = await q.selectDecisionByConfirm(tx, sha256(token));
    if (!d) throw notFound(msg('jury.problem.confirmLink'));
    return confirmAccepted(tx, network, d.submissionId);
  });
}

/**
 * An accepted submission is confirmed (once; confirming again changes nothing); a confirmed talk
 * joins the programme of its event. Also used by the demo, which plays the speakers.
 */
export async function confirmAccepted(tx: Tx, network: Network, submissionId: string) {
  const s = await q.selectSubmissionForJury(tx, network.id, submissionId);
  if (!s) throw notFound(msg('jury.problem.confirmLink'));
  const call = await calls.findCall(tx, network, s.callId);
  const first = !s.confirmedAt;
  const row = first ? await calls.updateSubmissionRow(tx, s.id, { confirmedAt: new Date() }) : s;
  if (call.kind === 'talks' && call.eventId) {
    const abstractField = call.rules.fields.find((f) => f.kind === 'long_text')?.key;
    const co = await calls.coApplicantsOf(tx, [s.id]);
    await sessionFromTalk(tx, network, {
      submissionId: s.id,
      eventId: call.eventId,
      title: s.title,
      abstract:
        abstractField && typeof s.answers[abstractField] === 'string' ? (s.answers[abstractField] as string) : '',
      language: s.language,
      speakers: [
        { name: s.applicantName, email: s.applicantEmail },
        ...co.map((c) => ({ name: c.name, email: c.email })),
      ],
    });
  }
  return { submission: row, call, first };
}
