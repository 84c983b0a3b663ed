import type { User } from '../accounts/service.js';
import { recordAudit } from '../audit/service.js';
import * as calls from '../calls/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError, notFound, type FieldError } from '../web/errors.js';
import { isUuid } from '../web/schemas.js';
import { pairKey } from './assignment.js';
import * as q from './queries.js';
import type { ReviewInput } from './schemas.js';
import { conflictLevels, jurorSeat, managedCall } from './service.js';
import { stageSubmissions } from './stages.js';
import { msg } from '../web/i18n.js';

/** A juror's own order: a shuffle seeded by their seat, so two jurors never share an order (and no one sees the submission order). */
export function ownOrder<T extends { id: string }>(items: T[], seed: number): T[] {
  const hash = (s: string) => {
    let h = seed >>> 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 2_654_435_761) >>> 0;
    return h;
  };
  return [...items].sort((a, b) => hash(a.id) - hash(b.id) || (a.id < b.id ? -1 : 1));
}

/**
 * What a juror may see of their assignments: the title (and the organisation in a stage that is
 * not blind) to declare conflicts first; a hard conflict hides the submission altogether.
 */
export async function jurorQueue(db: Tx, network: Network, user: User | null, callId: string) {
  const seat = await jurorSeat(db, network, user, callId);
  const { call, stage, juror } = seat;
  const mine = (await q.selectAssignments(db, stage.id)).filter((a) => a.jurorId === juror.id && a.rule !== 'forbid');
  const levels = conflictLevels(await q.selectConflicts(db, stage.id));
  const subs = new Map((await stageSubmissions(db, call, stage)).map((s) => [s.id, s]));
  const co = await calls.coApplicantsOf(db, [...subs.keys()]);
  const reviews = new Map(
    (await q.selectReviews(db, stage.id)).filter((r) => r.jurorId === juror.id).map((r) => [r.submissionId, r]),
  );
  const items = mine
    .map((a) => subs.get(a.submissionId))
    .filter((s): s is calls.SubmissionRow => !!s)
    .filter((s) => levels.get(pairKey(juror.id, s.id))?.level !== 'hard')
    .map((s) => {
      const c = levels.get(pairKey(juror.id, s.id));
      const ids = calls.knownIdentifiers(
        s,
        co.filter((x) => x.submissionId === s.id),
      );
      return {
        id: s.id,
        title: stage.blind ? calls.redactText(s.redacted?.title ?? s.title, ids) : s.title,
        organisation: stage.blind ? null : s.organisation,
        declared: c?.declared ? c.level : null,
        reviewed: !!reviews.get(s.id)?.submittedAt,
      };
    });
  return { ...seat, items: ownOrder(items, juror.orderSeed) };
}

/** The content of an assigned submission, once the juror declared no hard conflict: blind in a blind stage. */
export async function jurorView(db: Tx, network: Network, user: User | null, callId: string, submissionId: string) {
  const queue = await jurorQueue(db, network, user, callId);
  const item = queue.items.find((i) => i.id === submissionId);
  if (!item) throw notFound(msg('jury.problem.assigned', { id: submissionId }));
  if (!item.declared)
    throw new AppError('conflict', msg('jury.problem.declareFirst'), [
      { field: 'conflict', message: msg('jury.problem.declareFirstField') },
    ]);
  const s = (await stageSubmissions(db, queue.call, queue.stage)).find((x) => x.id === submissionId)!;
  const co = await calls.coApplicantsOf(db, [s.id]);
  const files = await calls.filesWithUploads(db, network, [s.id]);
  const blind = calls.blindView(s, co, files);
  const view = queue.stage.blind
    ? blind
    : {
        ...blind,
        title: s.title,
        answers: s.answers,
        applicant: { name: s.applicantName, organisation: s.organisation },
      };
  const own = await q.selectReview(db, queue.juror.id, s.id);
  return { ...queue, item, submission: s, view, own, files };
}

/** Other jurors' reviews of a submission: only once one's own is submitted (independence). */
export async function othersReviews(db: Tx, network: Network, user: User | null, callId: string, submissionId: string) {
  const v = await jurorView(db, network, user, callId, submissionId);
  if (!v.own?.submittedAt) throw new AppError('forbidden', msg('jury.problem.othersAfterOwn'));
  return (await q.selectReviews(db, v.stage.id)).filter(
    (r) => r.submissionId === submissionId && r.jurorId !== v.juror.id && r.submittedAt,
  );
}

/** The juror's next submission: not yet reviewed by them, with the fewest reviews so far. */
async function nextFor(db: Tx, queue: Awaited<ReturnType<typeof jurorQueue>>, after: string) {
  const counts = await q.reviewCounts(db, queue.stage.id);
  const todo = queue.items.filter((i) => !i.reviewed && i.id !== after);
  todo.sort((a, b) => (counts.get(a.id) ?? 0) - (counts.get(b.id) ?? 0));
  return todo[0]?.id ?? null;
}

/**
 * Saves the caller's own review. Refused (and nothing saved) for a submission not assigned to
 * them, one they are in hard conflict with or have not declared on, a score outside the scale,
 * a missing criterion on submit, or a closed stage. Every change of scores is in the audit log.
 */
export async function saveReview(
  db: Db,
  network: Network,
  user: User | null,
  submissionId: string,
  input: ReviewInput,
) {
  return db.transaction(async (tx) => {
    if (!user) throw new AppError('unauthenticated', msg('jury.problem.signIn'));
    const s = await findSubmissionAnywhere(tx, network, submissionId);
    const v = await jurorView(tx, network, user, s.callId, submissionId).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'not_found')
        throw new AppError('forbidden', msg('jury.problem.notAssigned'));
      throw e;
    });
    if (v.stage.closedAt) throw new AppError('conflict', msg('jury.problem.reviewsLocked'));
    const criteria = v.call.rules.criteria;
    const errors: FieldError[] = [];
    for (const [key, value] of Object.entries(input.scores)) {
      const c = criteria.find((x) => x.key === key);
      if (!c) errors.push({ field: `scores.${key}`, message: msg('jury.problem.notCriterion') });
      else if (!c.scale.some((x) => x.value === value))
        errors.push({
          field: `scores.${key}`,
          message: msg('validation.oneOf', { values: c.scale.map((x) => x.value).join(', ') }),
        });
    }
    if (input.submit && !input.abstain)
      for (const c of criteria)
        if (input.scores[c.key] === undefined)
          errors.push({ field: `scores.${c.key}`, message: msg('validation.required') });
    if (errors.length) throw new AppError('validation', msg('jury.problem.review'), errors);
    const before = await q.selectReview(tx, v.juror.id, submissionId, true);
    const row = await q.upsertReview(tx, {
      stageId: v.stage.id,
      jurorId: v.juror.id,
      submissionId,
      scores: input.abstain ? {} : input.scores,
      comment: input.comment,
      applicantComment: input.applicantComment,
      abstain: input.abstain,
      submittedAt: input.submit ? (before?.submittedAt ?? new Date()) : (before?.submittedAt ?? null),
    });
    if (
      JSON.stringify(before?.scores ?? {}) !== JSON.stringify(row.scores) ||
      (before?.abstain ?? false) !== row.abstain
    )
      await recordAudit(tx, {
        networkId: network.id,
        actor: user,
        action: 'call.score',
        subject: `juror ${v.juror.id} · submission ${submissionId}`,
        details: { before: before?.scores ?? null, after: row.scores, abstain: row.abstain },
      });
    // The queue read for this save serves "next" too: one read of the stage per save, not two.
    const queue = {
      ...v,
      items: v.items.map((i) => (i.id === submissionId ? { ...i, reviewed: row.submittedAt !== null } : i)),
    };
    return { review: row, next: await nextFor(tx, queue, submissionId) };
  });
}

async function findSubmissionAnywhere(db: Tx, network: Network, id: string) {
  // Jurors are neither applicants nor managers: the submission is looked up without those rights,
  // and jurorView then decides what this juror may do with it.
  const s = isUuid(id) ? await q.selectSubmissionForJury(db, network.id, id) : undefined;
  if (!s) throw notFound(msg('call.problem.submission', { id }));
  return s;
}

/** Closes a stage: its reviews are locked from then on. */
export async function closeStage(db: Db, network: Network, actor: User | null, callId: string, position: number) {
  return db.transaction(async (tx) => {
    const call = await managedCall(tx, network, actor, callId, 'close a stage of this call');
    const stage = (await calls.stagesOf(tx, call.id)).find((s) => s.position === position);
    if (!stage) throw notFound(msg('jury.problem.stage', { position: String(position) }));
    if (stage.closedAt) throw new AppError('conflict', msg('jury.problem.stageClosed'));
    const closed = await q.closeStageRow(tx, stage.id);
    await recordAudit(tx, {
      networkId: network.id,
      actor,
      action: 'call.stage_closed',
      subject: `call ${call.slug} · stage ${stage.position}`,
      details: { stage: stage.name },
    });
    return closed;
  });
}

/** Organisers confirm the redacted copy jurors of a blind stage read; the system proposes one. */
export async function confirmRedaction(
  db: Db,
  network: Network,
  actor: User | null,
  submissionId: string,
  input: { title: string; answers: Record<string, unknown> },
) {
  return db.transaction(async (tx) => {
    const s = isUuid(submissionId) ? await q.selectSubmissionForJury(tx, network.id, submissionId) : undefined;
    if (!s) throw notFound(msg('call.problem.submission', { id: submissionId }));
    await managedCall(tx, network, actor, s.callId, 'confirm redactions in this call');
    const row = await calls.updateSubmissionRow(tx, s.id, { redacted: input, redactionConfirmedAt: new Date() });
    await recordAudit(tx, { networkId: network.id, actor, action: 'call.redaction', subject: `submission ${s.id}` });
    return row;
  });
}
