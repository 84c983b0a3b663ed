import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { User } from '../accounts/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { type BlobStore, checkFile, type FileType, findUpload, saveFile } from '../storage/service.js';
import { AppError, notFound } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';
import { isUuid } from '../web/schemas.js';
import { checkAnswers } from './answers.js';
import { blindView } from './blind.js';
import { stripMetadata } from './clean.js';
import { formatInstant } from './format.js';
import { queueCallMail } from './mail.js';
import { callPolicy } from './policy.js';
import * as q from './queries.js';
import { callState, findCall } from './lookup.js';
import type { SubmissionCreate, SubmissionUpdate } from './submission-schemas.js';
import { msg } from '../web/i18n.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const ACCEPTED: readonly FileType[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/zip',
];

/** Who is looking at a submission: its applicant (secret link or own account) or a call manager. */
export type Access = { user: User | null; secret?: string | undefined };

const late = (call: q.CallRow, now: Date, locale: Locale) =>
  new AppError(
    'conflict',
    msg('call.problem.closed', { closed: formatInstant(call.closesAt, locale), now: formatInstant(now, locale) }),
    [{ field: '(body)', message: msg('call.problem.closedField') }],
  );

function checkOpen(call: q.CallRow, now: Date, locale: Locale) {
  const state = callState(call, now);
  if (state === 'closed') throw late(call, now, locale);
  if (state === 'upcoming')
    throw new AppError('conflict', msg('call.problem.opensOn', { when: formatInstant(call.opensAt, locale) }));
}

export const secretMatches = (given: string | undefined, hash: string) =>
  !!given && timingSafeEqual(Buffer.from(sha256(given)), Buffer.from(hash));

/** The submission and whether the caller is its applicant or manages its call; 404 for anyone else. */
export async function submissionFor(db: Tx, network: Network, access: Access, id: string, lock = false) {
  const s = isUuid(id) ? await q.selectSubmission(db, network.id, id, lock) : undefined;
  if (!s) throw notFound(msg('call.problem.submission', { id }));
  const call = await findCall(db, network, s.callId);
  const applicant = secretMatches(access.secret, s.secretHash) || (!!access.user && access.user.id === s.userId);
  const manager = !applicant && (await callPolicy.manage(db, access.user, call));
  if (!applicant && !manager) throw notFound(msg('call.problem.submission', { id }));
  return { submission: s, call, role: applicant ? ('applicant' as const) : ('manager' as const) };
}

export async function submissionBySecret(db: Tx, network: Network, secret: string) {
  const s = await q.selectSubmissionBySecret(db, sha256(secret));
  if (!s || s.networkId !== network.id) throw notFound(msg('call.problem.submissionLink'));
  return { submission: s, call: await findCall(db, network, s.callId) };
}

async function finishSubmit(
  tx: Tx,
  network: Network,
  call: q.CallRow,
  s: q.SubmissionRow,
  now: Date,
  baseUrl: string,
  link: string,
) {
  const files = new Set((await q.selectFiles(tx, [s.id])).map((f) => f.field));
  const errors = checkAnswers(call.rules, s.answers, s.eligibility, { submit: true, filesPresent: files });
  if (!s.title.trim()) errors.unshift({ field: 'title', message: msg('validation.required') });
  if (errors.length) throw new AppError('validation', msg('call.problem.incomplete', { count: errors.length }), errors);
  const wasSubmitted = s.status === 'submitted';
  const row = await q.updateSubmissionRow(tx, s.id, { status: 'submitted', submittedAt: s.submittedAt ?? now });
  await queueCallMail(tx, network, {
    kind: 'call.submission.confirmed',
    to: { email: s.applicantEmail, name: s.applicantName, locale: s.locale },
    baseUrl,
    link,
    subject: (t, l) =>
      t(wasSubmitted ? 'calls.mail.updated.subject' : 'calls.mail.submitted.subject', { title: call.title[l] }),
    paragraphs: (t, l) => [t('calls.mail.submitted.body', { title: s.title, closes: formatInstant(call.closesAt, l) })],
  });
  return row;
}

export async function startSubmission(
  db: Db,
  network: Network,
  user: User | null,
  callId: string,
  input: SubmissionCreate,
  opts: { baseUrl: string; locale: Locale; now?: Date },
): Promise<{ submission: q.SubmissionRow; secret: string; call: q.CallRow }> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const call = await findCall(tx, network, callId);
    checkOpen(call, now, opts.locale);
    const answers = (input.answers ?? {}) as Record<string, unknown>;
    const errors = checkAnswers(call.rules, answers, input.eligibility ?? {}, {
      submit: false,
      filesPresent: new Set(),
    });
    if (errors.length) throw new AppError('validation', msg('call.problem.answers'), errors);
    const secret = randomBytes(24).toString('base64url');
    const locale = input.locale ?? opts.locale;
    let s = await q.insertSubmission(tx, {
      networkId: network.id,
      callId: call.id,
      userId: user?.id ?? null,
      secretHash: sha256(secret),
      applicantName: input.name,
      applicantEmail: input.email,
      organisation: input.organisation ?? '',
      locale,
      language: input.language ?? locale,
      title: input.title ?? '',
      answers,
      eligibility: input.eligibility ?? {},
    });
    const link = `${opts.baseUrl}/s/${secret}`;
    await queueCallMail(tx, network, {
      kind: 'call.submission.link',
      to: { email: s.applicantEmail, name: s.applicantName, locale },
      baseUrl: opts.baseUrl,
      link,
      subject: (t, l) => t('calls.mail.link.subject', { title: call.title[l] }),
      paragraphs: (t, l) => [t('calls.mail.link.body', { closes: formatInstant(call.closesAt, l) })],
    });
    await inviteCoApplicants(tx, network, call, s, input.coApplicants ?? [], opts.baseUrl, link);
    if (input.submit) s = await finishSubmit(tx, network, call, s, now, opts.baseUrl, link);
    return { submission: s, secret, call };
  });
}

async function inviteCoApplicants(
  tx: Tx,
  network: Network,
  call: q.CallRow,
  s: q.SubmissionRow,
  people: { name: string; email: string }[],
  baseUrl: string,
  link: string,
) {
  for (const p of people) {
    const [added] = await q.insertCoApplicant(tx, { submissionId: s.id, name: p.name, email: p.email });
    if (!added) continue;
    await queueCallMail(tx, network, {
      kind: 'call.coapplicant',
      to: { ...p, locale: s.locale },
      baseUrl,
      link,
      subject: (t, l) => t('calls.mail.coapplicant.subject', { title: call.title[l] }),
      paragraphs: (t) => [t('calls.mail.coapplicant.body', { name: s.applicantName })],
    });
  }
}

/** The applicant changes their draft or submission, submits or withdraws — until the call closes. */
export async function updateSubmission(
  db: Db,
  network: Network,
  access: Access,
  id: string,
  patch: SubmissionUpdate,
  opts: { baseUrl: string; locale: Locale; now?: Date; secret?: string },
) {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission: s, call, role } = await submissionFor(tx, network, access, id, true);
    if (role !== 'applicant') throw new AppError('forbidden', msg('call.problem.applicantChanges'));
    checkOpen(call, now, opts.locale);
    const answers = { ...s.answers, ...((patch.answers ?? {}) as Record<string, unknown>) };
    const eligibility = { ...s.eligibility, ...(patch.eligibility ?? {}) };
    const errors = checkAnswers(call.rules, answers, eligibility, { submit: false, filesPresent: new Set() });
    if (errors.length) throw new AppError('validation', msg('call.problem.answers'), errors);
    let row = await q.updateSubmissionRow(tx, s.id, {
      answers,
      eligibility,
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.organisation !== undefined ? { organisation: patch.organisation } : {}),
      ...(patch.locale ? { locale: patch.locale } : {}),
      ...(patch.language ? { language: patch.language } : {}),
      ...(patch.withdraw ? { status: 'withdrawn' as const } : {}),
      // A change after confirmation of the redacted copy needs the organisers to confirm again.
      redactionConfirmedAt: null,
      redacted: null,
    });
    const link = access.secret ? `${opts.baseUrl}/s/${access.secret}` : `${opts.baseUrl}/calls/${call.slug}`;
    await inviteCoApplicants(tx, network, call, row, patch.coApplicants ?? [], opts.baseUrl, link);
    if (!patch.withdraw && (patch.submit || row.status === 'submitted'))
      row = await finishSubmit(tx, network, call, row, now, opts.baseUrl, link);
    return row;
  });
}

/**
 * Attaches a file to a file field: checked by its content and size, its identifying metadata
 * stripped, stored under a neutral name ("plan.pdf"), replacing an earlier file of that field.
 */
export async function attachFile(
  db: Db,
  store: BlobStore,
  network: Network,
  access: Access,
  id: string,
  field: string,
  bytes: Uint8Array,
  opts: { locale: Locale; now?: Date },
) {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const { submission: s, call, role } = await submissionFor(tx, network, access, id, true);
    if (role !== 'applicant') throw new AppError('forbidden', msg('call.problem.applicantFiles'));
    checkOpen(call, now, opts.locale);
    const def = call.rules.fields.find((f) => f.key === field && f.kind === 'file');
    if (!def)
      throw new AppError('validation', msg('call.problem.notFileField', { field }), [
        { field, message: msg('call.problem.notFileFieldShort') },
      ]);
    const type = checkFile({ bytes, name: field, field }, { accept: ACCEPTED, maxBytes: call.rules.maxFileBytes });
    const cleaned = await stripMetadata(bytes, type, field);
    const displayName = `${field}.${cleaned.ext}`;
    const upload = await saveFile(
      tx,
      store,
      network.id,
      { bytes: cleaned.bytes, name: displayName, field },
      { accept: ACCEPTED, maxBytes: call.rules.maxFileBytes * 2 },
      null,
    );
    await q.updateSubmissionRow(tx, s.id, { redactionConfirmedAt: null, redacted: null });
    return q.replaceFile(tx, { submissionId: s.id, field, uploadId: upload.id, displayName });
  });
}

export async function filesWithUploads(db: Tx, network: Network, submissionIds: string[]) {
  const files = await q.selectFiles(db, submissionIds);
  const out = [];
  for (const f of files) {
    const u = await findUpload(db, network.id, f.uploadId);
    if (u)
      out.push({ ...f, contentType: contentTypeOf(f.displayName), byteSize: u.byteSize, sha256: u.sha256, key: u.key });
  }
  return out;
}

export const contentTypeOf = (name: string) =>
  ({
    pdf: 'application/pdf',
    jpg: 'image/jpeg',
    png: 'image/png',
    webp: 'image/webp',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  })[name.split('.').pop() ?? ''] ?? 'application/octet-stream';

/** Everything about a submission for its applicant or managers, including its blind view. */
export async function submissionView(db: Tx, network: Network, s: q.SubmissionRow) {
  const co = await q.selectCoApplicants(db, [s.id]);
  const files = await filesWithUploads(db, network, [s.id]);
  return { submission: s, coApplicants: co, files, blind: blindView(s, co, files) };
}

export const listSubmissions = q.selectSubmissions;
export const coApplicantsOf = q.selectCoApplicants;
export const updateSubmissionRow = q.updateSubmissionRow;
