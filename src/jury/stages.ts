import * as calls from '../calls/service.js';
import type { Tx } from '../db/connection.js';
import * as q from './queries.js';

/** The stage now being judged: the first that is not closed (the last one once all are). */
export const currentStage = (stages: calls.StageRow[]) => stages.find((s) => !s.closedAt) ?? stages.at(-1)!;

/**
 * What a stage judges: the first stage every submitted submission; a later stage those the
 * previous stage advanced.
 */
export async function stageSubmissions(db: Tx, call: calls.CallRow, stage: calls.StageRow) {
  const submitted = await calls.listSubmissions(db, call.id, 'submitted');
  if (stage.position === 1) return submitted;
  const stages = await calls.stagesOf(db, call.id);
  const previous = stages.find((s) => s.position === stage.position - 1)!;
  const advanced = new Set(
    (await q.selectDecisions(db, previous.id)).filter((d) => d.outcome === 'advanced').map((d) => d.submissionId),
  );
  return submitted.filter((s) => advanced.has(s.id));
}
