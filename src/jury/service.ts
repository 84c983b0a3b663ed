import { randomInt } from 'node:crypto';
import type { User } from '../accounts/service.js';
import { recordAudit } from '../audit/service.js';
import * as calls from '../calls/service.js';
import { chaptersOrganizedBy } from '../chapters/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { venuesManagedBy } from '../venues/service.js';
import { AppError, notFound } from '../web/errors.js';
import { assignReviews, pairKey } from './assignment.js';
import { detectConflict } from './conflicts.js';
import { jurorSeat, managedCall, stageAt } from './jurors.js';
import * as q from './queries.js';
import { stageSubmissions } from './stages.js';
import { msg } from '../web/i18n.js';

export type { JurorRow, ReviewRow, DecisionRow, ConflictRow, AssignmentRow } from './queries.js';
export { stageSubmissions, currentStage } from './stages.js';
export { acceptRules, jurorSeat, managedCall, stageAt } from './jurors.js';

/** Runs conflict detection for every juror of the stage against its submissions; idempotent. */
export async function detectConflicts(db: Tx, network: Network, call: calls.CallRow, stage: calls.StageRow) {
  const subs = await stageSubmissions(db, call, stage);
  const co = await calls.coApplicantsOf(
    db,
    subs.map((s) => s.id),
  );
  const jurors = await q.selectJurors(db, stage.id);
  for (const j of jurors) {
    const manages = [
      ...(await venuesManagedBy(db, network, j.userId)).map((v) => v.name),
      ...(await chaptersOrganizedBy(db, network, j.userId)).map((c) => c.name),
    ];
    for (const s of subs) {
      const found = detectConflict(
        { email: j.email, organisation: j.organisation, relations: j.relations, manages },
        { ...s, coApplicants: co.filter((c) => c.submissionId === s.id) },
      );
      if (!found) continue;
      const [row] = await q.upsertConflict(db, {
        stageId: stage.id,
        jurorId: j.id,
        submissionId: s.id,
        level: found.level,
        source: 'detected',
        reason: found.reason,
      });
      if (row && row.createdAt.getTime() > Date.now() - 5000)
        await recordAudit(db, {
          networkId: network.id,
          actor: null,
          action: found.level === 'hard' ? 'call.recusal' : 'call.conflict',
          subject: `juror ${j.id} · submission ${s.id}`,
          details: { level: found.level, source: 'detected', reason: found.reason },
        });
    }
  }
}

/** The strongest conflict per juror and submission (hard > soft > none), declared or detected. */
export function conflictLevels(rows: q.ConflictRow[]) {
  const rank = { none: 0, soft: 1, hard: 2 } as const;
  const out = new Map<string, { level: 'none' | 'soft' | 'hard'; declared: boolean }>();
  for (const r of rows) {
    const key = pairKey(r.jurorId, r.submissionId);
    const prev = out.get(key);
    out.set(key, {
      level: !prev || rank[r.level] > rank[prev.level] ? r.level : prev.level,
      declared: (prev?.declared ?? false) || r.source === 'declared',
    });
  }
  return out;
}

/**
 * A juror declares none / soft / hard for a submission they were shown the title of (managers may
 * record one for a juror). Hard hides the submission from them, removes the assignment, and is
 * logged as a recusal.
 */
export async function declareConflict(
  db: Db,
  network: Network,
  actor: User | null,
  callId: string,
  input: {
    submissionId: string;
    level: 'none' | 'soft' | 'hard';
    reason?: string | undefined;
    jurorId?: string | undefined;
  },
) {
  return db.transaction(async (tx) => {
    let juror: q.JurorRow;
    let stage: calls.StageRow;
    if (input.jurorId) {
      const call = await managedCall(tx, network, actor, callId, 'record conflicts for jurors');
      const all = await q.selectCallJurors(tx, call.id);
      const found = all.find((j) => j.id === input.jurorId && j.userId !== null);
      if (!found) throw notFound(msg('jury.problem.juror', { id: input.jurorId }));
      juror = found;
      stage = (await calls.stagesOf(tx, call.id)).find((s) => s.id === found.stageId)!;
    } else {
      ({ juror, stage } = await jurorSeat(tx, network, actor, callId));
    }
    const assigned = (await q.selectAssignments(tx, stage.id)).find(
      (a) => a.jurorId === juror.id && a.submissionId === input.submissionId && a.rule !== 'forbid',
    );
    if (!assigned && !input.jurorId) throw notFound(msg('jury.problem.assigned', { id: input.submissionId }));
    await q.upsertConflict(tx, {
      stageId: stage.id,
      jurorId: juror.id,
      submissionId: input.submissionId,
      level: input.level,
      source: 'declared',
      reason: input.reason ?? '',
    });
    if (input.level === 'hard' && assigned) {
      const review = await q.selectReview(tx, juror.id, input.submissionId);
      if (!review) await q.deleteAssignments(tx, [assigned.id]);
    }
    await recordAudit(tx, {
      networkId: network.id,
      actor,
      action: input.level === 'hard' ? 'call.recusal' : 'call.conflict',
      subject: `juror ${juror.id} · submission ${input.submissionId}`,
      details: { level: input.level, source: 'declared' },
    });
    return { jurorId: juror.id, submissionId: input.submissionId, level: input.level, source: 'declared' as const };
  });
}

/**
 * Runs (or re-runs) the assignment of a stage. Pairs with a review begun, and pins, are kept;
 * hard conflicts, forbids and unread languages are never assigned.
 */
export async function runAssignment(
  db: Db,
  network: Network,
  actor: User | null,
  callId: string,
  input: {
    stage?: number | undefined;
    pins: { jurorId: string; submissionId: string }[];
    forbids: { jurorId: string; submissionId: string }[];
    seed?: number | undefined;
  },
) {
  return db.transaction(async (tx) => {
    const call = await managedCall(tx, network, actor, callId, 'assign reviews in this call');
    const { stage } = await stageAt(tx, call, input.stage);
    if (stage.closedAt) throw new AppError('conflict', msg('jury.problem.assignmentsFinal'));
    await detectConflicts(tx, network, call, stage);
    const jurors = await q.selectJurors(tx, stage.id);
    const jurorIds = new Set(jurors.map((j) => j.id));
    const subs = await stageSubmissions(tx, call, stage);
    const subIds = new Set(subs.map((s) => s.id));
    for (const p of [...input.pins, ...input.forbids])
      if (!jurorIds.has(p.jurorId) || !subIds.has(p.submissionId))
        throw new AppError('validation', msg('jury.problem.pinNotInStage'), [
          {
            field: 'pins',
            message: msg('jury.problem.pinNotInStageField', { pair: `${p.jurorId} / ${p.submissionId}` }),
          },
        ]);
    for (const p of input.pins) await q.setRule(tx, { stageId: stage.id, ...p, rule: 'pin' });
    for (const p of input.forbids) await q.setRule(tx, { stageId: stage.id, ...p, rule: 'forbid' });
    const existing = await q.selectAssignments(tx, stage.id);
    const levels = conflictLevels(await q.selectConflicts(tx, stage.id));
    const reviewed = new Set((await q.selectReviews(tx, stage.id)).map((r) => pairKey(r.jurorId, r.submissionId)));
    const blocked = new Set<string>();
    for (const [key, c] of levels)
      if (c.level === 'hard' || (c.level === 'soft' && !call.rules.softConflictsMayReview)) blocked.add(key);
    for (const a of existing) if (a.rule === 'forbid') blocked.add(pairKey(a.jurorId, a.submissionId));
    const kept = existing
      .filter((a) => a.rule === 'pin' || (a.rule === 'auto' && reviewed.has(pairKey(a.jurorId, a.submissionId))))
      .filter(
        (a) => !blocked.has(pairKey(a.jurorId, a.submissionId)) || reviewed.has(pairKey(a.jurorId, a.submissionId)),
      );
    const result = assignReviews({
      submissions: subs.map((s) => ({ id: s.id, language: s.language })),
      jurors: jurors.map((j) => ({ id: j.id, languages: j.languages })),
      k: call.rules.reviewsPerSubmission,
      blocked,
      kept,
      seed: input.seed ?? randomInt(1, 2_000_000_000),
    });
    const wanted = new Set(result.pairs.map((p) => pairKey(p.jurorId, p.submissionId)));
    await q.deleteAssignments(
      tx,
      existing.filter((a) => a.rule === 'auto' && !wanted.has(pairKey(a.jurorId, a.submissionId))).map((a) => a.id),
    );
    await q.insertAssignments(
      tx,
      result.pairs.map((p) => ({
        stageId: stage.id,
        jurorId: p.jurorId,
        submissionId: p.submissionId,
        rule: 'auto' as const,
      })),
    );
    await recordAudit(tx, {
      networkId: network.id,
      actor,
      action: 'call.assignment',
      subject: `call ${call.slug} · stage ${stage.position}`,
      details: { pairs: result.pairs.length, kept: kept.length, short: result.short.length, loads: result.loads },
    });
    return { stage, ...result };
  });
}

export async function listAssignments(db: Tx, network: Network, actor: User | null, callId: string, position?: number) {
  const call = await managedCall(db, network, actor, callId, 'see the assignments of this call');
  const { stage } = await stageAt(db, call, position);
  const rows = await q.selectAssignments(db, stage.id);
  const subs = new Map((await stageSubmissions(db, call, stage)).map((s) => [s.id, s]));
  const reviewed = new Set(
    (await q.selectReviews(db, stage.id)).filter((r) => r.submittedAt).map((r) => pairKey(r.jurorId, r.submissionId)),
  );
  const loads: Record<string, number> = {};
  for (const j of await q.selectJurors(db, stage.id)) loads[j.id] = 0;
  for (const a of rows) if (a.rule !== 'forbid') loads[a.jurorId] = (loads[a.jurorId] ?? 0) + 1;
  const count = new Map<string, number>();
  for (const a of rows) if (a.rule !== 'forbid') count.set(a.submissionId, (count.get(a.submissionId) ?? 0) + 1);
  return {
    stage: stage.position,
    items: rows.map((a) => ({
      jurorId: a.jurorId,
      submissionId: a.submissionId,
      title: subs.get(a.submissionId)?.title ?? '',
      rule: a.rule,
      reviewed: reviewed.has(pairKey(a.jurorId, a.submissionId)),
    })),
    loads,
    short: [...subs.keys()]
      .map((id) => ({ submissionId: id, reviewers: count.get(id) ?? 0 }))
      .filter((x) => x.reviewers < call.rules.reviewsPerSubmission),
  };
}

export const jurorsOfStage = q.selectJurors;
export const jurorsOfCall = q.selectCallJurors;
export const conflictsOfStage = q.selectConflicts;
export const reviewsOfStage = q.selectReviews;
export const assignmentsOfStage = q.selectAssignments;
export const decisionsOfStage = q.selectDecisions;
export const decisionsOfStages = q.selectDecisionsOf;
