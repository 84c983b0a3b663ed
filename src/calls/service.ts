import { recordAudit } from '../audit/service.js';
import type { User } from '../accounts/service.js';
import { findChapter } from '../chapters/service.js';
import type { Db, Tx } from '../db/connection.js';
import { findEvent } from '../events/service.js';
import type { Network } from '../networks/service.js';
import { AppError, type FieldError } from '../web/errors.js';
import { callState, findCall } from './lookup.js';
import { authorize } from '../web/policy.js';
import { slugify } from '../web/slug.js';
import { queueCallMail } from './mail.js';
import { callPolicy } from './policy.js';
import * as q from './queries.js';
import type { CallCreate, CallRules, CallUpdate } from './schemas.js';

export type { CallRow, StageRow, SubmissionRow, SubmissionFileRow } from './queries.js';
export { queueCallMail } from './mail.js';
export { callPolicy } from './policy.js';
export { BlindSubmission, CallRules } from './components.js';
export { WEBMAIL, knownIdentifiers, proposeRedaction, blindView, redactText } from './blind.js';
export { formatInstant, formatEuros, formatNumber } from './format.js';
export { callState, findCall, type CallState } from './lookup.js';

export const stagesOf = async (db: Tx, callId: string) => q.selectStages(db, [callId]);
export const stagesOfMany = (db: Tx, callIds: string[]) => q.selectStages(db, callIds);
export const listCalls = (db: Tx, network: Network, limit: number, offset: number) =>
  q.selectCalls(db, network.id, limit, offset);
export const chapterSlugs = q.chapterSlugs;
export const callVersions = q.selectVersions;
export {
  startSubmission,
  updateSubmission,
  attachFile,
  listSubmissions,
  coApplicantsOf,
  filesWithUploads,
  updateSubmissionRow,
  submissionFor,
  submissionBySecret,
} from './submissions.js';
import { msg } from '../web/i18n.js';

/** The call's rules must hold together: unique keys, a known tie-break criterion, tiers within the budget. */
export function checkRules(rules: CallRules): void {
  const errors: FieldError[] = [];
  const dup = (keys: string[]) => keys.find((k, i) => keys.indexOf(k) !== i);
  const f = dup(rules.fields.map((x) => x.key));
  if (f) errors.push({ field: 'rules.fields', message: msg('call.problem.keyTwice', { key: f }) });
  const c = dup(rules.criteria.map((x) => x.key));
  if (c) errors.push({ field: 'rules.criteria', message: msg('call.problem.keyTwice', { key: c }) });
  const e = dup(rules.eligibility.map((x) => x.key));
  if (e) errors.push({ field: 'rules.eligibility', message: msg('call.problem.keyTwice', { key: e }) });
  if (!rules.criteria.some((x) => !x.independent))
    errors.push({ field: 'rules.criteria', message: msg('call.problem.criterionCounts') });
  if (rules.tieBreak === 'criterion' && !rules.criteria.some((x) => x.key === rules.tieBreakCriterion))
    errors.push({ field: 'rules.tieBreakCriterion', message: msg('call.problem.tieBreak') });
  const tiersTotal = rules.tiers.reduce((s, t) => s + t.count * t.amountCents, 0);
  if (rules.budgetCents !== null && tiersTotal > rules.budgetCents)
    errors.push({ field: 'rules.tiers', message: msg('call.problem.tiersBudget', { cents: tiersTotal }) });
  for (const x of rules.fields)
    if (x.kind === 'choice' && !x.options?.length)
      errors.push({ field: `rules.fields.${x.key}`, message: msg('call.problem.choiceOptions') });
  if (errors.length) throw new AppError('validation', msg('call.problem.rules'), errors);
}

export async function createCall(db: Db, network: Network, actor: User | null, input: CallCreate): Promise<q.CallRow> {
  const chapter = input.chapter ? await findChapter(db, network, input.chapter) : null;
  let chapterId = chapter?.id ?? null;
  if (input.eventId) {
    const event = await findEvent(db, network, input.eventId);
    chapterId ??= event.chapterId;
  }
  authorize(actor, await callPolicy.create(db, actor, network.id, chapterId), 'create a call here');
  checkRules(input.rules);
  return db.transaction(async (tx) => {
    const call = await q.insertCall(tx, {
      networkId: network.id,
      chapterId,
      eventId: input.eventId ?? null,
      kind: input.kind,
      slug: input.slug ?? `${slugify(input.title.en)}-${Math.random().toString(36).slice(2, 6)}`,
      title: input.title,
      description: input.description,
      opensAt: new Date(input.opensAt),
      closesAt: new Date(input.closesAt),
      rules: input.rules,
      createdBy: actor.id,
    });
    await q.insertStages(
      tx,
      input.stages.map((s, i) => ({ callId: call.id, position: i + 1, name: s.name, blind: s.blind })),
    );
    await recordAudit(tx, {
      networkId: network.id,
      actor,
      action: 'call.create',
      subject: `call ${call.slug}`,
      details: { kind: call.kind, opensAt: call.opensAt.toISOString(), closesAt: call.closesAt.toISOString() },
    });
    return call;
  });
}

/**
 * Before the call opens it may change freely. Once open it is frozen: a change must say why
 * (`newVersion.reason`), becomes version n+1 in the call's history, and every applicant and juror
 * is told by e-mail in the same transaction.
 */
export async function updateCall(
  db: Db,
  network: Network,
  actor: User | null,
  id: string,
  patch: CallUpdate,
  opts: { baseUrl: string; now?: Date },
): Promise<q.CallRow> {
  return db.transaction(async (tx) => {
    const call = await findCall(tx, network, id, true);
    authorize(actor, await callPolicy.manage(tx, actor, call), 'change this call');
    const frozen = callState(call, opts.now) !== 'upcoming';
    if (frozen && !patch.newVersion)
      throw new AppError('conflict', msg('call.problem.frozen'), [
        { field: 'newVersion', message: msg('call.problem.frozenField') },
      ]);
    const next = {
      title: patch.title ?? call.title,
      description: patch.description ?? call.description,
      opensAt: patch.opensAt ? new Date(patch.opensAt) : call.opensAt,
      closesAt: patch.closesAt ? new Date(patch.closesAt) : call.closesAt,
      rules: patch.rules ?? call.rules,
    };
    if (next.closesAt <= next.opensAt)
      throw new AppError('validation', msg('call.problem.closeAfterOpen'), [
        { field: 'closesAt', message: msg('call.problem.closeAfterOpenField') },
      ]);
    checkRules(next.rules);
    if (!frozen) return q.updateCallRow(tx, call.id, next);
    const version = call.version + 1;
    const updated = await q.updateCallRow(tx, call.id, { ...next, version });
    await q.insertVersion(tx, {
      callId: call.id,
      version,
      reason: patch.newVersion!.reason,
      snapshot: { ...next, opensAt: next.opensAt.toISOString(), closesAt: next.closesAt.toISOString() },
      changedBy: actor.id,
    });
    await recordAudit(tx, {
      networkId: network.id,
      actor,
      action: 'call.version',
      subject: `call ${call.slug} v${version}`,
      details: { reason: patch.newVersion!.reason },
    });
    const { applicants, jurors } = await q.callAudience(tx, call.id);
    const link = `${opts.baseUrl}/calls/${call.slug}`;
    for (const to of [...applicants, ...jurors])
      await queueCallMail(tx, network, {
        kind: 'call.version',
        to,
        baseUrl: opts.baseUrl,
        link,
        subject: (t, locale) => t('calls.mail.version.subject', { title: call.title[locale], version }),
        paragraphs: (t) => [t('calls.mail.version.body', { version }), patch.newVersion!.reason],
      });
    return updated;
  });
}
